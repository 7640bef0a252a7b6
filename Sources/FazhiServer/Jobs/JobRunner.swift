import Fluent
import FluentSQL
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Runs the modules' scheduled jobs: each when it is due, never twice at once. Within a process a job is claimed
/// before it runs (`JobClaims`); across nodes on PostgreSQL the run also holds the job's advisory lock on a
/// connection of its own, so a node that dies mid-run frees it with its connection, and the next node to take it
/// marks the dead node's run `interrupted`. Whether the job is due is read from `job_runs` after the lock is taken,
/// so a node that waited for another sees its run and does nothing.
enum JobRunner {
    /// How often the server looks for due jobs.
    static let tick: TimeAmount = .seconds(15)

    /// Runs `job` if it is due at `now` (or at once, `force`) and no one else is running it; returns the run it
    /// recorded, nil when the job was not due or was held elsewhere.
    @discardableResult
    static func runIfDue(_ job: ScheduledJob, app: Application, now: Date = Date(), force: Bool = false) async throws -> JobRun? {
        let claims = app.jobClaims
        guard claims.claim(job.key) else { return nil }
        defer { claims.release(job.key) }
        guard let sql = app.db as? SQLDatabase, sql.dialect.name == "postgresql" else {
            return try await runHeld(job, app: app, now: now, force: force)
        }
        return try await app.db.withConnection { connection in
            let key = advisoryKey(job.key)
            let locked = try await (connection as! SQLDatabase).raw("SELECT pg_try_advisory_lock(\(bind: key)) AS locked").first()?
                .decode(column: "locked", as: Bool.self) ?? false
            guard locked else { return nil }
            do {
                let run = try await runHeld(job, app: app, now: now, force: force)
                try await (connection as! SQLDatabase).raw("SELECT pg_advisory_unlock(\(bind: key))").run()
                return run
            } catch {
                try? await (connection as! SQLDatabase).raw("SELECT pg_advisory_unlock(\(bind: key))").run()
                throw error
            }
        }
    }

    /// The job's last run, if any.
    static func lastRun(of key: String, on db: Database) async throws -> JobRun? {
        try await JobRun.query(on: db).filter(\.$job == key).sort(\.$startedAt, .descending).first()
    }

    /// The run itself, the job's lock held.
    private static func runHeld(_ job: ScheduledJob, app: Application, now: Date, force: Bool) async throws -> JobRun? {
        let db = app.db
        var last = try await lastRun(of: job.key, on: db)
        if let stale = last, stale.outcome == .running {
            // Whoever ran it no longer holds the lock: its node stopped mid-run.
            stale.outcome = .interrupted
            stale.finishedAt = now
            stale.error = "运行中断：执行该任务的节点（\(stale.node)）在运行中退出"
            try await stale.update(on: db)
            last = stale
        }
        guard force || now >= JobDue.next(job.schedule, after: last, now: now) else { return nil }
        let run = JobRun(job: job.key, node: app.fazhi.nodeName, startedAt: now,
                         attempt: last.map { $0.outcome.isFailure ? $0.attempt + 1 : 1 } ?? 1)
        try await run.create(on: db)
        do {
            let summary = try await job.run(JobContext(app: app, now: now, logger: app.logger))
            if summary.isEmpty {
                // Nothing to do (an outbox with nothing due): not worth a row every 30 s.
                try await run.delete(on: db)
                OperationalGauges.countRun(job: job.key, failed: false)
                return run
            }
            run.summary = String(summary.prefix(2_000))
            run.outcome = .ok
        } catch let failure as JobFailure {
            run.outcome = .failed
            run.error = String(failure.message.prefix(2_000))
            app.logger.error("job \(job.key) failed (attempt \(run.attempt)): \(failure.message)")
        } catch {
            run.outcome = .failed
            run.error = String(String(reflecting: error).prefix(2_000))
            app.logger.error("job \(job.key) failed (attempt \(run.attempt)): \(String(reflecting: error))")
        }
        run.finishedAt = Date()
        try await run.update(on: db)
        OperationalGauges.countRun(job: job.key, failed: run.outcome != .ok)
        return run
    }

    /// A stable 64-bit key per job for `pg_try_advisory_lock` (FNV-1a of its name, in a range of its own).
    static func advisoryKey(_ job: String) -> Int64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in job.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return Int64(bitPattern: (hash & 0x0000_FFFF_FFFF_FFFF) | 0x7270_0000_0000_0000)
    }
}

/// A run that did its work but should count as failed (an outbox whose every message failed), so it is retried with
/// backoff and shows red on `/admin/jobs`.
struct JobFailure: Error {
    let message: String
}

/// The jobs this process is running: a tick never starts a job whose last run is still going.
final class JobClaims: @unchecked Sendable {
    private let lock = NIOLock()
    private var running: Set<String> = []

    func claim(_ key: String) -> Bool { lock.withLock { running.insert(key).inserted } }
    func release(_ key: String) { lock.withLock { _ = running.remove(key) } }
    func isClaimed(_ key: String) -> Bool { lock.withLock { running.contains(key) } }
}

private struct JobClaimsKey: StorageKey {
    typealias Value = JobClaims
}

extension Application {
    /// Set by `configure`, one per app.
    var jobClaims: JobClaims {
        get { storage[JobClaimsKey.self]! }
        set { storage[JobClaimsKey.self] = newValue }
    }
}

/// Looks for due jobs every `JobRunner.tick` while the server runs (the first look 5 s after start); each due job
/// runs in a task of its own, so a long case-clock pass does not hold back the outbox.
final class JobRunnerLifecycle: LifecycleHandler, @unchecked Sendable {
    private var ticks: RepeatedTask?

    func didBootAsync(_ app: Application) async throws {
        let jobs = app.modules.jobs
        app.logger.info("jobs: \(jobs.map(\.key).joined(separator: ", ")) on node \(app.fazhi.nodeName)")
        ticks = app.eventLoopGroup.next().scheduleRepeatedTask(initialDelay: .seconds(5), delay: JobRunner.tick) { _ in
            for job in jobs {
                Task {
                    do { try await JobRunner.runIfDue(job, app: app) } catch {
                        app.logger.error("job \(job.key): could not be run: \(String(reflecting: error))")
                    }
                }
            }
        }
    }

    /// No tick after the app begins to stop (its storage, the claims among it, goes with it).
    func shutdownAsync(_ app: Application) async {
        ticks?.cancel()
    }
}
