import Fluent
import SQLKit

/// 2026-12-05: files kept with ledger and register entries (the photos of an event), indexed by entry.
struct CreateEntryAttachments: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("entry_attachments")
            .id()
            .field("family", .string, .required)
            .field("kind", .string, .required)
            .field("entry_id", .uuid, .required)
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_at", .datetime, .required)
            .create()
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "entry_attachments_entry_idx").on("entry_attachments").column("entry_id").run()
    }

    func revert(on db: Database) async throws {
        try await db.schema("entry_attachments").delete()
    }
}
