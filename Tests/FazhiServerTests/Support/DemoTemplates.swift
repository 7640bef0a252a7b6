import FluentSQL
@testable import FazhiServer
import Foundation
import Vapor

/// One migrated database with the demo bureau per test process and database kind, copied for every test that runs the
/// standard modules with demo data. Migrating a fresh database and loading the demo is most of what a test's app costs
/// to start, and some 170 tests on two databases each did it anew.
/// SQLite copies the file and its key file; PostgreSQL creates the test's database with the template as its `TEMPLATE`.
actor DemoTemplates {
    static let shared = DemoTemplates()

    /// A template: its database, and the data key its personal data is sealed with (every copy is opened with it).
    private struct Template {
        let database: FazhiConfiguration.Database
        let dataKey: String?
    }

    private var templates: [String: Task<Template, any Error>] = [:]

    /// A fresh copy of `database`'s template for one test: its configuration, its cleanup and its data key.
    func copy(_ database: TestDatabase) async throws -> (FazhiConfiguration.Database, @Sendable () async -> Void, String?) {
        let template = try await template(database)
        let (config, cleanup) = try await database.make(copying: template.database)
        return (config, cleanup, template.dataKey)
    }

    private func template(_ database: TestDatabase) async throws -> Template {
        let key = database.testDescription
        if let made = templates[key] { return try await made.value }
        let making = Task { try await Self.make(database) }
        templates[key] = making
        return try await making.value
    }

    /// Migrates a fresh database and loads the demo bureau, as `withTestApp` did for each test, then closes it. It is
    /// removed with the test cluster (PostgreSQL) or left in the temporary folder (SQLite, some hundred kilobytes).
    private static func make(_ database: TestDatabase) async throws -> Template {
        let (config, _, dataKey) = try await database.makeWithKey()
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            try await configure(app, FazhiConfiguration(database: config, bcryptCost: 4, jsonLogs: false, dataKey: dataKey),
                                modules: .standard)
            try await app.autoMigrate()
            _ = try await DemoData(db: app.db, hasher: app.password, modules: app.modules).load()
            if case .sqlite = config {
                // Everything into the main file, so that a copy of the file alone is whole.
                try await (app.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            }
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return Template(database: config, dataKey: dataKey)
    }
}

extension ModuleRegistry {
    /// Whether these are the modules the app ships with (a test may add its own).
    var isStandard: Bool {
        all.map { ObjectIdentifier($0) } == ModuleRegistry.standard.all.map { ObjectIdentifier($0) }
    }
}
