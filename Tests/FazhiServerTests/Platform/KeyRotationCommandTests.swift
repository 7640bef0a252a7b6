@testable import FazhiServer
import Foundation
import Testing
import Vapor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 9, item 12, done when: `kill -9` during `fazhi keys rotate` loses no personal field. Run against the built
/// executable on a demo database, one party per transaction so the kill lands mid-run.
@Suite("fazhi keys rotate: kill -9", .enabled(if: FazhiBinary.url != nil, "the fazhi executable is built beside the tests"))
struct KeyRotationCommandTests {
    @Test("Killed mid-run, every field still opens; the rerun finishes under the new key")
    func killed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-rotate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = try await FazhiBinary.run(["demo", "--text-logs"], in: folder)
        #expect(demo.status == 0, "\(demo.stderr)")
        let path = folder.appendingPathComponent("fazhi.sqlite").path
        let config = FazhiConfiguration(database: .sqlite(path: path), bcryptCost: 4, jsonLogs: false)
        let file = DataKeyFile(path: path + ".key")
        let oldID = try #require(try DataKeyFile.readKey(file.path)).id
        let before = try await FazhiApp.with(config) { try await KeyRotationTests.plaintexts($0.db, $0.dataProtection) }
        #expect(before.count > 100)

        // Kill it after the twentieth batch is reported.
        let process = Process()
        process.executableURL = FazhiBinary.url
        process.arguments = ["keys", "rotate", "--batch-size", "1", "--text-logs"]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        for name in ["DATABASE_URL", "FAZHI_DATA_KEY", "FAZHI_DATA_KEY_NEXT"] { environment.removeValue(forKey: name) }
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        var reported = ""
        while reported.components(separatedBy: "已重新加密").count <= 20 {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            reported += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "\(reported)")

        // Both keys on disk; every field opens with them; some are under the new key and some not yet.
        #expect(FileManager.default.fileExists(atPath: file.nextPath))
        let nextID = try #require(try DataKeyFile.readKey(file.nextPath)).id
        try await FazhiApp.with(config) { (app: Application) async throws in
            #expect(app.dataProtection.keys.map(\.id) == [nextID, oldID])
            #expect(try await KeyRotationTests.plaintexts(app.db, app.dataProtection) == before)
            let sealed = try await KeyRotationTests.sealedFields(app.db)
            let moved = sealed.filter { $0.hasPrefix(app.dataProtection.sealedPrefix) }.count
            #expect(moved > 0 && moved < sealed.count, "\(moved) of \(sealed.count)")
        }

        let rerun = try await FazhiBinary.run(["keys", "rotate", "--text-logs"], in: folder)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains(nextID))
        #expect(!FileManager.default.fileExists(atPath: file.nextPath))
        #expect(try DataKeyFile.readKey(file.path)?.id == nextID)
        #expect(try DataKeyFile.readKey(file.retiredPath)?.id == oldID)
        try await FazhiApp.with(config) { (app: Application) async throws in
            #expect(app.dataProtection.keys.map(\.id) == [nextID])
            #expect(try await KeyRotationTests.plaintexts(app.db, app.dataProtection) == before)
            #expect(try await KeyRotationTests.sealedFields(app.db).allSatisfy { $0.hasPrefix(app.dataProtection.sealedPrefix) })
        }
        let audit = try await FazhiBinary.run(["audit", "verify", "--text-logs"], in: folder)
        #expect(audit.status == 0, "\(audit.stderr)")
    }
}
