import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor

@Suite("Backup and restore: the round trip keeps every record, the audit chain, the figures and the personal data")
struct BackupTests {
    /// What a restored database must show again.
    struct Snapshot: Equatable {
        var cases = 0
        var parties = 0
        var auditRows = 0
        var ledgerEntries = 0
        var idNumbers: [String] = []
        var recount: [String] = []
    }

    static func snapshot(_ app: Application) async throws -> Snapshot {
        var snapshot = Snapshot()
        snapshot.cases = try await CaseRecord.query(on: app.db).count()
        snapshot.parties = try await PartyRecord.query(on: app.db).count()
        snapshot.ledgerEntries = try await LedgerEntry.query(on: app.db).count()
        let audit = try await AuditLog.verify(on: app.db)
        #expect(audit.firstBreak == nil)
        snapshot.auditRows = audit.checked
        snapshot.idNumbers = try await PartyRecord.query(on: app.db).filter(\.$idNumberEncrypted != nil).sort(\.$id).limit(20).all()
            .map { try app.dataProtection.decrypt($0.idNumberEncrypted!) }
        snapshot.recount = try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2026, orgCode: nil)
        return snapshot
    }

    @Test("fazhi backup while the app runs, fazhi restore into an empty database: counts equal, the chain verifies, the recount agrees, ID numbers decrypt; a non-empty target is refused",
          arguments: TestDatabase.all)
    func roundTrip(_ database: TestDatabase) async throws {
        let (sourceDatabase, cleanSource) = try await database.make()
        let (targetDatabase, cleanTarget) = try await database.make()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-backup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var dataKey: String?
        if case .postgres = sourceDatabase { dataKey = [UInt8].random(count: 32).base64 }
        let source = FazhiConfiguration(database: sourceDatabase, bcryptCost: 4, jsonLogs: false, dataKey: dataKey)
        let target = FazhiConfiguration(database: targetDatabase, bcryptCost: 4, jsonLogs: false, dataKey: dataKey)
        do {
            let before = try await FazhiApp.with(source) { app in
                _ = try await DemoData(db: app.db, hasher: app.password, modules: app.modules).load()
                try await app.loadDemoCases(perYear: 30)
                return try await Self.snapshot(app)
            }
            #expect(before.cases > 50 && before.parties > 50 && !before.idNumbers.isEmpty && before.recount.isEmpty)

            let file = folder + "/fazhi.backup"
            let written = try await FazhiApp.backup(source, to: file)
            #expect(written.first?.hasPrefix("已备份") == true)
            // The same file is never overwritten.
            await #expect(throws: FazhiApp.BackupRefused.self) { _ = try await FazhiApp.backup(source, to: file) }

            let restored = try await FazhiApp.restore(target, from: file)
            #expect(restored.last?.contains("哈希链完整") == true)
            let after = try await FazhiApp.with(target) { try await Self.snapshot($0) }
            #expect(after == before)

            // Restoring over data is refused, and nothing is written.
            do {
                _ = try await FazhiApp.restore(target, from: file)
                Issue.record("a restore into a database with data went through")
            } catch let refused as FazhiApp.BackupRefused {
                #expect(refused.description.contains("恢复只写入空数据库"))
            }
            #expect(try await FazhiApp.with(target) { try await Self.snapshot($0) } == before)
        } catch {
            await cleanSource()
            await cleanTarget()
            throw error
        }
        await cleanSource()
        await cleanTarget()
    }

    @Test("A restore refuses a file that is not a backup, and a backup of the other database kind", arguments: [TestDatabase.sqlite])
    func refusals(_ database: TestDatabase) async throws {
        let (target, clean) = try await database.make()
        defer { Task { await clean() } }
        let config = FazhiConfiguration(database: target, bcryptCost: 4, jsonLogs: false, dataKey: nil)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-backup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("not a backup".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        try Data("PGDMP\u{1}\u{e}".utf8).write(to: URL(fileURLWithPath: folder + "/dump"))
        for (file, message) in [("notes.txt", "不是 fazhi backup 写出的备份"), ("dump", "是 PostgreSQL 备份，当前配置的是 SQLite 数据库"),
                                ("missing", "无法读取备份文件")] {
            do {
                _ = try await FazhiApp.restore(config, from: folder + "/" + file)
                Issue.record("\(file) was restored")
            } catch let refused as FazhiApp.BackupRefused {
                #expect(refused.description.contains(message), "\(refused.description)")
            }
        }
    }
}
