import AsyncKit
import Fluent
import FluentSQLiteDriver
@testable import FazhiServer
import Foundation
import Testing
import Vapor

/// SQLite's write lock held by another process (here: another connection) for longer than a write waits: the write
/// answers "busy, try again" (503 with `Retry-After`), never an internal error, and writes nothing; the command line
/// beside it waits its turn, or gives up with a clear message.
@Suite("A busy SQLite database")
struct DatabaseBusyTests {
    @Test("A write that cannot get the lock in time answers 503 with Retry-After and a Chinese message, and writes nothing",
          .timeLimit(.minutes(30)))
    func busyWriteAnswers503() async throws {
        try await withTestApp(.sqlite, adjust: { $0.sqliteBusyTimeout = .milliseconds(300) }) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let application = try await registration(app)
            let before = try await CaseRecord.query(on: app.db).count()
            guard case .sqlite(let path) = app.fazhi.database else { Issue.record("not SQLite"); return }

            let lock = try await WriteLock.take(path)
            do {
                try await officer.send(.POST, "/api/v1/reconsideration/cases", json: JSONBody(application)) { res in
                    #expect(res.status == .serviceUnavailable)
                    #expect(res.headers.first(name: .retryAfter) == String(DatabaseBusy.retryAfterSeconds))
                    #expect(res.errorBody?.error.code == "database_busy")
                    #expect(res.errorBody?.error.message == DatabaseBusy.message)
                }
                try await officer.postForm("/logout", [:]) { res in
                    #expect(res.status == .serviceUnavailable)
                    #expect(res.headers.first(name: .retryAfter) == String(DatabaseBusy.retryAfterSeconds))
                    #expect(res.text.contains("请稍后重试"))
                }
            } catch {
                try await lock.release()
                throw error
            }
            try await lock.release()

            #expect(try await CaseRecord.query(on: app.db).count() == before)
            // The lock is free again: the same request goes through.
            _ = try await officer.register(application)
        }
    }

    @Test("PostgreSQL's lock timeout (a real one, between two connections) is recognised as busy: 503, not 500",
          arguments: TestDatabase.all.filter { if case .postgres = $0 { true } else { false } })
    func postgresLockTimeout(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            try await app.db.transaction { holder in
                try await (holder as! any SQLDatabase).raw("SELECT pg_advisory_xact_lock(4242)").run()
                do {
                    try await app.db.transaction { waiter in
                        let sql = waiter as! any SQLDatabase
                        try await sql.raw("SET LOCAL lock_timeout = '100ms'").run()
                        try await sql.raw("SELECT pg_advisory_xact_lock(4242)").run()
                    }
                    Issue.record("the second connection should not get the lock")
                } catch {
                    #expect(DatabaseBusy.matches(error), "\(String(reflecting: error))")
                    #expect(FazhiErrorMiddleware.describe(error).0 == .serviceUnavailable)
                }
            }
        }
    }

    @Test("An SQLite busy or locked error is recognised as busy, other errors are not")
    func recognisesBusy() {
        #expect(DatabaseBusy.matches(DatabaseBusy()))
        // Every connection busy with longer work past the pool's wait (a long pass over 10⁵ cases): 503, not 500.
        #expect(DatabaseBusy.matches(ConnectionPoolTimeoutError.connectionRequestTimeout))
        #expect(!DatabaseBusy.matches(Abort(.conflict)))
        let (status, detail) = FazhiErrorMiddleware.describe(DatabaseBusy())
        #expect(status == .serviceUnavailable)
        #expect(detail.code == "database_busy")
    }

    @Test("The API document lists 503 with Retry-After for every write, and for no read")
    func documentedInOpenAPI() async throws {
        try await withTestApp(.sqlite, demo: false) { app in
            let document = try JSONSerialization.jsonObject(with: OpenAPIDocument.json(app.routes.all)) as? [String: Any]
            let paths = try #require(document?["paths"] as? [String: [String: [String: Any]]])
            for (path, operations) in paths {
                for (method, operation) in operations {
                    let busy = (operation["responses"] as? [String: Any])?["503"] as? [String: Any]
                    #expect((busy != nil) == (method != "get"), "\(method) \(path)")
                    if let busy { #expect((busy["headers"] as? [String: Any])?["Retry-After"] != nil) }
                }
            }
        }
    }

    @Test("Raw statements that may write are queued; reads and pragmas are not")
    func classifiesStatements() {
        #expect(SQLiteWriterDatabase.writes("INSERT INTO t VALUES (1)"))
        #expect(SQLiteWriterDatabase.writes("  update t set a = 1"))
        #expect(SQLiteWriterDatabase.writes("WITH x AS (SELECT 1) DELETE FROM t"))
        #expect(!SQLiteWriterDatabase.writes("SELECT * FROM t"))
        #expect(!SQLiteWriterDatabase.writes("(SELECT 1) UNION (SELECT 2)"))
        #expect(!SQLiteWriterDatabase.writes("PRAGMA cache_size"))
    }

    @Test("fazhi import beside a writer waits for the lock and imports, or gives up with a clear message and exit 75",
          .enabled(if: FazhiBinary.url != nil, "the fazhi executable is built beside the tests"), .timeLimit(.minutes(30)))
    func commandLineWaitsItsTurn() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-busy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try await Self.fazhi(["demo", "--text-logs"], in: folder).status == 0)
        let database = folder.appendingPathComponent("fazhi.sqlite").path
        let sheet = folder.appendingPathComponent("活动.csv")
        try Data("活动日期,活动名称,受众人数\n2024-05-06,并发导入活动,40\n".utf8).write(to: sheet)
        let importSheet = ["import", "--kind", "legalAid.outreach", sheet.path, "--org", "120102-ZF", "--text-logs"]

        // Held for longer than the command waits: it says why, exits 75, and nothing is written.
        var lock = try await WriteLock.take(database)
        let refused = try await Self.fazhi(importSheet, in: folder, environment: ["FAZHI_SQLITE_BUSY_TIMEOUT": "0.5"])
        try await lock.release()
        #expect(refused.status == 75, "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("未写入任何数据"))

        // Held for a moment: the command waits for it, then imports.
        lock = try await WriteLock.take(database)
        let held = lock
        let release = Task {
            try await Task.sleep(for: .milliseconds(1_500))
            try await held.release()
        }
        let imported = try await Self.fazhi(importSheet, in: folder)
        try await release.value
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        #expect(imported.stdout.contains("新增 1 条"), "\(imported.stdout)")
    }

    /// Runs the executable (off the cooperative pool, so the task that releases the lock can run meanwhile).
    static func fazhi(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) async throws -> FazhiBinary.Result {
        try await FazhiBinary.run(arguments, in: folder, environment: environment)
    }
}

/// SQLite's write lock on a database file, taken by a connection of its own (as another process would hold it).
struct WriteLock: Sendable {
    let connection: SQLiteConnection

    static func take(_ path: String) async throws -> WriteLock {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        _ = try await connection.query("BEGIN IMMEDIATE")
        return WriteLock(connection: connection)
    }

    func release() async throws {
        _ = try await connection.query("ROLLBACK")
        try await connection.close()
    }
}
