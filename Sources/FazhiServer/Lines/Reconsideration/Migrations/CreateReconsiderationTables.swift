import Fluent

/// 2026-11-25: reconsideration details and pre-case traffic matters.
struct CreateReconsiderationTables: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("reconsideration_details")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("act", .string, .required)
            .field("request", .string, .required)
            .field("traffic", .bool, .required)
            .unique(on: "case_id")
            .create()
        try await db.schema("precase_matters")
            .id()
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("received_on", .string, .required)
            .field("resolved_on", .string, .required)
            .field("applicant_name", .string, .required)
            .field("act", .string, .required)
            .field("resolution", .string, .required)
            .field("recorded_by", .string, .required)
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("precase_matters").delete()
        try await db.schema("reconsideration_details").delete()
    }
}
