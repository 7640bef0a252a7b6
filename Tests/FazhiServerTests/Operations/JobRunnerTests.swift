import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@Suite("Scheduled jobs: due, recorded, retried, one node at a time")
struct JobRunnerTests {
    /// Counts its runs; fails while `failing`; takes `duration` per run.
    final class Probe: @unchecked Sendable {
        private let lock = NIOLock()
        private var count = 0
        var failing = false
        var duration: Duration = .zero

        var runs: Int { lock.withLock { count } }

        func job(_ key: String, every seconds: Int = 60) -> ScheduledJob {
            ScheduledJob(key: key, title: "测试任务", schedule: .every(seconds: seconds)) { _ in
                self.lock.withLock { self.count += 1 }
                try await Task.sleep(for: self.duration)
                if self.failing { throw Abort(.internalServerError, reason: "测试失败") }
                return "第 \(self.runs) 次"
            }
        }
    }

    @Test("The daily schedule and the backoff say when a job is next due; a daily job never runs outside its morning window")
    func schedule() {
        let morning = Date(timeIntervalSince1970: 1_764_892_800) // 2025-12-05 08:00 in China
        let tomorrow = morning.addingTimeInterval(86_400)
        let ok = JobRun(job: "x", node: "n", startedAt: morning.addingTimeInterval(60), attempt: 1)
        ok.outcome = .ok
        ok.finishedAt = morning.addingTimeInterval(61)
        #expect(JobDue.next(.every(seconds: 30), after: ok, now: morning) == morning.addingTimeInterval(90))
        #expect(JobDue.next(.every(seconds: 60), after: nil, now: morning) == .distantPast)
        // Ran after today's 08:00: tomorrow at 08:00.
        #expect(JobDue.next(.daily(hour: 8, minute: 0), after: ok, now: morning.addingTimeInterval(3_600)) == tomorrow)
        // Last ran yesterday: due at 08:00 today, not before.
        let yesterday = JobRun(job: "x", node: "n", startedAt: morning.addingTimeInterval(-86_000), attempt: 1)
        yesterday.outcome = .ok
        #expect(JobDue.next(.daily(hour: 8, minute: 0), after: yesterday, now: morning.addingTimeInterval(-3_600)) == morning)
        #expect(JobDue.next(.daily(hour: 8, minute: 0), after: yesterday, now: morning.addingTimeInterval(1_800)) == morning)
        // Never run, the server first started at 23:00: not tonight, tomorrow at 08:00.
        #expect(JobDue.next(.daily(hour: 8, minute: 0), after: nil, now: morning.addingTimeInterval(15 * 3_600)) == tomorrow)
        #expect(JobDue.next(.daily(hour: 8, minute: 0), after: nil, now: morning.addingTimeInterval(600)) == morning)
        // A morning failure is retried with backoff within the window; one that would fall after it waits for tomorrow.
        let failed = JobRun(job: "x", node: "n", startedAt: morning, attempt: 3)
        failed.outcome = .failed
        failed.finishedAt = morning
        #expect(JobDue.next(.daily(hour: 8, minute: 0), after: failed, now: morning) == morning.addingTimeInterval(240))
        let late = JobRun(job: "x", node: "n", startedAt: morning.addingTimeInterval(3.9 * 3_600), attempt: 6)
        late.outcome = .failed
        late.finishedAt = late.startedAt
        #expect(JobDue.next(.daily(hour: 8, minute: 0), after: late, now: late.startedAt) == tomorrow)
        #expect(JobDue.next(.every(seconds: 3_600), after: failed, now: morning) == morning.addingTimeInterval(240))
        #expect(JobDue.next(.every(seconds: 60), after: failed, now: morning) == morning.addingTimeInterval(60))
        #expect(JobDue.backoff(attempt: 30) == 3_600)
    }

