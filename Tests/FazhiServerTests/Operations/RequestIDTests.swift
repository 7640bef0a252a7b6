@testable import FazhiServer
import Testing
import Vapor
import VaporTesting

@Suite("Request ids")
struct RequestIDTests {
    @Test("The proxy's X-Request-Id is kept and answered; a client's own, or a malformed one, is replaced")
    func requestID() async throws {
        // Through a real socket from 127.0.0.1, named the trusted proxy.
        try await withTestApp(.sqlite, demo: false, adjust: { $0.trustedProxies = ["127.0.0.1"] }) { app in
            try await app.testing(method: .running(port: 0)).test(.GET, "/healthz", headers: ["X-Request-Id": "4f1c2b-nginx"]) { res in
                #expect(res.headers.first(name: "X-Request-Id") == "4f1c2b-nginx")
            }
            try await app.testing(method: .running(port: 0)).test(.GET, "/healthz", headers: ["X-Request-Id": "has spaces; and more"]) { res in
                let id = res.headers.first(name: "X-Request-Id") ?? ""
                #expect(!id.isEmpty && id != "has spaces; and more")
            }
        }
        // No trusted proxy: nobody chooses the id.
        try await withTestApp(.sqlite, demo: false) { app in
            try await app.testing().test(.GET, "/healthz", headers: ["X-Request-Id": "chosen-by-client"]) { res in
                let id = res.headers.first(name: "X-Request-Id") ?? ""
                #expect(!id.isEmpty && id != "chosen-by-client")
            }
            var first = "", second = ""
            try await app.testing().test(.GET, "/healthz") { res in first = res.headers.first(name: "X-Request-Id") ?? "" }
            try await app.testing().test(.GET, "/healthz") { res in second = res.headers.first(name: "X-Request-Id") ?? "" }
            #expect(!first.isEmpty && first != second)
        }
    }
}
