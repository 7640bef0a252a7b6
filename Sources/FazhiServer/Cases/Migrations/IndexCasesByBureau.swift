import Fluent
import SQLKit

/// 2026-12-06: cases and their deadlines carry their org's bureau (`AddTenancyKey`), and every index a queue walks
/// starts with it (issue 18): in a city of twenty districts on one database, a district's queue page walks only its own
/// rows, where the indexes of `IndexCaseQueues` (line first, the org last) walked every district's rows in the page's
/// order and skipped the others'.
/// - the open and concluded queues, every case, case-number order, 我承办的: as in `IndexCaseQueues`, bureau first.
///   Those line-first indexes stay: a viewer who reads several bureaus (the city's leaders) walks them, in the page's
///   order across the districts. (One walk per bureau, merged, was measured at the city's scale on PostgreSQL and read
///   the city's open queue at 25 requests/s against 170 for the line-first walk, so it was not kept.) During a rolling
///   upgrade the previous binary's queues walk them too;
/// - the running deadlines a queue lists by due date, bureau first. The line-first index of running deadlines stays:
///   the reminder sweep and the deadline gauges read every bureau's at once.
///
/// Written expand-only for a rolling upgrade (`TenancyKeyColumn`): the columns are nullable, the existing rows are filled
/// here, and a trigger fills the key of a row inserted without one (by the previous binary) or moved to another org.
struct IndexCasesByBureau: AsyncMigration {
    static let tables = ["cases", "case_deadlines"]

    func prepare(on db: Database) async throws {
        try await TenancyKeyColumn.add(to: Self.tables, on: db)
        let sql = try db.sql
        try await sql.create(index: "cases_bureau_open_idx").on("cases")
            .column("bureau_id").column("line").column("is_open").column("received_on").column("seq").column("org_id").run()
        try await sql.create(index: "cases_bureau_all_idx").on("cases")
            .column("bureau_id").column("line").column("received_on").column("seq").column("org_id").run()
        try await sql.create(index: "cases_bureau_number_idx").on("cases")
            .column("bureau_id").column("line").column("year").column("seq").column("org_id").column("is_open").run()
        try await sql.create(index: "cases_bureau_handler_idx").on("cases")
            .column("bureau_id").column("handler_id").column("line").column("is_open").column("received_on").column("seq").run()
        try await sql.create(index: "case_deadlines_bureau_running_idx").on("case_deadlines")
            .column("bureau_id").column("line").column("completed_on").column("due_on").column("paused").column("kind")
            .column("org_id").column("case_id").run()
    }

    func revert(on db: Database) async throws {
        let sql = try db.sql
        let postgres = sql.dialect.name == "postgresql"
        for index in ["cases_bureau_open_idx", "cases_bureau_all_idx", "cases_bureau_number_idx", "cases_bureau_handler_idx",
                      "case_deadlines_bureau_running_idx"] {
            try await sql.drop(index: index).run()
        }
        try await TenancyKeyColumn.remove(from: Self.tables, on: db)
        if postgres { try await sql.raw("DROP FUNCTION IF EXISTS records_bureau_fill()").run() }
    }
}
