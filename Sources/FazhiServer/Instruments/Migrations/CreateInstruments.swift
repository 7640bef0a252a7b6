import Fluent
import SQLKit

/// 2026-11-25: formal documents archived with their cases.
struct CreateInstruments: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("instruments")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("org_id", .uuid, .required)
            .field("line", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("number", .string, .required)
            .field("version", .int, .required)
            .field("superseded", .bool, .required)
            .field("issued_at", .datetime, .required)
            .field("issued_by", .string, .required)
            .field("docx", .data, .required)
            .field("html", .string, .required)
            .create()
        if let sql = db as? SQLDatabase {
            try await sql.create(index: "instruments_case_idx").on("instruments").column("case_id").column("kind").run()
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema("instruments").delete()
    }
}
