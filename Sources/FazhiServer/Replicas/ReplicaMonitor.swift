import Fluent
import NIOConcurrencyHelpers
import Prometheus
import SQLKit
import Vapor

/// Probes the replica every second while the app runs: the primary's WAL position, then the replica's replay position.
/// Sets `ReadReplica`'s status (and so whether reads go there), the gauges `fazhi_replica_lag_seconds` and
/// `fazhi_replica_in_use`, and logs each change between used and skipped with its reason.
final class ReplicaMonitor: LifecycleHandler, @unchecked Sendable {
    static let interval: Duration = .seconds(1)
    private var task: Task<Void, Never>?

    /// Started by either boot (`serve` boots asynchronously, the tests' `app.testing()` synchronously).
    func didBoot(_ app: Application) throws {
        guard let replica = app.readReplica else { return }
        task = Task {
            while !Task.isCancelled {
                await Self.probe(app, replica)
                try? await Task.sleep(for: Self.interval)
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
        await task?.value
    }

    func shutdown(_ app: Application) {
        task?.cancel()
    }

    /// How long one query of a probe may take: a replica that does not answer in time (down, frozen, cut off) is
    /// skipped, and the monitor goes on without waiting for it.
    static let deadline: Duration = .seconds(2)

    /// One probe: the primary's WAL position, then the replica's replay position, each within `deadline`.
    static func probe(_ app: Application, _ replica: ReadReplica) async {
        let started = Date()
        var primary: Int64?
        var replayed: Int64?
        var problem: String?
        do {
            let primaryDB = app.db(.psql) as! SQLDatabase
            primary = try await within(deadline) {
                try await primaryDB.raw("SELECT CAST(pg_current_wal_lsn() - '0/0' AS BIGINT) AS lsn").first()?.decode(column: "lsn", as: Int64.self)
            }
        } catch {
            problem = "无法读取主库的 WAL 位置：\(String(describing: error))"
        }
        if problem == nil {
            do {
                let replicaDB = app.db(.replica) as! SQLDatabase
                let row = try await within(deadline) {
                    try await replicaDB.raw("""
                        SELECT pg_is_in_recovery() AS standby, CAST(pg_last_wal_replay_lsn() - '0/0' AS BIGINT) AS lsn
                        """).first()
                }
                if let row, try row.decode(column: "standby", as: Bool.self) {
                    replayed = try row.decode(column: "lsn", as: Int64?.self)
                } else {
                    problem = "DATABASE_READ_URL 指向的不是备库（pg_is_in_recovery() 为假）"
                }
            } catch {
                problem = "无法连接备库：\(String(describing: error))"
            }
        }
        let (before, after) = replica.record(primary: primary, replayed: replayed, problem: problem, at: started)
        FazhiMetrics.registry.makeGauge(descriptor: lag, labels: []).set(after.lagSeconds ?? -1)
        FazhiMetrics.registry.makeGauge(descriptor: inUse, labels: []).set(Int64(after.inUse ? 1 : 0))
        if before.inUse != after.inUse || (before.problem == nil) != (after.problem == nil) {
            if after.inUse {
                app.logger.info("read replica in use (lag \(after.lagSeconds ?? 0) s)")
            } else {
                app.logger.warning("read replica skipped, reads go to the primary: \(after.problem ?? "")")
            }
        }
    }

    /// `body`'s result, or `ProbeTimeout` after `limit`. A query that hangs is left behind (the database driver does not
    /// stop on cancellation; its pool ends it at shutdown), so the caller never waits longer than `limit`.
    static func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let answered = NIOLockedValueBox(false)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            @Sendable func answer(_ result: Result<T, Error>) {
                guard answered.withLockedValue({ done in defer { done = true }; return !done }) else { return }
                continuation.resume(with: result)
            }
            let work = Task {
                do { answer(.success(try await body())) } catch { answer(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: limit)
                answer(.failure(ProbeTimeout()))
                work.cancel()
            }
        }
    }

    struct ProbeTimeout: Error, CustomStringConvertible {
        var description: String { "\(ReplicaMonitor.deadline) 内没有应答" }
    }

    private static let lag = MetricNameDescriptor(namespace: "fazhi", metricName: "replica_lag", unitName: "seconds",
                                                  helpText: "How far the read replica trails the primary (-1 when it cannot be read)")
    private static let inUse = MetricNameDescriptor(namespace: "fazhi", metricName: "replica", unitName: "in_use",
                                                    helpText: "1 while reads go to the read replica, 0 while it is skipped")
}
