import FazhiCore
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Dashboard and figures: counted once per state of the data")
struct CountCacheTests {
    @Test("A dashboard seen again is not counted again until something is written; another scope is counted for itself",
          arguments: TestDatabase.all)
    func countedOnce(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            app.keepCountsAnHour()
            let leader = try await TestClient.api(app, "leader")
            let officer = try await TestClient.api(app, "fuyi")
            /// The dashboard's 2024 count of received applications, and whether it was already counted.
            func look(_ client: TestClient) async throws -> (received: String, cached: Bool) {
                var result = ("", false)
                try await client.getPage("/dashboard?year=2024") { res in
                    #expect(res.status == .ok)
                    let link = try #require(res.text.range(of: "metric=reconsideration.received&amp;year=2024&amp;org=")).upperBound
                    let after = try #require(res.text[link...].range(of: "\">")).upperBound
                    result = (String(res.text[after...].prefix { $0 != "<" }),
                              res.headers.first(name: "Server-Timing")?.contains("cached") == true)
                }
                return result
            }
            let first = try await look(leader)
            #expect(!first.cached)
            let second = try await look(leader)
            #expect(second.cached)
            #expect(second.received == first.received)
            // A sign-in is in the audit log but writes nothing counted.
            let head = try await TestClient.api(app, "fuyizhuren")
            #expect(try await look(leader).cached)

            // A registration appends to the audit log: the next look counts again and sees it.
            _ = try await officer.register(try await registration(app))
            let third = try await look(leader)
            #expect(!third.cached)
            #expect(third.received != first.received)
            #expect(try await look(leader).cached)

            // The centre's head reads another scope: counted for itself, then kept for them too.
            #expect(try await !look(head).cached)
            #expect(try await look(head).cached)
        }
    }

    @Test("The year's figures through the API: kept until a write, then counted again", arguments: TestDatabase.all)
    func figures(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            app.keepCountsAnHour()
            let leader = try await TestClient.api(app, "leader")
            let officer = try await TestClient.api(app, "fuyi")
            func figures() async throws -> (received: Int, cached: Bool) {
                var result = (0, false)
                try await leader.get("/api/v1/report/figures?year=2024") { res in
                    #expect(res.status == .ok)
                    let body = try JSONSerialization.jsonObject(with: Data(res.text.utf8)) as? [String: Any]
                    let metrics = try #require(body?["metrics"] as? [String: Any])
                    result = (try #require(metrics["reconsideration.received"] as? Int),
                              res.headers.first(name: "Server-Timing")?.contains("cached") == true)
                }
                return result
            }
            let first = try await figures()
            #expect(!first.cached)
            let second = try await figures()
            #expect(second.cached)
            #expect(second.received == first.received)
            _ = try await officer.register(try await registration(app))
            let third = try await figures()
            #expect(!third.cached)
            #expect(third.received == first.received + 1)
        }
    }

    /// The data a count reads in the test below: how many writes were made.
    private actor Writes {
        var last = 0
        func write() { last += 1 }
    }

    /// Holds every count until opened, so that looks arrive while one runs.
    private actor Gate {
        private var open = false
        private var waiting: [CheckedContinuation<Void, Never>] = []
        func pass() async {
            if open { return }
            await withCheckedContinuation { waiting.append($0) }
        }
        func release() {
            open = true
            waiting.forEach { $0.resume() }
            waiting = []
        }
    }

    @Test("Looks while a count runs share it, or the one count queued behind it; each shows every write it saw")
    func coalescedUnderWrites() async throws {
        let cache = CountCache<Int>()
        let writes = Writes(), gate = Gate()
        /// A count: the writes it sees as it begins, returned when the gate is open.
        let count: @Sendable () async throws -> Int = {
            let seen = await writes.last
            await gate.pass()
            return seen
        }
        func look(_ seen: Int) async throws -> (value: Int, cached: Bool) {
            try await cache.value("dashboard", seen: seen, readVersion: { await writes.last }, count: count)
        }
        // A count begins; a write follows while it runs.
        let first = Task { try await look(0) }
        try await Self.until { await cache.counts == 1 }
        await writes.write()
        // Six looks that saw the write: one count is queued behind the running one, the others share it.
        let later = (0..<6).map { _ in Task { try await look(1) } }
        try await Self.until { await cache.counts == 2 }
        await gate.release()
        #expect(try await first.value.value >= 0)
        var fresh = 0
        for task in later {
            let result = try await task.value
            #expect(result.value >= 1, "a look shows every write it saw")
            if !result.cached { fresh += 1 }
        }
        #expect(fresh == 1, "the queued count was begun for one look, shared by the rest")
        #expect(await cache.counts == 2, "six looks under a write: two counts, not seven")

        // Nothing written since: kept. A write: the next look counts again, and sees it.
        #expect(try await look(1) == (1, true))
        await writes.write()
        #expect(try await look(2) == (2, false))
        #expect(await cache.counts == 3)
        // A look that saw an older write takes the newer count.
        #expect(try await look(1) == (2, true))
    }

    @Test("A look pinned to the primary after its own write makes the queued count read the primary, not a trailing replica")
    func queuedOnATrailingReplica() async throws {
        let cache = CountCache<Int>()
        let gate = Gate()
        // The first count (it saw write 0) runs until the gate opens.
        let first = Task { try await cache.value("dashboard", seen: 0, readVersion: { 0 }, count: { await gate.pass(); return 0 }) }
        try await Self.until { await cache.counts == 1 }
        // A look on the replica, which has replayed up to write 1: a count is queued behind the first, reading there.
        let replica = Task { try await cache.value("dashboard", seen: 1, readVersion: { 1 }, count: { 1 }) }
        try await Self.until { await cache.queuedLatestSeen("dashboard") == 1 }
        // The author of write 5, reading the primary, joins it: the queued count now reads the primary.
        let pinned = Task { try await cache.value("dashboard", seen: 5, readVersion: { 5 }, count: { 5 }) }
        try await Self.until { await cache.queuedLatestSeen("dashboard") == 5 }
        await gate.release()
        #expect(try await first.value == (0, false))
        #expect(try await replica.value == (5, false))
        #expect(try await pinned.value == (5, true))
        #expect(await cache.counts == 2)
    }

    @Test("A queued count begins when the running one is past the queue's limit; a joined count that fails is counted again")
    func hungAndFailedCounts() async throws {
        struct Failed: Error {}
        let cache = CountCache<Int>(queueLimit: .milliseconds(100))
        let hung = Gate()
        // A count that hangs (a slow query): a look that saw a later write waits the queue's limit, not the count.
        let stuck = Task { try await cache.value("hung", seen: 0, readVersion: { 0 }, count: { await hung.pass(); return 0 }) }
        try await Self.until { await cache.counts == 1 }
        #expect(try await cache.value("hung", seen: 1, readVersion: { 1 }, count: { 1 }) == (1, false))
        await hung.release()
        #expect(try await stuck.value == (0, false))

        // A count that fails: the look that joined it counts for itself.
        let failing = Gate()
        let fails = Task { try await cache.value("fails", seen: 0, readVersion: { 0 }, count: { await failing.pass(); throw Failed() }) }
        try await Self.until { await cache.counts == 3 }
        let joined = Task { try await cache.value("fails", seen: 0, readVersion: { 0 }, count: { 7 }) }
        try await Task.sleep(for: .milliseconds(20))
        await failing.release()
        await #expect(throws: Failed.self) { try await fails.value }
        #expect(try await joined.value.0 == 7)
    }

    /// Waits (up to 10 s) until `condition` holds.
    private static func until(_ condition: () async -> Bool) async throws {
        for _ in 0..<2000 where await !condition() { try await Task.sleep(for: .milliseconds(5)) }
        #expect(await condition())
    }

    @Test("The last write is the first entry of a walk along a write index, however many sign-ins were logged after it",
          arguments: TestDatabase.all)
    func lastWriteFromIndex(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            let bureau = UUID()
            var district = AuditActor.system
            district.bureau = bureau
            try await AuditLog.record(on: app.db, actor: district, action: "update", entityType: "case", entityID: "1",
                                      before: nil, after: ["state": "test"])
            let written = try await DataVersion.lastWrite(on: app.db, bureau: bureau)
            #expect(written > 0)
            // 3,000 sign-ins after it (logged without a bureau), and the planner's statistics.
            let sql = try app.db.sql
            try await sql.raw("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) \
                INSERT INTO \(ident: AuditEntry.schema) (at, actor_name, action, entity_type, entity_id, before, after, prev_hash, hash) \
                SELECT a.at, a.actor_name, 'login', 'session', 'x', a.before, a.after, a.prev_hash, a.hash \
                FROM n CROSS JOIN (SELECT * FROM \(ident: AuditEntry.schema) ORDER BY seq DESC LIMIT 1) AS a
                """).run()
            try await sql.raw("ANALYZE").run()
            #expect(try await DataVersion.lastWrite(on: app.db, bureau: bureau) == written)
            #expect(try await DataVersion.lastWrite(on: app.db) == written)
            #expect(try await DataVersion.lastWrite(on: app.db, bureau: UUID()) <= written)
            // Each walk reads the write index, not the sign-ins.
            for (bureau, index) in [(nil, "audit_entries_writes_idx"), (bureau, "audit_entries_bureau_writes_idx")] {
                let query = DataVersion.lastWriteQuery(bureau: bureau)
                let plan = sql.dialect.name == "sqlite"
                    ? try await sql.raw("EXPLAIN QUERY PLAN \(query)").all().map { try $0.decode(column: "detail", as: String.self) }
                    : try await sql.raw("EXPLAIN \(query)").all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }
                #expect(plan.contains { $0.contains(index) }, "\(plan)")
            }
        }
    }
}
