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
