import Crypto
import Fluent
import FazhiCore
import SQLKit
import Vapor

/// Counts already made — a dashboard, a year's figures — so that a leader's second look, and the colleagues who open
/// the same page after them, cost two indexed reads instead of a recount. A count is kept under everything it depends
/// on (the org, the year, the day, the viewer's scope: the caller's parts) with the last write to the data it saw
/// (`DataVersion.lastWrite`, read before it began): every write to what is counted appends to the audit log in its own
/// transaction, so a look that sees a later write than the kept count's — a write anywhere in the deployment, or, for a
/// count that lies within one district, a write by that district's staff or by no district's — counts afresh, on every
/// node. Counts also expire `maximumAge` after they ended, a bound on a change that reached the tables without the log
/// (a restore, SQL by hand, a demo loaded beside a running server).
///
/// At most one count of the same parts runs at a time, and at most one more waits behind it. Looks that ask while a
/// count runs share it when it began after the last write they saw; the others share the count queued behind it,
/// which begins when the running one ends and so sees every write they saw. Under steady writes a dashboard is thus
/// counted once per count's duration, however many leaders look and however often the data changes, and every look
/// still shows every write made before it. At most `capacity` parts are kept, the least recently looked at dropped
/// first (a count still running when dropped answers its looks, but is no longer joined). Each node keeps its own.
actor CountCache<Value: Sendable> {
    let capacity: Int
    let maximumAge: Duration
    /// How long a queued count waits for the running one before it begins anyway (a count held up by a slow or hung
    /// query must not hold every later look with it).
    let queueLimit: Duration

    /// What a count does: read the last write it sees, then count, both on the database of the look it runs for.
    private struct Work: Sendable {
        let readVersion: @Sendable () async throws -> Int
        let count: @Sendable () async throws -> Value
    }

    /// One count: kept, running, or queued behind the running one.
    private struct Run {
        let id: Int
        /// The value and the last write the count saw.
        let task: Task<(Value, Int), Error>
        /// The last write the count saw all of: nil until it has read it (a queued count reads it when it begins, after
        /// every look that joined it had read its own).
        var version: Int?
        /// When the count ended; nil while it runs.
        var counted: ContinuousClock.Instant?
        /// For a queued count: the latest write a look that joined it saw, and that look's work, run when it begins —
        /// the database furthest along (the primary, for a look pinned there after its own write, not a trailing
        /// replica), so the count sees every write its looks saw.
        var latestSeen = 0
        var work: Work?
    }

    private struct Entry {
        var current: Run?
        var queued: Run?
    }

    private var entries: [String: Entry] = [:]
    /// The keys, least recently looked at first.
    private var order: [String] = []
    private var nextID = 0
    /// How many counts were begun, for tests.
    private(set) var counts = 0

    init(capacity: Int = 64, maximumAge: Duration = .seconds(60), queueLimit: Duration = .seconds(10)) {
        self.capacity = capacity
        self.maximumAge = maximumAge
        self.queueLimit = queueLimit
    }

    /// The value kept under `key` if it saw every write up to `seen` and is fresh; else the count running or queued
    /// that will, joined; else a new count (`readVersion` names the last write it sees, read as it begins). A count
    /// that fails is not kept. `cached` says the value was counted for another request (already, or while this one
    /// waited for it).
    ///
    /// A joined count that failed, or turned out to have seen less than `seen`, is not taken: the look counts for itself.
    func value(_ key: String, seen: Int, readVersion: @escaping @Sendable () async throws -> Int,
               count: @escaping @Sendable () async throws -> Value) async throws -> (Value, cached: Bool) {
        touch(key)
        let entry = entries[key]
        var joined: Task<(Value, Int), Error>?
        if let current = entry?.current, current.version.map({ $0 >= seen }) ?? true,
           current.counted.map({ ContinuousClock.now - $0 < maximumAge }) ?? true {
            joined = current.task
        } else if let queued = entry?.queued {
            if seen > queued.latestSeen {
                entries[key]?.queued?.latestSeen = seen
                entries[key]?.queued?.work = Work(readVersion: readVersion, count: count)
            }
            joined = queued.task
        }
        if let joined {
            if case let (value, version)? = try? await joined.value, version >= seen { return (value, true) }
            return (try await count(), false)
        }
        let work = Work(readVersion: readVersion, count: count)
        let run: Run
        if let running = entry?.current, running.counted == nil {
            // A count is running, but it began before a write this look saw: queue one behind it.
            run = begin(key, version: nil, after: running.task, work: work, seen: seen)
            entries[key, default: Entry()].queued = run
        } else {
            run = begin(key, version: seen, after: nil, work: work, seen: seen)
            entries[key, default: Entry()].current = run
        }
        while order.count > capacity { entries[order.removeFirst()] = nil }
        let (value, version) = try await run.task.value
        return (version >= seen ? value : try await count(), false)
    }

    /// `value` for a request: kept by `parts` and seen against the last write on `db` (to `bureau`'s data when all that
    /// is counted lies in that one bureau; read as `head`), marked `cached` in the request's `Server-Timing` when it was.
    func value(_ parts: [String], bureau: UUID? = nil, on db: Database, timing: RequestTiming,
               count: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let key = DataVersion.key(parts, bureau: bureau)
        let seen = try await timing.measure("head") { try await DataVersion.lastWrite(on: db, bureau: bureau) }
        let (value, cached) = try await value(key, seen: seen, readVersion: { try await DataVersion.lastWrite(on: db, bureau: bureau) },
                                              count: count)
        if cached { timing.mark("cached") }
        return value
    }

    /// A count of `key`: after `previous` ends or `queueLimit` passes (a queued one, which then takes its place, with
    /// the work of the look that saw the latest write), reading the last write it sees unless `version` is known,
    /// then counting.
    private func begin(_ key: String, version: Int?, after previous: Task<(Value, Int), Error>?, work: Work, seen: Int) -> Run {
        nextID += 1
        counts += 1
        let id = nextID
        let limit = queueLimit
        let task = Task<(Value, Int), Error> {
            var work = work
            if let previous {
                await Self.wait(for: previous, atMost: limit)
                work = self.promote(key, id) ?? work
            }
            do {
                let seen: Int
                if let version {
                    seen = version
                } else {
                    seen = try await work.readVersion()
                    self.setVersion(key, id, seen)
                }
                let value = try await work.count()
                self.ended(key, id, failed: false)
                return (value, seen)
            } catch {
                self.ended(key, id, failed: true)
                throw error
            }
        }
        return Run(id: id, task: task, version: version, latestSeen: seen, work: work)
    }

    /// Returns when `task` has ended or `limit` has passed, whichever is first.
    private static func wait(for task: Task<(Value, Int), Error>, atMost limit: Duration) async {
        let (ended, ending) = AsyncStream<Void>.makeStream()
        let timer = Task {
            try? await Task.sleep(for: limit)
            ending.finish()
        }
        Task {
            _ = try? await task.value
            ending.finish()
        }
        for await _ in ended {}
        timer.cancel()
    }

    /// The queued count `id` begins: it is now the running one. Returns the work it is to run.
    private func promote(_ key: String, _ id: Int) -> Work? {
        guard let queued = entries[key]?.queued, queued.id == id else { return nil }
        entries[key]?.current = queued
        entries[key]?.queued = nil
        return queued.work
    }

    private func setVersion(_ key: String, _ id: Int, _ version: Int) {
        guard entries[key]?.current?.id == id else { return }
        entries[key]?.current?.version = version
    }

    /// Count `id` ended: kept from now, or, when it failed, forgotten.
    private func ended(_ key: String, _ id: Int, failed: Bool) {
        guard entries[key]?.current?.id == id else { return }
        if failed {
            entries[key]?.current = nil
        } else {
            entries[key]?.current?.counted = .now
        }
    }

    /// The latest write a look waiting on `key`'s queued count saw (nil when none is queued), for tests.
    func queuedLatestSeen(_ key: String) -> Int? {
        entries[key]?.queued?.latestSeen
    }

    /// `key` was looked at: the last to be dropped.
    private func touch(_ key: String) {
        order.removeAll { $0 == key }
        order.append(key)
    }
}

