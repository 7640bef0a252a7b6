import Fluent
import SQLKit

/// 2026-12-03: the year's conclusions index (`IndexReconsiderationDashboard`) also holds the case's id, so the on-time
/// rate joins the concluded cases to their decision deadlines from the index alone (`ReconsiderationMetrics`), instead
/// of reading each concluded case's row for its id. Replaces `cases_concluded_agency_idx`, its prefix, so a case
/// write updates as many indexes as before.
struct IndexReconsiderationConclusions: AsyncMigration {
    func prepare(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "cases_concluded_agency_id_idx").on("cases")
            .column("line").column("concluded_on").column("outcome").column("accepted_on").column("org_id").column("agency_id")
            .column("id").run()
        try await sql.drop(index: "cases_concluded_agency_idx").run()
    }

    func revert(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "cases_concluded_agency_idx").on("cases")
            .column("line").column("concluded_on").column("outcome").column("accepted_on").column("org_id").column("agency_id").run()
        try await sql.drop(index: "cases_concluded_agency_id_idx").run()
    }
}
