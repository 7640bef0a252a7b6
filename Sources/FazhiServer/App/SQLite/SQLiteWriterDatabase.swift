import FluentKit
import FluentSQLiteDriver
import Foundation
import NIOCore
import SQLKit

extension DatabaseConfigurationFactory {
    /// An SQLite file in WAL mode whose writes all go through one `SQLiteWriter`: `.sqlite(.file(path))` with every
    /// database handle wrapped in a `SQLiteWriterDatabase`.
    static func sqliteWithOneWriter(path: String, busyTimeout: Duration) -> DatabaseConfigurationFactory {
        .init {
            SQLiteWriterConfiguration(base: DatabaseConfigurationFactory.sqlite(.file(path)).make(),
                                      writer: SQLiteWriter(busyTimeout: busyTimeout))
        }
    }
}

struct SQLiteWriterConfiguration: DatabaseConfiguration {
    var base: any DatabaseConfiguration
    let writer: SQLiteWriter

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        Driver(base: base.makeDriver(for: databases), writer: writer)
    }

    struct Driver: DatabaseDriver {
        let base: any DatabaseDriver
        let writer: SQLiteWriter

        func makeDatabase(with context: DatabaseContext) -> any Database {
            SQLiteWriterDatabase(base: base.makeDatabase(with: context), writer: writer, inTransaction: false)
        }

        func shutdown() { base.shutdown() }
        func shutdownAsync() async { await base.shutdownAsync() }
    }
}

/// A handle on the SQLite database that sends every write through the process's one `SQLiteWriter`: a transaction
/// waits for its turn, then begins with `BEGIN IMMEDIATE` (the write lock is taken first, so a transaction that read
/// before it writes can never fail on upgrading its lock); a write outside any transaction (a session renewed, a
/// login counted) becomes a transaction of its own. Reads go straight to the pool. This is the single point where
/// SQLite writes are ordered; PostgreSQL is configured without it.
struct SQLiteWriterDatabase: Database, SQLDatabase {
    let base: any Database
    let writer: SQLiteWriter
    let inTransaction: Bool

    var context: DatabaseContext { base.context }

    /// WAL lets readers go on while a write is under way. The file remembers the mode, so after the first start this is
    /// a no-op.
    static func enableWAL(on db: any Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode = WAL").run()
    }

    // MARK: Database

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        switch query.action {
        case .read, .aggregate:
            return base.execute(query: query, onOutput: onOutput)
        case .create, .update, .delete, .custom:
            guard inTransaction else {
                return transaction { $0.execute(query: query, onOutput: onOutput) }
            }
            return base.execute(query: query, onOutput: onOutput)
        }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        guard inTransaction else { return transaction { $0.execute(schema: schema) } }
        return base.execute(schema: schema)
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        base.execute(enum: `enum`)
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard !inTransaction else { return closure(self) }
        let promise = eventLoop.makePromise(of: T.self)
        let box = FutureResult<T>()
        promise.completeWithTask {
            try await writer.write {
                try await base.withConnection { connection in
                    connection.eventLoop.makeFutureWithTask {
                        try await Self.immediateTransaction(on: connection, writer: writer) { tx in
                            box.value = try await closure(tx).get()
                        }
                    }
                }.get()
            }
            return box.take()
        }
        return promise.futureResult
    }

    /// A write on the handle given to `closure` waits for its turn while holding the connection, and the writer whose
    /// turn it is may need that same connection: write in a `transaction`, not inside `withConnection`.
    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard !inTransaction else { return closure(self) }
        return base.withConnection { closure(SQLiteWriterDatabase(base: $0, writer: writer, inTransaction: false)) }
    }

    /// Runs `body` in a write transaction on `connection`, whose turn it already is.
    private static func immediateTransaction(on connection: any Database, writer: SQLiteWriter,
                                             _ body: @Sendable (any Database) async throws -> Void) async throws {
        let sql = connection as! SQLDatabase
        // The pool's connections come with a busy handler that spins without end; this one sleeps, and gives up.
        let milliseconds = writer.busyTimeout.components.seconds * 1_000 + writer.busyTimeout.components.attoseconds / 1_000_000_000_000_000
        try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(milliseconds))").run()
        // A writing connection gets a 32 MB page cache (SQLite's default is 2 MB): a large write (a generated year, an
        // import) otherwise spills its changed pages to the file before the commit, and rereads index pages per row.
        // The pool holds two connections, so this bounds the caches at 64 MB.
        try await sql.raw("PRAGMA cache_size = -32768").run()
        try await sql.raw("BEGIN IMMEDIATE").run()
        do {
            try await body(SQLiteWriterDatabase(base: connection, writer: writer, inTransaction: true))
            try await sql.raw("COMMIT").run()
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }

    // MARK: SQLDatabase

    private var sql: any SQLDatabase { base as! SQLDatabase }

    var dialect: any SQLDialect { sql.dialect }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        guard !inTransaction, Self.writes(serialize(query).sql) else { return sql.execute(sql: query, onRow) }
        return transaction { ($0 as! SQLDatabase).execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await execute(sql: query, onRow).get()
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await withConnection { db in
            db.eventLoop.makeFutureWithTask { try await closure(db as! SQLDatabase) }
        }.get()
    }

    /// Whether a raw statement may write: anything but a read or a pragma is queued, so an unknown kind errs on the
    /// side of waiting its turn. `VACUUM` is not queued: SQLite runs it only outside a transaction, and `VACUUM INTO`
    /// (`fazhi backup`) only reads this database, one snapshot, while the writer goes on.
    static func writes(_ statement: String) -> Bool {
        let keyword = statement.drop { $0.isWhitespace || $0 == "(" }.prefix { $0.isLetter }.uppercased()
        return !["SELECT", "PRAGMA", "EXPLAIN", "VALUES", "VACUUM"].contains(keyword)
    }
}

/// Carries a transaction's result out of the closure that produced it (the closure's own value is `Void`).
private final class FutureResult<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?

    var value: T? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    func take() -> T { value! }
}
