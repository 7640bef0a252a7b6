@testable import FazhiServer
import Testing
import Vapor
import VaporTesting

@Suite("Request ids")
struct RequestIDTests {
    @Test("A request keeps the proxy's X-Request-Id and answers with it; without one it gets its own")
    func requestID() async throws {
        try await withTestApp(.sqlite, demo: false) { app in
            try await app.testing().test(.GET, "/healthz", headers: ["X-Request-Id": "nginx-4f1c2b"]) { res in
                #expect(res.headers.first(name: "X-Request-Id") == "nginx-4f1c2b")
            }
            var first = "", second = ""
            try await app.testing().test(.GET, "/healthz") { res in first = res.headers.first(name: "X-Request-Id") ?? "" }
            try await app.testing().test(.GET, "/healthz") { res in second = res.headers.first(name: "X-Request-Id") ?? "" }
            #expect(!first.isEmpty && first != second)
        }
    }
}
