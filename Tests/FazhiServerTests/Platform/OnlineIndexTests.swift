import FluentSQL
@testable import FazhiServer
import Testing
import Vapor

/// An index added to a table in use (`OnlineIndex`): built `CONCURRENTLY` on PostgreSQL, and built again over what a
/// failed first build left behind.
@Suite("Online index builds")
struct OnlineIndexTests {
    /// The index's columns, in order, as the database reports them; empty when there is no such index.
    static func columns(of index: String, in sql: SQLDatabase) async throws -> [String] {
        if sql.dialect.name == "sqlite" {
            return try await sql.raw("SELECT name FROM pragma_index_info(\(bind: index)) ORDER BY seqno").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
        return try await sql.raw("""
            SELECT a.attname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
            JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true \
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
            WHERE c.relname = \(bind: index) AND i.indisvalid ORDER BY k.position
            """).all().map { try $0.decode(column: "name", as: String.self) }
    }

    @Test("A build replaces what a failed build of the same name left, and the index it leaves is valid", arguments: TestDatabase.all)
    func buildsOverALeftover(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            let sql = try app.db.sql
            try await sql.raw("CREATE TABLE online_probe (v INTEGER, w INTEGER)").run()
            try await sql.raw("INSERT INTO online_probe (v, w) VALUES (1, 2), (1, 3)").run()
            if sql.dialect.name == "postgresql" {
                // A concurrent build that fails (a unique index over duplicates) leaves an invalid index of that name.
                await #expect(throws: (any Error).self) {
                    try await sql.raw("CREATE UNIQUE INDEX CONCURRENTLY online_probe_idx ON online_probe (v)").run()
                }
                let invalid = try await sql.raw("""
                    SELECT COUNT(*) AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
                    WHERE c.relname = 'online_probe_idx' AND NOT i.indisvalid
                    """).first()?.decode(column: "n", as: Int.self)
                #expect(invalid == 1)
            } else {
                // SQLite leaves nothing of a failed build; an index of that name, not the one asked for, stands in.
                try await sql.raw("CREATE INDEX online_probe_idx ON online_probe (w)").run()
            }
            try await OnlineIndex.build("online_probe_idx", on: "online_probe", columns: ["v", "w"], in: sql)
            #expect(try await Self.columns(of: "online_probe_idx", in: sql) == ["v", "w"])
            // Run again (a migration retried after a later step failed): the same index, still valid.
            try await OnlineIndex.build("online_probe_idx", on: "online_probe", columns: ["v", "w"], in: sql)
            #expect(try await Self.columns(of: "online_probe_idx", in: sql) == ["v", "w"])
        }
    }
}

/// A line's records keyed by their bureau (`KeyRecordsByBureau`), its run cut off part way and run again: the column,
/// the triggers and the index each once, every row keyed.
@Suite("The tenancy key's migration run again")
struct KeyRecordsRerunTests {
    /// How many triggers `table` has: one per event on PostgreSQL (the fill), two on SQLite (the fill and the follow).
    static func triggers(on table: String, in sql: SQLDatabase) async throws -> Int {
        let count = sql.dialect.name == "postgresql"
            ? sql.raw("""
                SELECT COUNT(*) AS n FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
                WHERE c.relname = \(bind: table) AND NOT t.tgisinternal
                """)
            : sql.raw("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name = \(bind: table)")
        return try await count.first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test("A run cut off after the column was added, then the whole migration twice: one column, its triggers once, every row keyed",
          arguments: TestDatabase.all)
    func rerunsAfterTheColumnStep(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let sql = try app.db.sql
            let bureau = try #require(try await Org.query(on: app.db).filter(\.$kind == .bureau).first())
            let uuid = sql.dialect.name == "postgresql" ? "UUID" : "BLOB"
            try await sql.raw("CREATE TABLE keyed_probe (id \(unsafeRaw: uuid) PRIMARY KEY, org_id \(unsafeRaw: uuid), filed_on TEXT)").run()
            try await sql.raw("INSERT INTO keyed_probe (id, org_id, filed_on) VALUES (\(bind: UUID()), \(bind: bureau.id!), '2025-01-02')").run()
            let migration = KeyRecordsByBureau(name: "KeyProbeByBureau", tables: ["keyed_probe"], indexes: [
                .init(name: "keyed_probe_bureau_idx", table: "keyed_probe", columns: ["bureau_id", "filed_on"]),
            ])
            // The first run stopped after adding the column: no trigger, no fill, no index yet; a row written then by the
            // previous binary has no key. Then the whole migration, twice.
            try await app.db.schema("keyed_probe").field("bureau_id", .uuid).update()
            try await sql.raw("INSERT INTO keyed_probe (id, org_id, filed_on) VALUES (\(bind: UUID()), \(bind: bureau.id!), '2025-01-03')").run()
            #expect(try await Self.triggers(on: "keyed_probe", in: sql) == 0)
            try await migration.prepare(on: app.db)
            let triggers = try await Self.triggers(on: "keyed_probe", in: sql)
            #expect(triggers == (sql.dialect.name == "postgresql" ? 1 : 2))
            try await migration.prepare(on: app.db)
            #expect(try await Self.triggers(on: "keyed_probe", in: sql) == triggers)
            #expect(try await TenancyKeyColumn.hasColumn("keyed_probe", on: sql))
            #expect(try await OnlineIndexTests.columns(of: "keyed_probe_bureau_idx", in: sql) == ["bureau_id", "filed_on"])
            // The trigger still keys a row written without its key, and every stored row carries the bureau.
            try await sql.raw("INSERT INTO keyed_probe (id, org_id, filed_on) VALUES (\(bind: UUID()), \(bind: bureau.id!), '2025-01-04')").run()
            let keys = try await sql.raw("SELECT bureau_id FROM keyed_probe").all().map { try $0.decode(column: "bureau_id", as: UUID?.self) }
            #expect(keys.count == 3)
            #expect(keys.allSatisfy { $0 == bureau.bureauID })
            // And it reverts: no column, no triggers.
            try await migration.revert(on: app.db)
            #expect(try await !TenancyKeyColumn.hasColumn("keyed_probe", on: sql))
            #expect(try await Self.triggers(on: "keyed_probe", in: sql) == 0)
        }
    }
}
