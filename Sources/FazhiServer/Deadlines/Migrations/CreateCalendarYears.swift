import Fluent

/// 2026-11-25: holiday notices imported by admins.
struct CreateCalendarYears: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("calendar_years")
            .id()
            .field("year", .int, .required)
            .field("notice", .string, .required)
            .field("data", .string, .required)
            .field("imported_by", .string, .required)
            .field("imported_at", .datetime, .required)
            .unique(on: "year")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("calendar_years").delete()
    }
}
