import Fluent
import SQLKit

/// 2026-12-06: ledger and register entries carry their org's bureau (the tenancy key, `TenancyKeyColumn`), and the
/// indexes their lists walk start with it (issue 18): a district's ledger page reads only its own entries in a city's
/// database. `BookWriter` sets the key with the rows; the trigger covers the previous binary's inserts during a rolling
/// upgrade. The kind-first indexes of `CreateLedgerTables` stay: the report's year counts read every org of a kind.
struct IndexBooksByBureau: AsyncMigration {
    static let tables = [LedgerEntry.schema, RegisterEntry.schema]

    func prepare(on db: Database) async throws {
        try await TenancyKeyColumn.add(to: Self.tables, on: db)
        let sql = try db.sql
        // A ledger lists by the day it was held, newest first; a register by name.
        try await sql.create(index: "ledger_entries_bureau_list_idx").on(LedgerEntry.schema)
            .column("bureau_id").column("kind").column("occurred_on").column("org_id").run()
        try await sql.create(index: "register_entries_bureau_list_idx").on(RegisterEntry.schema)
            .column("bureau_id").column("kind").column("name").column("org_id").run()
    }

    func revert(on db: Database) async throws {
        let sql = try db.sql
        for index in ["ledger_entries_bureau_list_idx", "register_entries_bureau_list_idx"] {
            try await sql.drop(index: index).run()
        }
        try await TenancyKeyColumn.remove(from: Self.tables, on: db)
    }
}
