import Fluent
import SQLKit

/// 2026-12-03: an index behind every queue and sort the case pages offer (issue 10), each ending in the columns the
/// queue filters on, so a page is read by walking one index in order and stops after its rows:
/// - the open and concluded queues, newest first (`is_open`, then `received_on`, `seq`; `org_id` for the scope);
/// - every case, newest first (replaces `cases_line_received_idx`, which is its prefix);
/// - any queue by case number (`year`, `seq`);
/// - 我承办的 (the handler's open cases);
/// - the deadlines still running, by due date, with what the overdue and due-soon queues test (replaces
///   `case_deadlines_due_idx`, its prefix);
/// - a case's deadlines with the same columns, for a long overdue queue walked case by case (replaces
///   `case_deadlines_case_idx`, its prefix).
struct IndexCaseQueues: AsyncMigration {
    func prepare(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "cases_queue_open_idx").on("cases")
            .column("line").column("is_open").column("received_on").column("seq").column("org_id").run()
        try await sql.create(index: "cases_queue_all_idx").on("cases")
            .column("line").column("received_on").column("seq").column("org_id").run()
        try await sql.create(index: "cases_queue_number_idx").on("cases")
            .column("line").column("year").column("seq").column("org_id").column("is_open").run()
        try await sql.create(index: "cases_queue_handler_idx").on("cases")
            .column("handler_id").column("line").column("is_open").column("received_on").run()
        try await sql.create(index: "case_deadlines_running_idx").on("case_deadlines")
            .column("line").column("completed_on").column("due_on").column("paused").column("kind").column("org_id").column("case_id").run()
        try await sql.create(index: "case_deadlines_case_running_idx").on("case_deadlines")
            .column("case_id").column("completed_on").column("due_on").column("paused").column("kind").run()
        try await sql.drop(index: "cases_line_received_idx").run()
        try await sql.drop(index: "case_deadlines_due_idx").run()
        try await sql.drop(index: "case_deadlines_case_idx").run()
    }

    func revert(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "cases_line_received_idx").on("cases").column("line").column("received_on").run()
        try await sql.create(index: "case_deadlines_due_idx").on("case_deadlines").column("line").column("completed_on").column("due_on").run()
        try await sql.create(index: "case_deadlines_case_idx").on("case_deadlines").column("case_id").run()
        for index in ["cases_queue_open_idx", "cases_queue_all_idx", "cases_queue_number_idx", "cases_queue_handler_idx",
                      "case_deadlines_running_idx", "case_deadlines_case_running_idx"] {
            try await sql.drop(index: index).run()
        }
    }
}
