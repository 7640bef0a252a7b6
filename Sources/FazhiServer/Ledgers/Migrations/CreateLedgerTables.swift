import Fluent
import SQLKit

/// 2026-11-27: ledger and register entries, one table each for every kind, unique by kind, org and natural key
/// (so a re-import adds nothing even when two imports race), indexed for the report's year queries.
struct CreateLedgerTables: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("ledger_entries")
            .id()
            .field("kind", .string, .required)
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("occurred_on", .string, .required)
            .field("quantity", .int, .required)
            .field("title", .string, .required)
            .field("fields", .string, .required)
            .field("natural_key", .string, .required)
            .field("import_id", .uuid)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "kind", "org_id", "natural_key")
            .create()
        try await db.schema("register_entries")
            .id()
            .field("kind", .string, .required)
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("name", .string, .required)
            .field("fields", .string, .required)
            .field("natural_key", .string, .required)
            .field("active_from", .string, .required)
            .field("active_to", .string)
            .field("import_id", .uuid)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "kind", "org_id", "natural_key")
            .create()
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "ledger_entries_kind_date_idx").on("ledger_entries").column("kind").column("occurred_on").run()
        try await sql.create(index: "register_entries_kind_from_idx").on("register_entries").column("kind").column("active_from").run()
    }

    func revert(on db: Database) async throws {
        try await db.schema("register_entries").delete()
        try await db.schema("ledger_entries").delete()
    }
}
