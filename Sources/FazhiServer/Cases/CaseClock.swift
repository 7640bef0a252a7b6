import Fluent
import FazhiCore
import FluentSQL
import NIOCore
import Vapor

/// Records the events the law attaches to the mere passing of time (deemed acceptance when the review period
/// passes without a decision, 行政复议法第三十条). A scheduled job (`job`): at start and every hour, one node at a time;
/// on PostgreSQL each batch also takes an advisory lock, so scaling out does not record an event twice.
enum CaseClock {
    /// Cases per transaction: a pass over a large caseload never holds the writer (or, on SQLite, one of its few
    /// connections) for longer than a small batch takes.
    static let batchSize = 200

    /// What one pass did: how many cases it looked at (the candidates, loaded and folded) and how many events it recorded.
    struct Pass: Equatable {
        var candidates = 0
        var recorded = 0
    }

    /// One pass over every case line. The candidates — open cases with a deadline past that an automatic event waits on
    /// (`CaseLines.automaticEventCandidates`) — are chosen first, then handled a batch per transaction; on PostgreSQL
    /// each batch takes the clock's advisory lock, so two nodes never handle the same cases at once (a case already
    /// handled is folded again and records nothing twice).
    static func tick(db: Database, caseLines: [CaseLineHandler], today: CivilDate = ChinaTime.today) async throws -> Pass {
        let calendar = try await CalendarStore(db: db).calendar()
        var pass = Pass()
        for handler in caseLines {
            let candidates = try await CaseLines.automaticEventCandidates(handler, on: db, today: today)
            pass.candidates += candidates.count
            for start in stride(from: 0, to: candidates.count, by: batchSize) {
                let batch = Array(candidates[start..<min(candidates.count, start + batchSize)])
                pass.recorded += try await db.transaction { tx in
                    if let sql = tx as? SQLDatabase, sql.dialect.name == "postgresql" {
                        let row = try await sql.raw("SELECT pg_try_advisory_xact_lock(7270030) AS locked").first()
                        guard try row?.decode(column: "locked", as: Bool.self) == true else { return 0 }
                    }
                    return try await CaseLines.recordDueAutomaticEvents(handler, cases: batch, on: tx, today: today, calendar: calendar)
                }
            }
        }
        return pass
    }
}

extension CaseClock {
    /// The clock as a scheduled job: a pass every hour, then the deadline gauges of `/metrics`.
    static let job = ScheduledJob(key: "case_clock", title: "案件时钟：记录随期间届满发生的事件（如视为受理），统计在办与超期期限",
                                  schedule: .every(seconds: 3600)) { context in
        let started = ContinuousClock.now
        let pass = try await tick(db: context.db, caseLines: context.modules.caseLines, today: context.today)
        try await OperationalGauges.recordDeadlines(db: context.db, lines: context.modules.caseLines.map(\.line), today: context.today)
        context.logger.info("case clock: pass done in \(ContinuousClock.now - started), \(pass.candidates) candidate cases folded, recorded \(pass.recorded) automatic events")
        return "查看候选案件 \(pass.candidates) 件，记录自动事件 \(pass.recorded) 个"
    }
}
