import Fluent
import NIOConcurrencyHelpers
import Vapor

/// A PostgreSQL streaming replica that serves the reads which may trail the primary by a few seconds: dashboards,
/// reports, drill-downs, exports and search (`Request.readDB`). Everything else, and every write, goes to the primary.
///
/// Whether a read may go to the replica is decided from what the monitor (`ReplicaMonitor`) last saw, never by waiting
/// on the replica:
/// - the replica must have answered a probe within the last few seconds and lag the primary by no more than `maxLag`
///   (`FAZHI_REPLICA_MAX_LAG`); a replica that is down, stuck or behind is skipped;
/// - a session that has just written is pinned to the primary until the replica has replayed past that write: each
///   write request stores the primary's WAL position in the session (`ReadYourWritesMiddleware`), and the session
///   reads from the replica again once the replica's replay position has passed it. A user always sees their own
///   writes; others may see them a second or two later.
final class ReadReplica: Sendable {
    /// What the monitor last saw.
    struct Status: Sendable, Equatable {
        /// Whether reads may go to the replica now.
        var inUse = false
        /// How far the replica has replayed the primary's WAL (bytes since 0/0).
        var replayed: Int64?
        /// How long ago the primary was where the replica is now (0 when caught up).
        var lagSeconds: Double?
        /// Why the replica is skipped, when it is.
        var problem: String? = "尚未探测备库"
        var probedAt: Date?
    }

    /// How far behind the replica may be and still serve reads.
    let maxLag: Double
    /// A status older than this is not believed (the monitor itself is stuck): the replica is skipped.
    static let staleAfter: Double = 5

    private struct State {
        var status = Status()
        /// The primary's WAL position at each probe, oldest first: how long ago the primary was where the replica is.
        var samples: [(at: Date, lsn: Int64)] = []
    }
    private let state = NIOLockedValueBox(State())

    init(maxLag: Double) {
        self.maxLag = maxLag
    }

    var status: Status { state.withLockedValue { $0.status } }

    /// Whether a read by `session` may go to the replica at `now`.
    func serves(_ session: UserSession?, now: Date = Date()) -> Bool {
        let status = self.status
        guard status.inUse, let probedAt = status.probedAt, now.timeIntervalSince(probedAt) < Self.staleAfter else { return false }
        guard let written = session?.readAfterLSN else { return true }
        return (status.replayed ?? 0) >= written
    }

    /// Records a probe begun at `now`: the primary's position `primary` and the replica's replay position `replayed`
    /// (nil with `problem` when the replica could not be read). Returns the status before and after, for the monitor to
    /// log a change.
    ///
    /// The replica serves only once it has replayed past a position this node saw on the primary — the first probe
    /// runs after the node's migrations, so a replica that has not yet replayed them, or is hours behind, is never used —
    /// and while it trails by no more than `maxLag`: the time since the first sample it has not replayed.
    @discardableResult
    func record(primary: Int64?, replayed: Int64?, problem: String?, at now: Date = Date()) -> (before: Status, after: Status) {
        state.withLockedValue { state in
            let before = state.status
            if let primary { state.samples.append((now, primary)) }
            var status = Status(replayed: replayed, probedAt: now)
            if let problem {
                status.problem = problem
            } else if let replayed {
                let passed = state.samples.lastIndex { $0.lsn <= replayed }
                // Only the newest sample passed and those after it matter; an hour of the rest is kept as the lag's floor.
                if let passed, passed > 0 { state.samples.removeFirst(passed) }
                if state.samples.count > Self.maximumSamples { state.samples.removeFirst(state.samples.count - Self.maximumSamples) }
                let lag = state.samples.first { $0.lsn > replayed }.map { now.timeIntervalSince($0.at) } ?? 0
                status.lagSeconds = lag
                if passed == nil {
                    status.problem = "备库尚未回放到本节点启动后主库的位置（已落后至少 \(Int(lag.rounded())) 秒）"
                } else if lag > maxLag {
                    status.problem = "备库落后主库 \(Int(lag.rounded())) 秒，超过上限 \(Int(maxLag)) 秒"
                } else {
                    status.problem = nil
                    status.inUse = true
                }
            } else {
                status.problem = "备库未报告回放位置"
            }
            state.status = status
            return (before, status)
        }
    }

    /// One sample a second: an hour of them.
    static let maximumSamples = 3_600
}

extension DatabaseID {
    /// The read replica (`DATABASE_READ_URL`), beside the primary `.psql`.
    static let replica = DatabaseID(string: "replica")
}

private struct ReadReplicaKey: StorageKey {
    typealias Value = ReadReplica
}

extension Application {
    /// The read replica when `DATABASE_READ_URL` is set; nil otherwise (every read goes to the primary).
    var readReplica: ReadReplica? {
        get { storage[ReadReplicaKey.self] }
        set { storage[ReadReplicaKey.self] = newValue }
    }
}

extension Request {
    /// The database for reads that may trail the primary by a few seconds (dashboards, reports, drill-downs, exports,
    /// search): the replica when one is configured, healthy and has replayed this session's last write (noted in the
    /// response's `Server-Timing` as `replica`); else the primary.
    /// Only GET and HEAD requests read there: a request that writes reads what its write depends on from the primary.
    var readDB: Database {
        guard method == .GET || method == .HEAD, let replica = application.readReplica, replica.serves(current?.session) else { return db }
        timing.mark("replica")
        return db(.replica)
    }
}
