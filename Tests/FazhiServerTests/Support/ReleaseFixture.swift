@testable import FazhiServer
import Foundation
import Testing

/// A database an earlier release made (Tests/Fixtures/upgrade, whose README says how): its plain-SQL dump, loaded into a
/// fresh test database with that database's own client (sqlite3, psql), and the data key its personal data is sealed with.
struct ReleaseFixture: CustomTestStringConvertible, Sendable {
    /// The release's commit, as in the file's name `release-<commit>.<sqlite|postgres>.sql.gz`.
    let commit: String
    let database: TestDatabase

    var testDescription: String { "release \(commit) on \(database.testDescription)" }

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/upgrade")

    /// Every release kept in the folder, on every test database.
    static var all: [ReleaseFixture] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let commits = Set(files.filter { $0.hasPrefix("release-") && $0.hasSuffix(".sql.gz") }
            .compactMap { $0.dropFirst("release-".count).split(separator: ".").first.map(String.init) })
        return commits.sorted().flatMap { commit in TestDatabase.all.map { ReleaseFixture(commit: commit, database: $0) } }
    }

    /// The test key every fixture was made with (demo data only).
    static func dataKey() throws -> String {
        try String(contentsOf: folder.appendingPathComponent("data-key.txt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var dump: URL {
        let kind = if case .sqlite = database { "sqlite" } else { "postgres" }
        return Self.folder.appendingPathComponent("release-\(commit).\(kind).sql.gz")
    }

    /// A fresh database holding the release's schema and data, not yet migrated by this code, and its cleanup.
    func load() async throws -> (FazhiConfiguration, @Sendable () async -> Void) {
        let (target, cleanup) = try await database.make()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-fixture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let compressed = folder.appendingPathComponent(dump.lastPathComponent)
            try FileManager.default.copyItem(at: dump, to: compressed)
            try FazhiApp.run(try Self.tool("gzip"), ["-d", compressed.path], doing: "gzip -d")
            let sql = compressed.deletingPathExtension().path
            switch target {
            case .sqlite(let path):
                try FazhiApp.run(try Self.tool("sqlite3"), ["-bail", path, ".read \(sql)"], doing: "sqlite3 .read")
            case .postgres(let url):
                try FazhiApp.run(try FazhiApp.postgresTool("psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", sql], doing: "psql -f")
            }
        } catch {
            await cleanup()
            throw error
        }
        return (FazhiConfiguration(database: target, bcryptCost: 4, jsonLogs: false, dataKey: try Self.dataKey()), cleanup)
    }

    /// A program on the PATH (scripts/test.sh installs sqlite3 when it is missing).
    private static func tool(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        throw FazhiApp.BackupRefused(description: "找不到 \(name)：请先安装（Debian: apt-get install \(name)）")
    }
}
