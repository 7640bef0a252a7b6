import Fluent
import SQLKit

/// 2026-11-25: the per-day, per-org, per-metric sums behind the dashboard and the report.
struct CreateMetricRollups: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("metric_rollups")
            .field("metric_key", .string, .required)
            .field("org_id", .uuid, .required)
            .field("day", .string, .required)
            .field("numerator", .int, .required)
            .field("denominator", .int, .required)
            .unique(on: "metric_key", "org_id", "day")
            .create()
        if let sql = db as? SQLDatabase {
            try await sql.create(index: "metric_rollups_day_idx").on("metric_rollups").column("day").column("metric_key").run()
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema("metric_rollups").delete()
    }
}
