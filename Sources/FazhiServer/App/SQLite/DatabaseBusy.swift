import AsyncKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// The database was too busy to take a write in time: another process (such as `fazhi import` beside a running server)
/// held SQLite's write lock longer than `FazhiConfiguration.sqliteBusyTimeout`, or this process's queue of writers did not reach
/// the write within `SQLiteWriter.patience`. Nothing was written; the same request can simply be sent again, so the
/// web and the API answer 503 with `Retry-After`, and the command line says so and exits 75 (EX_TEMPFAIL).
public struct DatabaseBusy: Error, CustomStringConvertible {
    /// How long the caller is asked to wait before trying again.
    public static let retryAfterSeconds = 5
    public static let message = "系统繁忙：其他人正在写入数据库，本次操作未保存，请稍后重试"

    /// What the command line says when it gave up waiting (exit 75).
    public static let commandLineMessage = "数据库正被另一进程（如运行中的服务器）写入，等待后仍未轮到，本次操作未写入任何数据；请稍后重试"

    public var description: String { Self.message }

    /// Whether `error` is a busy database: ours, SQLite's own `SQLITE_BUSY` / `SQLITE_LOCKED` ("database is locked"),
    /// PostgreSQL's deadlock, lock and serialization failures.
    /// Also a request that waited too long for a database connection (every connection busy with longer work): it
    /// too wrote nothing and may simply be sent again.
    public static func matches(_ error: Error) -> Bool {
        if error is DatabaseBusy { return true }
        if case ConnectionPoolTimeoutError.connectionRequestTimeout = error { return true }
        if let postgres = error as? PSQLError, let state = postgres.serverInfo?[.sqlState] {
            // PostgreSQL rolled the transaction back because of another writer: a deadlock (40P01), a lock not
            // available in time (55P03) or a serialization failure (40001). Nothing was written; sending it again works.
            return ["40P01", "55P03", "40001"].contains(state)
        }
        guard let sqlite = error as? SQLiteError else { return false }
        switch sqlite.reason {
        case .busy, .busyTimeout, .busyInSnapshot, .busyInRecovery, .locked, .lockedBySharedCache: return true
        default: return false
        }
    }
}
