import Fluent
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

    /// One probe. A replica that cannot be reached fails within its connect timeout (2 s) and is skipped until a
    /// later probe succeeds.
    static func probe(_ app: Application, _ replica: ReadReplica) async {
        var primary: Int64?
        var replayed: Int64?
        var problem: String?
        do {
            primary = try await (app.db(.psql) as! SQLDatabase).raw("SELECT CAST(pg_current_wal_lsn() - '0/0' AS BIGINT) AS lsn")
                .first()?.decode(column: "lsn", as: Int64.self)
        } catch {
            problem = "无法读取主库的 WAL 位置：\(String(describing: error))"
        }
        if problem == nil {
            do {
                let row = try await (app.db(.replica) as! SQLDatabase).raw("""
                    SELECT pg_is_in_recovery() AS standby, CAST(pg_last_wal_replay_lsn() - '0/0' AS BIGINT) AS lsn
                    """).first()
                if let row, try row.decode(column: "standby", as: Bool.self) {
                    replayed = try row.decode(column: "lsn", as: Int64?.self)
                } else {
                    problem = "DATABASE_READ_URL 指向的不是备库（pg_is_in_recovery() 为假）"
                }
            } catch {
                problem = "无法连接备库：\(String(describing: error))"
            }
        }
        let (before, after) = replica.record(primary: primary, replayed: replayed, problem: problem)
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

    private static let lag = MetricNameDescriptor(namespace: "fazhi", metricName: "replica_lag", unitName: "seconds",
                                                  helpText: "How far the read replica trails the primary (-1 when it cannot be read)")
    private static let inUse = MetricNameDescriptor(namespace: "fazhi", metricName: "replica", unitName: "in_use",
                                                    helpText: "1 while reads go to the read replica, 0 while it is skipped")
}

/// After a request that may have written (any method but GET, HEAD, OPTIONS) by a signed-in session, stores the
/// primary's WAL insert position in the session: its reads stay on the primary until the replica has replayed past it
/// (`ReadReplica.serves`). Only when a replica is configured; one small UPDATE per write request.
struct ReadYourWritesMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard request.application.readReplica != nil, ![.GET, .HEAD, .OPTIONS].contains(request.method) else {
            return try await next.respond(to: request)
        }
        do {
            let response = try await next.respond(to: request)
            await pin(request)
            return response
        } catch {
            await pin(request)
            throw error
        }
    }

    /// The session the request ran as: the one it came with, or the one a sign-in just made.
    private func pin(_ request: Request) async {
        guard let sessionID = request.current?.session.id ?? request.pendingSession?.session.id else { return }
        do {
            try await request.db.sql.raw("""
                UPDATE user_sessions SET read_after_lsn = CAST(pg_current_wal_insert_lsn() - '0/0' AS BIGINT) \
                WHERE id = \(bind: sessionID)
                """).run()
        } catch {
            request.logger.warning("could not pin the session to the primary after a write: \(String(describing: error))")
        }
    }
}
