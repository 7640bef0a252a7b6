import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Operations and the API description")
struct OperationsTests {
    @Test("Health answers with the database", arguments: TestDatabase.all)
    func health(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            try await app.testing().test(.GET, "/healthz") { res in
                #expect(res.status == .ok)
                let body = try res.content.decode(OperationsController.HealthBody.self)
                #expect(body.status == "ok")
                if case .postgres = database { #expect(body.database == "postgresql") } else { #expect(body.database == "sqlite") }
            }
        }
    }

    @Test("Prometheus metrics count requests and their latency", arguments: [TestDatabase.sqlite])
    func metrics(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            try await app.testing().test(.GET, "/healthz") { _ in }
            try await app.testing().test(.GET, "/metrics") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("http_requests_total"))
                #expect(res.text.contains("http_request_duration_seconds"))
            }
        }
    }

    @Test("The deadline gauges count each line's running and overdue deadlines as the queues do", arguments: TestDatabase.all)
    func deadlineGauges(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await app.loadDemoCases(perYear: 30)
            let today = ChinaTime.today
            let counts = try await OperationalGauges.deadlineCounts(db: app.db, today: today)
            let running = try await CaseDeadlineRecord.query(on: app.db).filter(\.$line == .reconsideration).filter(\.$completedOn == nil)
                .filter(\.$paused == false).all().filter { $0.kind != .minimum }
            let overdue = running.filter { $0.dueOn < today.description }.count
            #expect(overdue > 0)
            #expect(counts["reconsideration"]?.running == running.count && counts["reconsideration"]?.overdue == overdue)
            // The registry is the process's: set and read back by the one database's test.
            guard case .sqlite = database else { return }
            try await OperationalGauges.recordDeadlines(db: app.db, lines: app.modules.caseLines.map(\.line), today: today)
            try await app.testing().test(.GET, "/metrics") { res in
                #expect(res.text.contains("fazhi_deadlines_running{line=\"reconsideration\"} \(running.count)"))
                #expect(res.text.contains("fazhi_deadlines_overdue{line=\"reconsideration\"} \(overdue)"))
            }
        }
    }

    @Test("CSS and JS are served by the app", arguments: [TestDatabase.sqlite])
    func assets(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            try await app.testing().test(.GET, "/assets/fazhi.css") { res in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType)?.hasPrefix("text/css") == true)
            }
            try await app.testing().test(.GET, "/assets/nope.css") { res in #expect(res.status == .notFound) }
        }
    }

    @Test("The OpenAPI document is built from the routes: every API route the app serves describes itself", arguments: [TestDatabase.sqlite])
    func openAPIInSync(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            let served = Set(app.routes.all.compactMap { route -> String? in
                let path = OpenAPIDocument.path(of: route)
                guard path.hasPrefix("/api/v1/") else { return nil }
                return route.method.rawValue.lowercased() + " " + path
            })
            let described = Set(OpenAPIDocument.endpoints(app.routes.all).map { "\($0.method) \($0.path)" })
            #expect(served.count > 50)
            #expect(served == described, "undescribed: \(served.subtracting(described).sorted())")
            try await app.testing().test(.GET, "/api/openapi.json") { res in
                #expect(res.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(res.text.utf8)) as? [String: Any]
                #expect(json?["openapi"] as? String == "3.1.0")
                let paths = json?["paths"] as? [String: Any]
                #expect(paths?.count == Set(OpenAPIDocument.endpoints(app.routes.all).map(\.path)).count)
            }
        }
    }
}

@Suite("fazhi migrate --check")
struct MigrateCheckTests {
    @Test("Lists every migration of a new database in order, and none once migrated", arguments: TestDatabase.all)
    func pending(_ database: TestDatabase) async throws {
        let (databaseConfig, cleanup) = try await database.make()
        var dataKey: String?
        if case .postgres = databaseConfig { dataKey = [UInt8].random(count: 32).base64 }
        let config = FazhiConfiguration(database: databaseConfig, bcryptCost: 4, jsonLogs: false, dataKey: dataKey)
        do {
            let all = try await FazhiApp.pendingMigrations(config)
            let expected = ModuleRegistry.standard.all.flatMap { $0.migrations }.map(\.name)
            #expect(all == expected)
            #expect(all.contains("FazhiServer.CreatePortalAppointments"))
            try await FazhiApp.with(config) { _ in }
            #expect(try await FazhiApp.pendingMigrations(config).isEmpty)
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }
}