    @Test("A due job runs once and is recorded; a failure is kept with its error and retried after a growing backoff",
          arguments: TestDatabase.all)
    func runsAndRetries(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            let probe = Probe()
            let job = probe.job("test.every-minute")
            let start = Date()
            let first = try #require(try await JobRunner.runIfDue(job, app: app, now: start))
            #expect(first.outcome == .ok && first.summary == "第 1 次" && first.attempt == 1)
            #expect(try await JobRunner.runIfDue(job, app: app, now: start.addingTimeInterval(30)) == nil)
            probe.failing = true
            let failed = try #require(try await JobRunner.runIfDue(job, app: app, now: start.addingTimeInterval(61)))
            #expect(failed.outcome == .failed && failed.attempt == 1)
            #expect(failed.error?.contains("测试失败") == true)
            let stored = try #require(try await JobRunner.lastRun(of: job.key, on: app.db))
            #expect(stored.outcome == .failed && stored.finishedAt != nil)
            // Retried a minute after the failure, then after two.
            let retryAt = try #require(stored.finishedAt).addingTimeInterval(61)
            let second = try #require(try await JobRunner.runIfDue(job, app: app, now: retryAt))
            #expect(second.outcome == .failed && second.attempt == 2)
            #expect(try await JobRunner.runIfDue(job, app: app, now: retryAt.addingTimeInterval(5)) == nil)
            probe.failing = false
            let recovered = try #require(try await JobRunner.runIfDue(job, app: app, now: Date().addingTimeInterval(125)))
            #expect(recovered.outcome == .ok && recovered.attempt == 3)
            #expect(probe.runs == 4)
            #expect(try await JobRun.query(on: app.db).filter(\.$job == job.key).count() == 4)
        }
    }

    @Test("Two nodes asking for a due job at once: it runs on one of them, once", arguments: TestDatabase.all)
    func oneNodeAtATime(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            try await withTwoNodes(app) { first, second in
                let probe = Probe()
                probe.duration = .milliseconds(400)
                let job = probe.job("test.exclusive", every: 3_600)
                let now = Date()
                let ran = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for node in [first, second, first, second] {
                        group.addTask { try await JobRunner.runIfDue(job, app: node, now: now) != nil }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(ran == 1)
                #expect(probe.runs == 1)
                // Whoever asks afterwards sees the run and does nothing.
                #expect(try await JobRunner.runIfDue(job, app: second, now: now.addingTimeInterval(1)) == nil)
                let runs = try await JobRun.query(on: app.db).filter(\.$job == job.key).all()
                #expect(runs.count == 1)
                // The one run ended well: no node took the winner's live run for a dead one.
                #expect(runs.allSatisfy { $0.outcome == .ok && $0.error == nil })
            }
        }
    }

    @Test("A run whose node stopped is marked interrupted by the next node to take the job, and retried",
          arguments: TestDatabase.all)
    func interrupted(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            let probe = Probe()
            let job = probe.job("test.interrupted", every: 3_600)
            let dead = JobRun(job: job.key, node: "dead-node", startedAt: Date().addingTimeInterval(-600), attempt: 1)
            try await dead.create(on: app.db)
            // The next look finds it dead: marked interrupted, retried a minute later like a failure.
            let now = Date()
            #expect(try await JobRunner.runIfDue(job, app: app, now: now) == nil)
            let marked = try #require(try await JobRun.find(dead.id, on: app.db))
            #expect(marked.outcome == .interrupted)
            #expect(marked.error?.contains("dead-node") == true)
            let run = try #require(try await JobRunner.runIfDue(job, app: app, now: now.addingTimeInterval(61)))
            #expect(run.outcome == .ok && run.attempt == 2)
        }
    }

    @Test("The system administrator sees the jobs and runs one now; others are refused", arguments: TestDatabase.all)
    func adminPage(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let admin = try await TestClient.api(app, "admin")
            try await admin.getPage("/admin/jobs") { res in
                #expect(res.status == .ok)
                for job in app.modules.jobs { #expect(res.body.string.contains(job.key)) }
            }
            try await admin.postForm("/admin/jobs/case_clock/run", [:]) { res in
                #expect(res.status == .seeOther)
            }
            // It runs in the background: its record appears when it ends.
            var run: JobRun?
            for _ in 0..<100 where run?.outcome != .ok {
                try await Task.sleep(for: .milliseconds(100))
                run = try await JobRunner.lastRun(of: "case_clock", on: app.db)
            }
            #expect(run?.outcome == .ok)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "job:run").count() == 1)
            try await admin.get("/api/v1/admin/jobs") { res in
                #expect(res.status == .ok)
                let body = try res.content.decode(JobPages.JobsBody.self)
                #expect(body.jobs.map(\.key) == app.modules.jobs.map(\.key))
                #expect(body.recentRuns.first?.job == "case_clock")
            }
            try await admin.postForm("/admin/jobs/no-such-job/run", [:]) { res in #expect(res.status == .notFound) }
            let leader = try await TestClient.api(app, "leader")
            try await leader.getPage("/admin/jobs") { res in #expect(res.status == .forbidden) }
            try await leader.get("/api/v1/admin/jobs") { res in #expect(res.status == .forbidden) }
            try await leader.postForm("/admin/jobs/reminders.outbox/run", [:]) { res in #expect(res.status == .forbidden) }
        }
    }
}
