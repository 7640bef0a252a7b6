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

    @Test("A build replaces what an earlier build of the same name left, and the index it leaves is valid", arguments: TestDatabase.all)
    func buildsOverALeftover(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            let sql = try app.db.sql
            // What a first run left: an index of that name, not the one asked for.
            try await sql.raw("CREATE INDEX orgs_online_probe_idx ON orgs (name)").run()
            #expect(try await Self.columns(of: "orgs_online_probe_idx", in: sql) == ["name"])
            try await OnlineIndex.build("orgs_online_probe_idx", on: "orgs", columns: ["code", "name"], in: sql)
            #expect(try await Self.columns(of: "orgs_online_probe_idx", in: sql) == ["code", "name"])
            // Run again (a migration retried after a later step failed): the same index, still valid.
            try await OnlineIndex.build("orgs_online_probe_idx", on: "orgs", columns: ["code", "name"], in: sql)
            #expect(try await Self.columns(of: "orgs_online_probe_idx", in: sql) == ["code", "name"])
        }
    }
}
