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
}
