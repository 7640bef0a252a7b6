import Fluent
import FazhiCore
import SQLKit

/// 2026-12-05: fills the rollup by agency (`metric_rollups_by_agency`) with the reconsideration cases already stored,
/// as their contributions would have put them there (`ReconsiderationRules.contributions`, `metricsByAgency`):
/// applications by the day received; decisions on the merits by the day concluded, the corrections counted.
struct RollUpReconsiderationByAgency: AsyncMigration {
    func prepare(on db: Database) async throws {
        let sql = try db.sql
        let line = WorkLine.reconsideration.rawValue
        try await sql.raw("""
            INSERT INTO metric_rollups_by_agency (metric_key, org_id, agency_id, day, numerator, denominator)
            SELECT 'reconsideration.received', org_id, agency_id, received_on, COUNT(*), 0 FROM cases
            WHERE line = \(bind: line) AND agency_id IS NOT NULL GROUP BY org_id, agency_id, received_on
            """).run()
        let merits = SQLList(ReconsiderationMetrics.merits.map { SQLBind($0) })
        let corrections = SQLList(ReconsiderationMetrics.corrections.map { SQLBind($0) })
        try await sql.raw("""
            INSERT INTO metric_rollups_by_agency (metric_key, org_id, agency_id, day, numerator, denominator)
            SELECT 'reconsideration.correction_rate', org_id, agency_id, concluded_on,
                   CAST(SUM(CASE WHEN outcome IN (\(corrections)) THEN 1 ELSE 0 END) AS BIGINT), COUNT(*) FROM cases
            WHERE line = \(bind: line) AND agency_id IS NOT NULL AND accepted_on IS NOT NULL AND concluded_on IS NOT NULL
              AND outcome IN (\(merits))
            GROUP BY org_id, agency_id, concluded_on
            """).run()
    }

    func revert(on db: Database) async throws {
        try await db.sql.raw("DELETE FROM metric_rollups_by_agency WHERE metric_key LIKE 'reconsideration.%'").run()
    }
}
