import Foundation

/// All configuration, read once from the environment at start (DESIGN.md, "Config").
public struct FazhiConfiguration: Sendable {
    public enum Database: Sendable, Equatable {
        /// The embedded default: one SQLite file.
        case sqlite(path: String)
        /// Production: a PostgreSQL URL (`postgres://user:pass@host:port/db`).
        case postgres(url: String)
    }

    public var database: Database
    public var hostname: String
    public var port: Int
    /// Load demo data on start (`FAZHI_DEMO=1` or `serve --demo`).
    public var loadDemo: Bool
    /// bcrypt cost for new password hashes; tests lower it to keep the suite fast.
    public var bcryptCost: Int
    /// How long a login session lasts without use.
    public var sessionLifetime: TimeInterval
    /// Log lines as JSON objects (default) or as plain text (`FAZHI_LOG_FORMAT=text`).
    public var jsonLogs: Bool
    /// `FAZHI_DATA_KEY`: the key that encrypts personal data (32 bytes, Base64). Absent with SQLite: a key file
    /// `<database>.key` beside the database is used, created on first start. Required with PostgreSQL.
    public var dataKey: String?
    /// `FAZHI_DATA_KEY_NEXT`: while `fazhi keys rotate` runs on keys from the environment, the new key (it seals, both
    /// open). With a key file the next key is `<database>.key.next` instead.
    public var dataKeyNext: String?

    public init(
        database: Database = .sqlite(path: "fazhi.sqlite"),
        hostname: String = "127.0.0.1",
        port: Int = 8080,
        loadDemo: Bool = false,
        bcryptCost: Int = 12,
        sessionLifetime: TimeInterval = 8 * 3600,
        jsonLogs: Bool = true,
        dataKey: String? = nil,
        dataKeyNext: String? = nil
    ) {
        self.database = database
        self.hostname = hostname
        self.port = port
        self.loadDemo = loadDemo
        self.bcryptCost = bcryptCost
        self.sessionLifetime = sessionLifetime
        self.jsonLogs = jsonLogs
        self.dataKey = dataKey
        self.dataKeyNext = dataKeyNext
    }

    /// Reads `DATABASE_URL`, `PORT`, `HOST`, `FAZHI_DEMO`, `FAZHI_LOG_FORMAT`, `FAZHI_DATA_KEY`,
    /// `FAZHI_DATA_KEY_NEXT`.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> FazhiConfiguration {
        var config = FazhiConfiguration()
        if let url = env["DATABASE_URL"], !url.isEmpty {
            config.database = .postgres(url: url)
        }
        if let port = env["PORT"].flatMap(Int.init) { config.port = port }
        if let host = env["HOST"], !host.isEmpty { config.hostname = host }
        config.loadDemo = ["1", "true", "yes"].contains(env["FAZHI_DEMO"]?.lowercased() ?? "")
        config.jsonLogs = env["FAZHI_LOG_FORMAT"]?.lowercased() != "text"
        if let key = env["FAZHI_DATA_KEY"], !key.isEmpty { config.dataKey = key }
        if let key = env["FAZHI_DATA_KEY_NEXT"], !key.isEmpty { config.dataKeyNext = key }
        return config
    }
}
