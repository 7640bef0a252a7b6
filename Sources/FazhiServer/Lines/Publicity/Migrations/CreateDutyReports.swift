import Fluent

/// 2026-12-05: the agencies' 谁执法谁普法 duty reports as submitted and reviewed, one per agency and year.
struct CreateDutyReports: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("publicity_duty_reports")
            .id()
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("year", .int, .required)
            .field("title", .string, .required)
            .field("text", .string, .required)
            .field("submitted_on", .string, .required)
            .field("submitted_by", .string, .required)
            .field("file_name", .string)
            .field("file_type", .string)
            .field("file_data", .data)
            .field("reviewed_on", .string)
            .field("score", .int)
            .field("comments", .string)
            .field("reviewed_by", .string)
            .unique(on: "org_id", "year")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("publicity_duty_reports").delete()
    }
}
