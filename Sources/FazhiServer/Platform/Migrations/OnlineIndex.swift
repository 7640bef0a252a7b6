import SQLKit

/// An index added to a table that is being written to: on PostgreSQL built `CONCURRENTLY`, without the write lock, as
/// the previous binary goes on writing while the new one migrates during a rolling upgrade (migrations run outside a
/// transaction, as CONCURRENTLY needs); on SQLite, which has one writer anyway, built plainly. A concurrent build that
/// failed or was cancelled leaves an invalid index behind, so a second run drops what the first left before building.
///
/// Released migrations build through it (`IndexCaseStates`, `KeyRecordsByBureau`), so the statements it runs are part of
/// them: keep them as they are (`OnlineIndexTests` reads back what they build); a different way to build is a new type.
enum OnlineIndex {
    static func build(_ name: String, on table: String, columns: [String], in sql: SQLDatabase) async throws {
        let concurrently = sql.dialect.name == "postgresql" ? "CONCURRENTLY " : ""
        try await sql.raw("DROP INDEX \(unsafeRaw: concurrently)IF EXISTS \(ident: name)").run()
        try await sql.raw("""
            CREATE INDEX \(unsafeRaw: concurrently)\(ident: name) ON \(ident: table) (\(SQLList(columns.map { SQLIdentifier($0) })))
            """).run()
    }
}
