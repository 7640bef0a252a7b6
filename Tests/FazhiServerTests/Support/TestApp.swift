import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// Builds the real application on a fresh database (migrated, with the demo bureau unless `demo: false`),
/// runs `body`, and tears everything down. `modules` are those the app runs (a test's own module joins only its app);
/// `adjust` changes the configuration first.
func withTestApp(_ database: TestDatabase, demo: Bool = true, modules: ModuleRegistry = .standard,
                 adjust: (inout FazhiConfiguration) -> Void = { _ in },
                 _ body: (Application) async throws -> Void) async throws {
    // The standard app with the demo bureau (most tests) starts from a copy of one migrated, loaded database.
    let fromTemplate = demo && modules.isStandard
    let (databaseConfig, cleanup, dataKey) = fromTemplate ? try await DemoTemplates.shared.copy(database)
                                                          : try await database.makeWithKey()
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        var config = FazhiConfiguration(database: databaseConfig, bcryptCost: 4, jsonLogs: false, dataKey: dataKey)
        adjust(&config)
        try await configure(app, config, modules: modules)
        app.buildResponderOnce()
        try await app.autoMigrate()
        if demo && !fromTemplate { _ = try await DemoData(db: app.db, hasher: app.password, modules: app.modules).load() }
        try await body(app)
        try await app.asyncShutdown()
    } catch {
        try? await app.asyncShutdown()
        await cleanup()
        throw error
    }
    await cleanup()
}

extension Application {
    /// Keeps counted dashboards and figures for an hour instead of `CountCache`'s minute: tests that check which look
    /// was answered from a kept count must not see one expire because the loaded CI machine took a minute between looks.
    func keepCountsAnHour() {
        dashboardCache = CountCache(maximumAge: .seconds(3600))
        figuresCache = CountCache(maximumAge: .seconds(3600))
    }
}

/// A signed-in API client (bearer token) or browser (cookie + CSRF token).
struct TestClient {
    let app: Application
    let token: String
    let csrf: String

    /// Logs in through `POST /api/v1/session`; an administrator (who must have a second factor) gets one enrolled with
    /// `testSecret` and sends its current code.
    static func api(_ app: Application, _ username: String, password: String = DemoData.password) async throws -> TestClient {
        var token = "", csrf = ""
        var body = ["username": username, "password": password]
        if let code = try await secondFactorCode(app, username) { body["totp"] = code }
        try await app.testing().test(.POST, "/api/v1/session", beforeRequest: { req in
            try req.content.encode(body)
        }, afterResponse: { res in
            #expect(res.status == .created)
            let body = try res.content.decode(SessionController.SessionBody.self)
            token = body.token
            csrf = body.csrfToken
        })
        return TestClient(app: app, token: token, csrf: csrf)
    }

    /// The authenticator secret tests enrol for administrators (Base32).
    static let testSecret = TOTP(secret: Array("fazhi-test-secret-20".utf8))

    /// For an account that must have (or has) a second factor: enrols `testSecret` when none is confirmed, forgets the
    /// last step used (tests sign in several times within 30 seconds), and returns the current code.
    static func secondFactorCode(_ app: Application, _ username: String) async throws -> String? {
        guard let user = try await User.query(on: app.db).filter(\.$username == username).first(), let userID = user.id else { return nil }
        var factor = try await SecondFactor.confirmed(for: userID, on: app.db)
        if factor == nil {
            guard try await StaffSessions.mustEnrol(userID, on: app.db) else { return nil }
            let created = SecondFactor(userID: userID, sealedSecret: try app.dataProtection.encrypt(testSecret.base32))
            created.confirmedAt = Date()
            try await created.create(on: app.db)
            factor = created
        }
        factor!.lastStep = 0
        try await factor!.update(on: app.db)
        let secret = Base32.decode(try app.dataProtection.decrypt(factor!.secret)) ?? []
        return TOTP(secret: secret).code(at: Date())
    }

    var bearer: HTTPHeaders { ["Authorization": "Bearer \(token)"] }
    var cookie: HTTPHeaders { ["Cookie": "\(StaffSessions.cookieName)=\(token)"] }

    func get(_ path: String, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        try await app.testing().test(.GET, path, headers: bearer, afterResponse: check)
    }

    func send<T: Content>(_ method: HTTPMethod, _ path: String, json: T, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        try await app.testing().test(method, path, headers: bearer, beforeRequest: { try $0.content.encode(json) }, afterResponse: check)
    }

    /// Posts a browser form with the session cookie; `csrf: false` leaves the token out.
    func postForm(_ path: String, _ fields: [String: String], csrf withToken: Bool = true,
                  _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        var fields = fields
        if withToken { fields[CSRFMiddleware.field] = csrf }
        try await app.testing().test(.POST, path, headers: cookie, beforeRequest: {
            try $0.content.encode(fields, as: .urlEncodedForm)
        }, afterResponse: check)
    }

    func getPage(_ path: String, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        try await app.testing().test(.GET, path, headers: cookie, afterResponse: check)
    }
}

extension Application {
    /// A slice of the demo's cases of every line (`perYear` a year, the full demo's days up to 2026-11-25), loaded
    /// through the lines' own demo stories as `fazhi demo` loads them.
    func loadDemoCases(perYear: Int) async throws {
        var demo = DemoCases(db: db, calendar: try await CalendarStore(db: db).calendar(), protection: dataProtection,
                             today: CivilDate(string: "2026-11-25")!, modules: modules)
        demo.perYear = perYear
        _ = try await demo.load()
    }

    func org(code: String) async throws -> Org {
        try #require(try await Org.query(on: db).filter(\.$code == code).first())
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }
    var errorBody: APIErrorBody? { try? content.decode(APIErrorBody.self) }
}

extension Application {
    /// Vapor's in-memory tester asks for `responder.current` on every request, and the default provider builds a new
    /// router from every route each time (some 500 routes: a fifth of the IDOR matrix's time). The server builds it
    /// once when it starts; the tests do the same, after `configure` has registered every route and middleware.
    func buildResponderOnce() {
        let responder = self.responder.default
        self.responder.use { _ in responder }
    }
}
