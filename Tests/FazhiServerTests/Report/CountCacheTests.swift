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
        while await cache.counts < 1 { try await Task.sleep(for: .milliseconds(5)) }
        await writes.write()
        // Six looks that saw the write: one count is queued behind the running one, the others share it.
        let later = (0..<6).map { _ in Task { try await look(1) } }
        var waited = 0
        while await cache.counts < 2, waited < 2000 {
            try await Task.sleep(for: .milliseconds(5))
            waited += 1
        }
        #expect(await cache.counts == 2)
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

    @Test("A look pinned to the primary after its own write does not take a count queued by a look on a trailing replica")
    func queuedOnATrailingReplica() async throws {
        let cache = CountCache<Int>()
        let gate = Gate()
        // The first count (it saw write 0) runs until the gate opens.
        let first = Task { try await cache.value("dashboard", seen: 0, readVersion: { 0 }, count: { await gate.pass(); return 0 }) }
        while await cache.counts < 1 { try await Task.sleep(for: .milliseconds(5)) }
        // A look on the replica, which has replayed up to write 1: a count is queued behind the first, reading there.
        let replica = Task { try await cache.value("dashboard", seen: 1, readVersion: { 1 }, count: { 1 }) }
        var waited = 0
        while await cache.counts < 2, waited < 2000 {
            try await Task.sleep(for: .milliseconds(5))
            waited += 1
        }
        // The author of write 5, reading the primary: the queued count would not show it, so the look counts for itself.
        let pinned = Task { try await cache.value("dashboard", seen: 5, readVersion: { 5 }, count: { 5 }) }
        try await Task.sleep(for: .milliseconds(50))
        await gate.release()
        #expect(try await first.value == (0, false))
        #expect(try await replica.value == (1, false))
        #expect(try await pinned.value.0 == 5)
    }
}
