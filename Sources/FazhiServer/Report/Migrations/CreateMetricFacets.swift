import Fluent

/// 2026-12-06: a case line's breakdowns summed per key, org, facet and month (`FacetRollup`); each line that keeps
/// some fills them from the cases it already has (`CountStoredFacets`).
struct CreateMetricFacets: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(FacetRollup.table)
            .field("metric_key", .string, .required)
            .field("org_id", .uuid, .required)
            .field("facet", .string, .required)
            .field("month", .string, .required)
            .field("numerator", .int, .required)
            .field("denominator", .int, .required)
            .unique(on: "metric_key", "org_id", "facet", "month")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema(FacetRollup.table).delete()
    }
}
