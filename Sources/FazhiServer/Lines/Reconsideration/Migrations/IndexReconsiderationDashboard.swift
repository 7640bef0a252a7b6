import Fluent
import SQLKit

/// 2026-12-03: the dashboard's table of applications and corrections per respondent agency
/// (`ReconsiderationDashboard.agencyBreakdown`) counted from the index alone: the year's applications by receipt date,
/// and the year's conclusions by date and outcome, each with the org (scope) and the agency it groups by. Without them
/// each count looked up every case of the year in the table (10⁵ cases: 0.6 s per dashboard).
struct IndexReconsiderationDashboard: AsyncMigration {
    func prepare(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "cases_received_agency_idx").on("cases")
            .column("line").column("received_on").column("org_id").column("agency_id").run()
        try await sql.create(index: "cases_concluded_agency_idx").on("cases")
            .column("line").column("concluded_on").column("outcome").column("accepted_on").column("org_id").column("agency_id").run()
    }

    func revert(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.drop(index: "cases_received_agency_idx").run()
        try await sql.drop(index: "cases_concluded_agency_idx").run()
    }
}
