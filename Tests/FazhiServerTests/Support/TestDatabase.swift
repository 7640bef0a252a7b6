import FluentPostgresDriver
import FluentSQL
@testable import FazhiServer
import Foundation
import Testing
import Vapor

/// The databases every server test runs on: SQLite always, PostgreSQL when `FAZHI_TEST_DATABASE_URL` is set
/// (the README's test command starts a throwaway cluster and sets it).
enum TestDatabase: CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres(adminURL: String)

    static var all: [TestDatabase] {
        var databases: [TestDatabase] = [.sqlite]
        if let url = ProcessInfo.processInfo.environment["FAZHI_TEST_DATABASE_URL"], !url.isEmpty {
            databases.append(.postgres(adminURL: url))
        }
        return databases
    }

    var testDescription: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }

    /// Creates a database for one test, empty or a copy of `template` (a database of the same kind that nothing is
    /// connected to: its file and key file copied, or PostgreSQL's `CREATE DATABASE … TEMPLATE`), and returns its
    /// configuration and a cleanup.
    func make(copying template: FazhiConfiguration.Database? = nil) async throws -> (FazhiConfiguration.Database, @Sendable () async -> Void) {
        switch (self, template) {
        case (.sqlite, nil), (.sqlite, .sqlite?):
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-test-\(UUID().uuidString).sqlite").path
            if case .sqlite(let source)? = template {
                for suffix in ["", "-wal", ".key"] where FileManager.default.fileExists(atPath: source + suffix) {
                    try FileManager.default.copyItem(atPath: source + suffix, toPath: path + suffix)
                }
            }
            return (.sqlite(path: path), {
                for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            })
        case (.postgres(let adminURL), nil), (.postgres(let adminURL), .postgres?):
            let name = "fazhi_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            var create: SQLQueryString = "CREATE DATABASE \(unsafeRaw: name)"
            if case .postgres(let source)? = template {
                create = create + " TEMPLATE \(unsafeRaw: String(URLComponents(string: source)!.path.dropFirst()))" as SQLQueryString
            }
            // A template's own app has just closed its connections; the server may take a moment to let them go.
            for attempt in 1... {
                do {
                    try await Self.admin(adminURL) { try await $0.raw(create).run() }
                    break
                } catch where template != nil && attempt < 50 && String(reflecting: error).contains("being accessed by other users") {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            let url = Self.replacingDatabase(in: adminURL, with: name)
            return (.postgres(url: url), {
                try? await Self.admin(adminURL) { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
            })
        default:
            preconditionFailure("a copy of another kind of database")
        }
    }

    /// `make()` with the data key its app needs: PostgreSQL takes FAZHI_DATA_KEY, SQLite creates a key file beside the
    /// database.
    func makeWithKey() async throws -> (FazhiConfiguration.Database, @Sendable () async -> Void, String?) {
        let (config, cleanup) = try await make()
        if case .postgres = self { return (config, cleanup, [UInt8].random(count: 32).base64) }
        return (config, cleanup, nil)
    }

    static func admin(_ url: String, _ body: (SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            var config = try SQLPostgresConfiguration(url: url)
            config.coreConfiguration.tls = .disable
            app.databases.use(.postgres(configuration: config), as: .psql)
            try await body(app.db as! SQLDatabase)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }
}
