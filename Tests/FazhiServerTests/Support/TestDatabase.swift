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

    /// Creates a fresh, empty database for one test and returns its configuration and a cleanup.
    func make() async throws -> (FazhiConfiguration.Database, @Sendable () async -> Void) {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-test-\(UUID().uuidString).sqlite").path
            return (.sqlite(path: path), {
                for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            })
        case .postgres(let adminURL):
            let name = "fazhi_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            try await Self.admin(adminURL) { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            let url = Self.replacingDatabase(in: adminURL, with: name)
            return (.postgres(url: url), {
                try? await Self.admin(adminURL) { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
            })
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
