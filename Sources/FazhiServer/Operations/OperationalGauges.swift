import Fluent
import FazhiCore
import Prometheus
import SQLKit

/// What an operator watches besides requests, on `/metrics`: the statutory deadlines each line has running and past
/// due (`fazhi_deadlines_running`, `fazhi_deadlines_overdue`, by `line`), set by every pass of the case clock, and the
/// background jobs' runs by outcome (`fazhi_job_runs_total`, by `job` and `outcome`), and the outbox's backlog
/// (`fazhi_outbox_backlog`) and messages given up (`fazhi_outbox_failed`).
enum OperationalGauges {
    /// The running binding and target deadlines per line (the queues' rule: not paused, not a minimum period), and
    /// those whose last day is before `today`.
    static func deadlineCounts(db: Database, today: CivilDate) async throws -> [String: (running: Int, overdue: Int)] {
        var counts: [String: (running: Int, overdue: Int)] = [:]
        for row in try await db.sql.raw("""
            SELECT line, COUNT(*) AS running, CAST(COALESCE(SUM(CASE WHEN due_on < \(bind: today.description) THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue \
            FROM case_deadlines WHERE completed_on IS NULL AND paused = \(bind: false) AND kind <> \(bind: DeadlineKind.minimum.rawValue) \
            GROUP BY line
            """).all() {
            counts[try row.decode(column: "line", as: String.self)] = (try row.decode(column: "running", as: Int.self),
                                                                      try row.decode(column: "overdue", as: Int.self))
        }
        return counts
    }

    /// Sets the deadline gauges of `lines` from `deadlineCounts` (a line with none to 0).
    static func recordDeadlines(db: Database, lines: [WorkLine], today: CivilDate) async throws {
        let counts = try await deadlineCounts(db: db, today: today)
        for line in lines {
            let labels = [("line", line.rawValue)]
            FazhiMetrics.registry.makeGauge(descriptor: running, labels: labels).set(Int64(counts[line.rawValue]?.running ?? 0))
            FazhiMetrics.registry.makeGauge(descriptor: overdue, labels: labels).set(Int64(counts[line.rawValue]?.overdue ?? 0))
        }
    }

    /// Counts one run of a background job, `ok` or `failed`.
    static func countRun(job: String, failed: Bool) {
        FazhiMetrics.registry.makeCounter(descriptor: runs, labels: [("job", job), ("outcome", failed ? "failed" : "ok")]).increment()
    }

    /// Sets the number of messages waiting in the outbox (`fazhi_outbox_backlog`) and given up (`fazhi_outbox_failed`).
    static func recordOutbox(backlog count: Int, failed: Int) {
        FazhiMetrics.registry.makeGauge(descriptor: backlog, labels: []).set(Int64(count))
        FazhiMetrics.registry.makeGauge(descriptor: givenUp, labels: []).set(Int64(failed))
    }

    private static let givenUp = MetricNameDescriptor(namespace: "fazhi", metricName: "outbox", unitName: "failed",
                                                      helpText: "E-mails and text messages given up after every retry")

    private static let backlog = MetricNameDescriptor(namespace: "fazhi", metricName: "outbox", unitName: "backlog",
                                                      helpText: "E-mails and text messages waiting to be sent")
    private static let running = MetricNameDescriptor(namespace: "fazhi", metricName: "deadlines", unitName: "running",
                                                      helpText: "Statutory deadlines running (binding and target, not paused)")
    private static let overdue = MetricNameDescriptor(namespace: "fazhi", metricName: "deadlines", unitName: "overdue",
                                                      helpText: "Running statutory deadlines whose last day has passed")
    private static let runs = MetricNameDescriptor(namespace: "fazhi", metricName: "job_runs", unitName: "total",
                                                   helpText: "Background job runs by outcome")
}
