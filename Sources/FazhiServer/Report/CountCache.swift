import Crypto
import Fluent
import FazhiCore
import SQLKit
import Vapor

/// Counts already made — a dashboard, a year's figures — so that a leader's second look, and the colleagues who open
/// the same page after them, cost two indexed reads instead of a recount. An entry is keyed by everything the count
/// depends on (the org, the year, the day, the viewer's scope: the caller's parts) and by the last write to the data
/// (`DataVersion.lastWrite`): every write to what is counted appends to the audit log in its own transaction, so such
/// a write makes the next look count afresh, on every node — a write anywhere in the deployment, or, for a count that
/// lies within one district, a write by that district's staff or by no district's. Entries also expire
/// `maximumAge` after their count ended, a bound on a change that reached the tables without the log (a restore, SQL
/// by hand, a demo loaded beside a running server).
///
/// Requests that ask for the same count while it is being made wait for that one count, however many leaders open
/// the page at once. At most `capacity` entries are kept, the oldest dropped first. Each node keeps its own.
actor CountCache<Value: Sendable> {
    let capacity: Int
    let maximumAge: Duration

    private struct Entry {
        let task: Task<Value, Error>
        /// When the count ended; nil while it runs (a count is joined however long it takes).
        var counted: ContinuousClock.Instant?
    }

    private var entries: [String: Entry] = [:]
    private var order: [String] = []

    init(capacity: Int = 64, maximumAge: Duration = .seconds(60)) {
        self.capacity = capacity
        self.maximumAge = maximumAge
    }

    /// The value under `key`: the stored one while it is fresh, else `count()`'s, stored. A count that fails is not
    /// kept. `cached` says the value was counted for another request (already, or while this one waited for it).
    func value(_ key: String, count: @escaping @Sendable () async throws -> Value) async throws -> (Value, cached: Bool) {
        if let entry = entries[key], entry.counted.map({ ContinuousClock.now - $0 < maximumAge }) ?? true {
            return (try await entry.task.value, true)
        }
        let task = Task { try await count() }
        remove(key)
        entries[key] = Entry(task: task)
        order.append(key)
        while order.count > capacity { entries[order.removeFirst()] = nil }
        do {
            let value = try await task.value
            if entries[key]?.task == task { entries[key]?.counted = .now }
            return (value, false)
        } catch {
            if entries[key]?.task == task { remove(key) }
            throw error
        }
    }

    /// `value` for a request: keyed by `parts` and the last write on `db` (to `bureau`'s data when all that is counted
    /// lies in that one bureau; timed as `head`), marked `cached` in the request's `Server-Timing` when it was.
    func value(_ parts: [String], bureau: UUID? = nil, on db: Database, timing: RequestTiming,
               count: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let key = try await timing.measure("head") { try await DataVersion.key(parts, bureau: bureau, on: db) }
        let (value, cached) = try await value(key, count: count)
        if cached { timing.mark("cached") }
        return value
    }

    private func remove(_ key: String) {
        entries[key] = nil
        order.removeAll { $0 == key }
    }
}

/// What a kept count is keyed by: the parts it depends on and the last write to the data.
enum DataVersion {
    /// Audit actions that write nothing a figure counts: signing in (each step of it) and out, a resident's own account
    /// and profile, reading personal data or a file, a job's run (whose writes log their own rows). Leaving one out only
    /// costs a recount — of every district's counts, since a sign-in is logged without a bureau.
    static let readOnlyActions = ["login", "login:secondFactor", "login:secondFactor-ok", "login:enrolment", "login:enrolment-ok",
                                  "logout", "portal:login", "portal:signup", "portal:profile", "reveal", "download", "job:run"]

    /// The audit log's last row that wrote data (0 when none): a walk back from the end of its primary key past the
    /// sign-ins and reads since. For `bureau`, the last that wrote its data: its own staff's writes and those recorded
    /// without a bureau (a city's staff, jobs, commands, residents, what the deployment shares), not another
    /// district's (`AuditActor.bureau`); each a walk back along `audit_entries (bureau_id, seq)`.
    static func lastWrite(on db: Database, bureau: UUID? = nil) async throws -> Int {
        let writes = "action NOT IN (\(readOnlyActions.map { "'\($0)'" }.joined(separator: ", ")))"
        guard let bureau else {
            let row = try await db.sql.raw("""
                SELECT seq FROM \(ident: AuditEntry.schema) WHERE \(unsafeRaw: writes) ORDER BY seq DESC LIMIT 1
                """).first()
            return try row?.decode(column: "seq", as: Int.self) ?? 0
        }
        let row = try await db.sql.raw("""
            SELECT (SELECT seq FROM \(ident: AuditEntry.schema) WHERE bureau_id = \(bind: bureau) AND \(unsafeRaw: writes) \
            ORDER BY seq DESC LIMIT 1) AS own, \
            (SELECT seq FROM \(ident: AuditEntry.schema) WHERE bureau_id IS NULL AND \(unsafeRaw: writes) \
            ORDER BY seq DESC LIMIT 1) AS shared
            """).first()
        return max(try row?.decode(column: "own", as: Int?.self) ?? 0, try row?.decode(column: "shared", as: Int?.self) ?? 0)
    }

    /// A key for `CountCache`: `parts` (each "name=value") and the last write on `db` — to `bureau`'s data when all that
    /// is counted lies in that one bureau — digested.
    static func key(_ parts: [String], bureau: UUID? = nil, on db: Database) async throws -> String {
        let write = "write=\(bureau?.uuidString ?? "all"):\(try await lastWrite(on: db, bureau: bureau))"
        let text = (parts + [write]).joined(separator: ";")
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
