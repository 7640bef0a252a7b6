import Crypto
import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor

/// `fazhi import` of a UTF-8 CSV, streamed in tiny chunks so every file here spans many: the same all-or-nothing
/// contract, problems and audit row as a file read whole.
@Suite("Import: a CSV streamed chunk by chunk")
struct BookStreamImportTests {
    static let outreach = ModuleRegistry.standard.bookKind("legalAid.outreach")!
    static let header = "活动日期,活动名称,受众人数,活动地点,备注\r\n"

    /// Data row `index` (file row `index + 2`): quoted fields with a line break inside and "" escapes, so records
    /// straddle the 64-byte chunks in every way.
    static func row(_ index: Int, date: String? = nil) -> String {
        let day = date ?? String(format: "2024-%02d-%02d", index % 12 + 1, index % 28 + 1)
        return "\(day),\"第\(index)期\"\"执法\"\"培训\",\(index % 50),\"行政执法\r\n协调监督科\",\r\n"
    }

    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).csv").path
        try Data(([0xEF, 0xBB, 0xBF] as [UInt8]) + Array(text.utf8)).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func importStreamed(_ app: Application, _ path: String) async throws -> ImportSummary {
        try await FazhiApp.importFile(app, kind: outreach.code, path: path, orgCode: "120102-ZF", chunkBytes: 64)
    }

    @Test("A clean file: every row written, the audit row names the file and the rows, the same file again adds nothing",
          arguments: TestDatabase.all)
    func cleanFile(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let path = try Self.file(Self.header + (0..<300).map { Self.row($0) }.joined())
            defer { try? FileManager.default.removeItem(atPath: path) }
            let first = try await Self.importStreamed(app, path)
            #expect(first == ImportSummary(added: 300, alreadyPresent: 0))
            #expect(try await LedgerFixtures.ledgerCount(app, Self.outreach.code) == 300)
            let titles = try await LedgerEntry.query(on: app.db).filter(\.$title == "第7期\"执法\"培训").all()
            #expect(titles.count == 1)
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2024, orgCode: nil)
            #expect(LedgerFixtures.figure(figures, "legal_aid.outreach_events") == .count(300))

            let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$entityType == "ledgerImport").first())
            let after = try JSONDecoder().decode([String: String].self, from: Data(audit.after.utf8))
            let fileData = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(after["sha256"] == SHA256.hash(data: fileData).map { String(format: "%02x", $0) }.joined())
            #expect(after["file"] == URL(fileURLWithPath: path).lastPathComponent)
            #expect(after["added"] == "300" && after["alreadyPresent"] == "0")
            let ids = try await LedgerEntry.query(on: app.db).filter(\.$importID == UUID(uuidString: audit.entityID)).all(\.$id)
            #expect(ids.count == 300)
            #expect(after[ImportDigest.key] == ImportDigest.digest(ids.compactMap { $0 }))
            #expect(try await ImportDigest.verify(on: app.db) == nil)
            #expect(try await AuditLog.verify(on: app.db).firstBreak == nil)

            let again = try await Self.importStreamed(app, path)
            #expect(again == ImportSummary(added: 0, alreadyPresent: 300))
            #expect(try await LedgerFixtures.ledgerCount(app, Self.outreach.code) == 300)
            // Read whole, the same file finds the same rows stored.
            let whole = try await FazhiApp.importFile(app, kind: Self.outreach.code, data: fileData, fileName: "t.csv", orgCode: "120102-ZF")
            #expect(whole == ImportSummary(added: 0, alreadyPresent: 300))

            // 50 new rows among the 300 stored, in chunks that hold both.
            let mixed = try Self.file(Self.header + (0..<350).map { Self.row($0 * 3 % 350) }.joined())
            defer { try? FileManager.default.removeItem(atPath: mixed) }
            let more = try await FazhiApp.importFile(app, kind: Self.outreach.code, path: mixed, orgCode: "120102-ZF", chunkBytes: 4_096)
            #expect(more == ImportSummary(added: 50, alreadyPresent: 300))
            #expect(try await LedgerFixtures.ledgerCount(app, Self.outreach.code) == 350)
            #expect(try await ImportDigest.verify(on: app.db) == nil)
        }
    }

    @Test("The running digest of ascending batches is the digest of them all; a batch out of order is flagged")
    func runningDigest() {
        var generator = TimeOrderedIDs()
        let batches = (0..<5).map { _ in (0..<40).map { _ in generator.next() }.shuffled() }
        var running = ImportDigest.Running()
        for batch in batches { running.add(batch) }
        #expect(running.inOrder)
        #expect(running.value == ImportDigest.digest(batches.flatMap { $0 }.shuffled()))
        running.add(batches[0])
        #expect(!running.inOrder)
    }

    @Test("A bad row in a late chunk, and a key repeated chunks later: nothing is written, each is named by its row",
          arguments: TestDatabase.all)
    func lateProblems(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            var rows = (0..<200).map { Self.row($0) }
            rows[150] = Self.row(150, date: "2024-02-30")
            rows[190] = Self.row(3)
            let path = try Self.file(Self.header + rows.joined())
            defer { try? FileManager.default.removeItem(atPath: path) }
            await #expect {
                try await Self.importStreamed(app, path)
            } throws: { error in
                (error as? ImportFailure)?.problems == [
                    "第152行 A列「活动日期」：格式应为 YYYY-MM-DD",
                    "第192行：与第5行重复（活动日期+活动名称相同）",
                ]
            }
            #expect(try await LedgerFixtures.ledgerCount(app, Self.outreach.code) == 0)
            // The rollup moved with the rows of the early chunks, and went back with them.
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2024, orgCode: nil).isEmpty)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entityType == "ledgerImport").count() == 0)
        }
    }

    @Test("Past 1,000 problems only how many more there were is said", arguments: TestDatabase.all)
    func problemLimit(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let path = try Self.file(Self.header + (0..<1_005).map { Self.row($0, date: "x") }.joined())
            defer { try? FileManager.default.removeItem(atPath: path) }
            await #expect {
                try await FazhiApp.importFile(app, kind: Self.outreach.code, path: path, orgCode: nil, chunkBytes: 4_096)
            } throws: { error in
                guard let problems = (error as? ImportFailure)?.problems else { return false }
                return problems.count == 1_001 && problems.last == "另有 5 处错误未列出（只列出前 1000 处）"
            }
            #expect(try await LedgerFixtures.ledgerCount(app, Self.outreach.code) == 0)
        }
    }
}