/// What a kept count is kept under and seen against: the parts it depends on and the last write to the data.
enum DataVersion {
    /// What a write is: an audit row whose action is not one of `KeyAuditLogByBureau.readOnlyActions` (signing in and
    /// out, a resident's own account, reading personal data or a file, a job's run). The very predicate of the write
    /// indexes, so that the databases use them; a read-only action added later is filtered beside it, not into it.
    static let writes = KeyAuditLogByBureau.writes

    /// The audit log's last row that wrote data (0 when none): the first entry of a walk back along
    /// `audit_entries_writes_idx`. For `bureau`, the last that wrote its data: its own staff's writes and those recorded
    /// without a bureau (a city's staff, jobs, commands, residents, what the deployment shares), not another district's
    /// (`AuditActor.bureau`); each the first entry of a walk back along `audit_entries_bureau_writes_idx`.
    static func lastWrite(on db: Database, bureau: UUID? = nil) async throws -> Int {
        let row = try await db.sql.raw(lastWriteQuery(bureau: bureau)).first()
        let own = try row?.decode(column: "own", as: Int?.self) ?? 0
        guard bureau != nil else { return own }
        return max(own, try row?.decode(column: "shared", as: Int?.self) ?? 0)
    }

    /// `lastWrite`'s query: one row, `own` (the deployment's last write, or `bureau`'s own) and, for a bureau,
    /// `shared` (the last recorded without a bureau).
    static func lastWriteQuery(bureau: UUID?) -> SQLQueryString {
        guard let bureau else {
            return "SELECT (SELECT seq FROM \(ident: AuditEntry.schema) WHERE \(unsafeRaw: writes) ORDER BY seq DESC LIMIT 1) AS own"
        }
        return """
            SELECT (SELECT seq FROM \(ident: AuditEntry.schema) WHERE bureau_id = \(bind: bureau) AND \(unsafeRaw: writes) \
            ORDER BY seq DESC LIMIT 1) AS own, \
            (SELECT seq FROM \(ident: AuditEntry.schema) WHERE bureau_id IS NULL AND \(unsafeRaw: writes) \
            ORDER BY seq DESC LIMIT 1) AS shared
            """
    }

