import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// Builds the real application on a fresh database (migrated, with the demo bureau unless `demo: false`),
/// runs `body`, and tears everything down.
func withTestApp(_ database: TestDatabase, demo: Bool = true, _ body: (Application) async throws -> Void) async throws {
    let (databaseConfig, cleanup) = try await database.make()
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        // PostgreSQL needs FAZHI_DATA_KEY; SQLite tests use the key file created beside the database.
        var dataKey: String?
        if case .postgres = databaseConfig { dataKey = [UInt8].random(count: 32).base64 }
        let config = FazhiConfiguration(database: databaseConfig, bcryptCost: 4, jsonLogs: false, dataKey: dataKey)
        try await configure(app, config)
        try await app.autoMigrate()
        if demo { _ = try await DemoData(db: app.db, hasher: app.password).load() }
        try await body(app)
        try await app.asyncShutdown()
    } catch {
        try? await app.asyncShutdown()
        await cleanup()
        throw error
    }
    await cleanup()
}

/// A signed-in API client (bearer token) or browser (cookie + CSRF token).
struct TestClient {
    let app: Application
    let token: String
    let csrf: String

    /// Logs in through `POST /api/v1/session`.
    static func api(_ app: Application, _ username: String, password: String = DemoData.password) async throws -> TestClient {
        var token = "", csrf = ""
        try await app.testing().test(.POST, "/api/v1/session", beforeRequest: { req in
            try req.content.encode(["username": username, "password": password])
        }, afterResponse: { res in
            #expect(res.status == .created)
            let body = try res.content.decode(SessionController.SessionBody.self)
            token = body.token
            csrf = body.csrfToken
        })
        return TestClient(app: app, token: token, csrf: csrf)
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
    func org(code: String) async throws -> Org {
        try #require(try await Org.query(on: db).filter(\.$code == code).first())
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }
    var errorBody: APIErrorBody? { try? content.decode(APIErrorBody.self) }
}
