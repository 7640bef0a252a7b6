import Fluent

/// 2026-11-25: saved versions of the annual-report draft's narrative.
struct CreateReportDrafts: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("report_drafts")
            .id()
            .field("year", .int, .required)
            .field("org_id", .uuid, .required)
            .field("narratives", .string, .required)
            .field("version", .int, .required)
            .field("saved_by", .string, .required)
            .field("saved_at", .datetime, .required)
            .unique(on: "year", "org_id", "version")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("report_drafts").delete()
    }
}