    /// What `CountCache` keeps a count under: `parts` (each "name=value") and whose writes it is seen against — `bureau`'s
    /// when all that is counted lies in that one bureau, else the deployment's — digested.
    static func key(_ parts: [String], bureau: UUID? = nil) -> String {
        let text = (parts + ["writes=\(bureau?.uuidString ?? "all")"]).joined(separator: ";")
        return SHA256.hash(data: Data(text.utf8)).hexString
    }

    /// A set of ids as one key part, in a stable order.
    static func part(_ name: String, _ ids: some Sequence<UUID>) -> String {
        name + "=" + ids.map(\.uuidString).sorted().joined(separator: ",")
    }
}

private struct DashboardCacheKey: StorageKey {
    typealias Value = CountCache<DashboardModel>
}

private struct FiguresCacheKey: StorageKey {
    typealias Value = CountCache<Data>
}

extension Application {
    /// The dashboards already counted on this node, set up by `configure`.
    var dashboardCache: CountCache<DashboardModel> {
        get { storage[DashboardCacheKey.self]! }
        set { storage[DashboardCacheKey.self] = newValue }
    }

    /// The year's figures (`/api/v1/report/figures`, as JSON) already counted on this node, set up by `configure`.
    var figuresCache: CountCache<Data> {
        get { storage[FiguresCacheKey.self]! }
        set { storage[FiguresCacheKey.self] = newValue }
    }
}
