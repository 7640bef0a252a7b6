import Fluent
@testable import FazhiServer
import Testing
import Vapor
import VaporTesting

@Suite("Sessions, login and lockout")
struct SessionTests {
    @Test("API login returns a session usable for /me", arguments: TestDatabase.all)
    func apiLogin(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let client = try await TestClient.api(app, "admin")
            try await client.get("/api/v1/me") { res in
                #expect(res.status == .ok)
                let me = try res.content.decode(SessionController.MeBody.self)
                #expect(me.username == "admin")
                #expect(me.grants.map(\.role) == ["admin"])
            }
        }
    }

    @Test("A session slides forward while used, never past its absolute end, and an expired one opens nothing",
          arguments: TestDatabase.all)
    func slidingExpiry(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let client = try await TestClient.api(app, "admin")
            let stored = try #require(try await UserSession.query(on: app.db).sort(\.$createdAt, .descending).first())
            // Idle for a while: 30 minutes left. The next request renews it to a full lifetime from now.
            stored.expiresAt = Date().addingTimeInterval(1800)
            try await stored.update(on: app.db)
            try await client.get("/api/v1/me") { res in #expect(res.status == .ok) }
            let renewed = try #require(try await UserSession.find(stored.id, on: app.db))
            #expect(renewed.expiresAt > Date().addingTimeInterval(FazhiConfiguration().sessionLifetime - 120))
            #expect(renewed.expiresAt <= renewed.createdAt.addingTimeInterval(FazhiConfiguration().sessionAbsoluteLifetime))
            // Expired: the token opens nothing, and is not renewed.
            renewed.expiresAt = Date().addingTimeInterval(-1)
            try await renewed.update(on: app.db)
            try await client.get("/api/v1/me") { res in #expect(res.status == .unauthorized) }
            #expect(try #require(try await UserSession.find(stored.id, on: app.db)).expiresAt < Date())
        }
    }

    @Test("A wrong password answers 401 with the JSON error shape", arguments: TestDatabase.all)
    func wrongPassword(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await app.testing().test(.POST, "/api/v1/session", beforeRequest: { req in
                try req.content.encode(["username": "admin", "password": "wrong-password-1"])
            }, afterResponse: { res in
                #expect(res.status == .unauthorized)
                #expect(res.errorBody?.error.code == "invalid_credentials")
                #expect(res.text.contains("\"field\":null"))
            })
            try await app.testing().test(.GET, "/api/v1/me") { res in
                #expect(res.status == .unauthorized)
                #expect(res.errorBody?.error.code == "unauthorized")
            }
        }
    }

    @Test("Five failures lock the account, even against the right password", arguments: TestDatabase.all)
    func lockout(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            for _ in 1...4 {
                try await app.testing().test(.POST, "/api/v1/session", beforeRequest: { req in
                    try req.content.encode(["username": "fuyi", "password": "nope-nope-1"])
                }, afterResponse: { res in #expect(res.status == .unauthorized) })
            }
            try await app.testing().test(.POST, "/api/v1/session", beforeRequest: { req in
                try req.content.encode(["username": "fuyi", "password": "nope-nope-1"])
            }, afterResponse: { res in
                #expect(res.status == .tooManyRequests)
                #expect(res.errorBody?.error.code == "account_locked")
            })
            try await app.testing().test(.POST, "/api/v1/session", beforeRequest: { req in
                try req.content.encode(["username": "fuyi", "password": DemoData.password])
            }, afterResponse: { res in #expect(res.status == .tooManyRequests) })
            // Another account from the same address is not affected.
            _ = try await TestClient.api(app, "admin")
            // The lock lifts after 15 minutes.
            let later = Date().addingTimeInterval(LoginThrottle.firstLock + 1)
            let until = try await LoginThrottle(db: app.db).lockedUntil("fuyi", now: later)
            #expect(until == nil)
        }
    }

    @Test("Logout ends the session", arguments: TestDatabase.all)
    func logout(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let client = try await TestClient.api(app, "viewer")
            try await app.testing().test(.DELETE, "/api/v1/session", headers: client.bearer) { res in
                #expect(res.status == .noContent)
            }
            try await client.get("/api/v1/me") { res in #expect(res.status == .unauthorized) }
        }
    }

    @Test("The browser login form sets the cookie and pages need it", arguments: TestDatabase.all)
    func browserLogin(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await app.testing().test(.GET, "/admin/users") { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.hasPrefix("/login") == true)
            }
            var csrfCookie = ""
            try await app.testing().test(.GET, "/login") { res in
                #expect(res.status == .ok)
                csrfCookie = try #require(res.headers.setCookie?[SessionController.loginCSRFCookie]?.string)
                #expect(res.text.contains("value=\"\(csrfCookie)\""))
            }
            // Without the form token: refused.
            try await app.testing().test(.POST, "/login", beforeRequest: { req in
                try req.content.encode(["username": "admin", "password": DemoData.password], as: .urlEncodedForm)
            }, afterResponse: { res in #expect(res.status == .forbidden) })
            try await app.testing().test(.POST, "/login", headers: ["Cookie": "\(SessionController.loginCSRFCookie)=\(csrfCookie)"],
                                         beforeRequest: { req in
                try req.content.encode(["username": "leader", "password": DemoData.password, "_csrf": csrfCookie, "next": "/admin/users"],
                                       as: .urlEncodedForm)
            }, afterResponse: { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/admin/users")
                #expect(res.headers.setCookie?[StaffSessions.cookieName]?.string.isEmpty == false)
            })
        }
    }

    @Test("Only same-site paths are followed after login")
    func safeNext() {
        #expect(SessionController.safeNext("/admin/users") == "/admin/users")
        #expect(SessionController.safeNext("//evil.example") == "/")
        #expect(SessionController.safeNext("https://evil.example") == "/")
        #expect(SessionController.safeNext(nil) == "/")
    }
}
