import Fluent
import SQLKit

/// 2026-12-03: indexes that let a metric count events and deadlines without reading their rows (`fazhi report
/// --recount`): a deadline row carries its step-by-step explanation (~1 KB), so at 10⁵ cases looking up every concluded
/// case's deadline rows, and every case's events by case, was most of the recount's 2.8 s on SQLite.
/// - events of a kind dated in a range, and their case (opinion letters, hearings);
/// - a case's deadlines of a rule, with when they were completed and due (decisions met on time).
struct IndexCaseCounts: AsyncMigration {
    func prepare(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "case_events_kind_date_idx").on("case_events")
            .column("kind").column("occurred_on").column("case_id").run()
        try await sql.create(index: "case_deadlines_case_rule_idx").on("case_deadlines")
            .column("case_id").column("rule_key").column("completed_on").column("due_on").run()
    }

    func revert(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.drop(index: "case_events_kind_date_idx").run()
        try await sql.drop(index: "case_deadlines_case_rule_idx").run()
    }
}
