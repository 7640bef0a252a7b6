import Foundation

/// Where a configuration's data keys live: in the environment (`FAZHI_DATA_KEY`, during a rotation also
/// `FAZHI_DATA_KEY_NEXT`), required with PostgreSQL; or in the key files beside the SQLite database (`DataKeyFile`).
enum DataKeyStore {
    case environment(key: String, next: String?)
    case file(DataKeyFile)

    init(_ config: FazhiConfiguration) throws {
        if let key = config.dataKey {
            self = .environment(key: key, next: config.dataKeyNext)
        } else if case .sqlite(let path) = config.database {
            self = .file(DataKeyFile(path: path + ".key"))
        } else {
            throw DataProtection.Failure.badKey("FAZHI_DATA_KEY is required with DATABASE_URL: 32 random bytes in Base64 (openssl rand -base64 32)")
        }
    }

    /// The keys in force; refuses to start on a key file that exists but cannot be read.
    func protection() throws -> DataProtection {
        switch self {
        case .environment(let key, let next): try DataProtection(environment: key, next: next)
        case .file(let file): try file.load()
        }
    }
}
