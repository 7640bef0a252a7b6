import Fluent
import SQLKit

/// 2026-12-06: an index behind the queues of cases in given states (待受理, 中止: `CaseQueue.states`), bureau first and
/// line first as in `IndexCasesByBureau` (issue 10). Before it, such a queue's count walked the line's every case in
/// the bureau to find the few in those states: 342 ms a request at 10⁶ cases, where the other queues took 5–28 ms.
/// Its page is still read along the queue's order (`cases_bureau_all_idx`), which reaches the newest cases first.
///
/// Built online (`OnlineIndex`), as the previous binary goes on writing cases while the new one migrates.
struct IndexCaseStates: AsyncMigration {
    func prepare(on db: Database) async throws {
        let sql = try db.sql
        try await OnlineIndex.build("cases_bureau_state_idx", on: "cases",
                                    columns: ["bureau_id", "line", "state", "received_on", "seq", "org_id"], in: sql)
        try await OnlineIndex.build("cases_queue_state_idx", on: "cases", columns: ["line", "state", "received_on", "seq", "org_id"], in: sql)
    }

    func revert(on db: Database) async throws {
        let sql = try db.sql
        try await sql.drop(index: "cases_queue_state_idx").run()
        try await sql.drop(index: "cases_bureau_state_idx").run()
    }
}
