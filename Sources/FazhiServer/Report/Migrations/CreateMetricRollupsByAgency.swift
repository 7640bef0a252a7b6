import Fluent
import SQLKit

/// 2026-12-05: the rollup's sums kept per respondent agency as well, for the metrics a case line names
/// (`CaseLineRules.metricsByAgency`); each line's own migration fills it from the cases it already has.
struct CreateMetricRollupsByAgency: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(MetricRollup.byAgencyTable)
            .field("metric_key", .string, .required)
            .field("org_id", .uuid, .required)
            .field("agency_id", .uuid, .required)
            .field("day", .string, .required)
            .field("numerator", .int, .required)
            .field("denominator", .int, .required)
            .unique(on: "metric_key", "org_id", "agency_id", "day")
            .create()
        if let sql = db as? SQLDatabase {
            try await sql.create(index: "metric_rollups_by_agency_day_idx").on(MetricRollup.byAgencyTable)
                .column("metric_key").column("day").run()
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema(MetricRollup.byAgencyTable).delete()
    }
}
