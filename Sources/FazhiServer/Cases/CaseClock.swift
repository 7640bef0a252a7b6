import Fluent
import FazhiCore
import FluentSQL
import NIOCore
import Vapor

/// Records the events the law attaches to the mere passing of time (deemed acceptance when the review period
/// passes without a decision, 行政复议法第三十条). Runs at start and every hour; on PostgreSQL one node at a time
/// (an advisory lock), so scaling out does not record an event twice.
enum CaseClock {
    static let interval: TimeAmount = .hours(1)

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

/// Starts the hourly `CaseClock` with the server.
struct CaseClockLifecycle: LifecycleHandler {
    func didBootAsync(_ app: Application) async throws {
        let logger = app.logger
        let db = app.db
        let caseLines = app.modules.caseLines
        let lines = app.modules.caseLines.map(\.line)
        app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: CaseClock.interval) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                do {
                    let started = ContinuousClock.now
                    let pass = try await CaseClock.tick(db: db, caseLines: caseLines)
                    try await OperationalGauges.recordDeadlines(db: db, lines: lines, today: ChinaTime.today)
                    OperationalGauges.countRun(job: "case_clock", failed: false)
                    logger.info("case clock: pass done in \(ContinuousClock.now - started), \(pass.candidates) candidate cases folded, recorded \(pass.recorded) automatic events")
                } catch {
                    OperationalGauges.countRun(job: "case_clock", failed: true)
                    logger.error("case clock failed: \(String(reflecting: error))")
                }
            }
        }
    }
}
