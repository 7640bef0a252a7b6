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
    /// A PostgreSQL streaming replica for reads that may trail by a few seconds (`DATABASE_READ_URL`): dashboards,
    /// reports, drill-downs, exports and search. Only beside a PostgreSQL `DATABASE_URL`.
    public var readDatabaseURL: String?
    /// How far the replica may trail the primary and still serve reads (`FAZHI_REPLICA_MAX_LAG`, seconds, default 10).
    public var replicaMaxLag: Double = 10
    public var hostname: String
    public var port: Int
    /// Load demo data on start (`FAZHI_DEMO=1` or `serve --demo`).
    public var loadDemo: Bool
    /// bcrypt cost for new password hashes; tests lower it to keep the suite fast.
    public var bcryptCost: Int
    /// How long a login session lasts without use.
    public var sessionLifetime: TimeInterval
    /// How long a login session lasts at most, however busy (`FAZHI_SESSION_MAX_HOURS`, default 12).
    public var sessionAbsoluteLifetime: TimeInterval
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed (`FAZHI_TRUSTED_PROXIES`, comma-separated).
    public var trustedProxies: Set<String>
    /// The address users reach the system at (`FAZHI_PUBLIC_URL`). With `https://` the session cookie is marked
    /// `Secure` and every response carries HSTS.
    public var publicURL: String?
    /// Log lines as JSON objects (default) or as plain text (`FAZHI_LOG_FORMAT=text`).
    public var jsonLogs: Bool
    /// `FAZHI_DATA_KEY`: the key that encrypts personal data (32 bytes, Base64). Absent with SQLite: a key file
    /// `<database>.key` beside the database is used, created on first start. Required with PostgreSQL.
    public var dataKey: String?
    /// `FAZHI_DATA_KEY_NEXT`: while `fazhi keys rotate` runs on keys from the environment, the new key (it seals, both
    /// open). With a key file the next key is `<database>.key.next` instead.
    public var dataKeyNext: String?
    /// With SQLite, how long a write waits for the write lock while another process (the command line beside a running
    /// server) holds it, before it gives up with "busy, try again" (HTTP 503, or exit 75 on the command line).
    public var sqliteBusyTimeout: Duration = .seconds(10)
    /// Where the portal's text messages (one-time codes, notices) go: an SMS provider's HTTP endpoint that takes
    /// `{"phone","text"}` as JSON (`FAZHI_SMS_URL`, with `FAZHI_SMS_TOKEN` as a bearer token); nil writes each message to
    /// the server's log instead, which suits a trial and never a real service (the log would hold every code).
    public var smsURL: String?
    public var smsToken: String?
    /// Where reminders by e-mail go: an SMTP relay (`FAZHI_SMTP_URL`, `smtp://[user:password@]host[:port]`, plain SMTP
    /// only; a start with any other address is refused) and the sender (`FAZHI_MAIL_FROM`); without one each mail is
    /// written to the server's log instead.
    public var smtpURL: String?
    public var mailFrom: String = "fazhi@localhost"
    /// This node's name in the jobs' records (`FAZHI_NODE_NAME`; default the host name and process id).
    public var nodeName: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"

    public init(
        database: Database = .sqlite(path: "fazhi.sqlite"),
        hostname: String = "127.0.0.1",
        port: Int = 8080,
        loadDemo: Bool = false,
        bcryptCost: Int = 12,
        sessionLifetime: TimeInterval = 8 * 3600,
        sessionAbsoluteLifetime: TimeInterval = 12 * 3600,
        trustedProxies: Set<String> = [],
        publicURL: String? = nil,
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
        self.sessionAbsoluteLifetime = sessionAbsoluteLifetime
        self.trustedProxies = trustedProxies
        self.publicURL = publicURL
        self.jsonLogs = jsonLogs
        self.dataKey = dataKey
        self.dataKeyNext = dataKeyNext
    }

    /// Reads `DATABASE_URL`, `PORT`, `HOST`, `FAZHI_DEMO`, `FAZHI_LOG_FORMAT`, `FAZHI_DATA_KEY`, `FAZHI_DATA_KEY_NEXT`,
    /// `FAZHI_SESSION_MAX_HOURS`, `FAZHI_TRUSTED_PROXIES`, `FAZHI_PUBLIC_URL`, `FAZHI_SQLITE_BUSY_TIMEOUT` (seconds),
    /// `FAZHI_SMS_URL`, `FAZHI_SMS_TOKEN`, `FAZHI_SMTP_URL`, `FAZHI_MAIL_FROM`, `FAZHI_NODE_NAME`, `DATABASE_READ_URL`,
    /// `FAZHI_REPLICA_MAX_LAG` (seconds).
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> FazhiConfiguration {
        var config = FazhiConfiguration()
        if let url = env["DATABASE_URL"], !url.isEmpty {
            config.database = .postgres(url: url)
        }
        if let url = env["DATABASE_READ_URL"], !url.isEmpty { config.readDatabaseURL = url }
        if let seconds = env["FAZHI_REPLICA_MAX_LAG"].flatMap(Double.init), seconds >= 1, seconds <= 3600 { config.replicaMaxLag = seconds }
        if let port = env["PORT"].flatMap(Int.init) { config.port = port }
        if let host = env["HOST"], !host.isEmpty { config.hostname = host }
        config.loadDemo = ["1", "true", "yes"].contains(env["FAZHI_DEMO"]?.lowercased() ?? "")
        config.jsonLogs = env["FAZHI_LOG_FORMAT"]?.lowercased() != "text"
        if let key = env["FAZHI_DATA_KEY"], !key.isEmpty { config.dataKey = key }
        if let hours = env["FAZHI_SESSION_MAX_HOURS"].flatMap(Double.init), hours > 0, hours <= 24 * 30 {
            config.sessionAbsoluteLifetime = hours * 3600
        }
        if let proxies = env["FAZHI_TRUSTED_PROXIES"] {
            config.trustedProxies = Set(proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        if let url = env["FAZHI_PUBLIC_URL"], !url.isEmpty { config.publicURL = url }
        if let key = env["FAZHI_DATA_KEY_NEXT"], !key.isEmpty { config.dataKeyNext = key }
        if let url = env["FAZHI_SMS_URL"], !url.isEmpty { config.smsURL = url }
        if let token = env["FAZHI_SMS_TOKEN"], !token.isEmpty { config.smsToken = token }
        if let url = env["FAZHI_SMTP_URL"], !url.isEmpty { config.smtpURL = url }
        if let from = env["FAZHI_MAIL_FROM"], !from.isEmpty { config.mailFrom = from }
        if let node = env["FAZHI_NODE_NAME"], !node.isEmpty { config.nodeName = String(node.prefix(100)) }
        if let seconds = env["FAZHI_SQLITE_BUSY_TIMEOUT"].flatMap(Double.init), seconds > 0, seconds <= 600 {
            config.sqliteBusyTimeout = .milliseconds(Int(seconds * 1_000))
        }
        return config
    }

    /// Whether users reach the system over TLS (a `https://` public address): cookies are `Secure`, HSTS is sent.
    public var servesTLS: Bool { publicURL?.lowercased().hasPrefix("https://") == true }
}

/// A setting that cannot be used as given: the server does not start, and says which and why.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
