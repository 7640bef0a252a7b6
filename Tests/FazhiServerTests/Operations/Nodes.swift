@testable import FazhiServer
import Foundation
import Logging
import NIOConcurrencyHelpers
import Vapor

/// The app as two nodes: on PostgreSQL a second app on the same database (its own connections, its own job claims,
/// node name `node-2`); on SQLite, which one process serves, the same app twice.
func withTwoNodes(_ app: Application, _ body: (Application, Application) async throws -> Void) async throws {
    guard case .postgres = app.fazhi.database else { return try await body(app, app) }
    let second = try await Application.make(.testing)
    second.logger.logLevel = .warning
    do {
        var config = app.fazhi
        config.nodeName = "node-2"
        try await configure(second, config, modules: app.modules)
        try await body(app, second)
        try await second.asyncShutdown()
    } catch {
        try? await second.asyncShutdown()
        throw error
    }
}

/// Log lines kept for a test to read (what the log-only mail adapter wrote).
final class LogLines: @unchecked Sendable {
    private let lock = NIOLock()
    private var stored: [String] = []

    var lines: [String] { lock.withLock { stored } }
    func append(_ line: String) { lock.withLock { stored.append(line) } }

    /// A logger whose lines go here.
    func logger() -> Logger { Logger(label: "test") { _ in Handler(store: self) } }

    struct Handler: LogHandler {
        let store: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
                 function: String, line: UInt) {
            store.append(message.description)
        }
    }
}
