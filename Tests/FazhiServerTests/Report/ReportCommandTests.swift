import Foundation
import Testing

/// `fazhi report` (issues 4 and 5), run against the built executable on a fresh demo database.
@Suite("fazhi report: command-line contract", .enabled(if: FazhiBinary.url != nil, "the fazhi executable is built beside the tests"))
struct ReportCommandTests {
    @Test("json, md, docx and --recount on a demo database")
    func report() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = try await FazhiBinary.run(["demo", "--text-logs"], in: folder)
        #expect(demo.status == 0, "\(demo.stderr)")

        let json = try await FazhiBinary.run(["report", "--year", "2025", "--format", "json", "--text-logs"], in: folder)
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["year"] as? Int == 2025)
        let metrics = try #require(object?["metrics"] as? [String: Any])
        #expect((metrics["reconsideration.received"] as? Int ?? 0) > 0)
        let rate = try #require(metrics["reconsideration.on_time_rate"] as? Double)
        #expect(rate > 0 && rate <= 1)

        let recount = try await FazhiBinary.run(["report", "--year", "2025", "--recount", "--text-logs"], in: folder)
        #expect(recount.status == 0, "\(recount.stderr)")

        // A facet count changed behind the log's back (as the previous release's nodes leave them in a rolling upgrade
        // that adds some): --recount names it; with --rebuild-facets it is rebuilt from the cases and agrees again.
        try Self.sqlite(folder.appendingPathComponent("fazhi.sqlite").path, """
            UPDATE metric_facets SET numerator = numerator + 1 WHERE rowid = (SELECT MIN(rowid) FROM metric_facets WHERE month LIKE '2025-%')
            """)
        let drifted = try await FazhiBinary.run(["report", "--year", "2025", "--recount", "--text-logs"], in: folder)
        #expect(drifted.status == 1)
        #expect(drifted.stderr.contains("不一致"))
        let rebuilt = try await FazhiBinary.run(["report", "--year", "2025", "--recount", "--rebuild-facets", "--text-logs"], in: folder)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("已按案件记录重建分类计数"))
        let alone = try await FazhiBinary.run(["report", "--year", "2025", "--rebuild-facets", "--text-logs"], in: folder)
        #expect(alone.status != 0 && alone.stderr.contains("--recount"))

        let markdown = try await FazhiBinary.run(["report", "--year", "2025", "--format", "md", "--text-logs"], in: folder)
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("2025年度法治政府建设情况报告"))

        let out = folder.appendingPathComponent("report.docx").path
        let docx = try await FazhiBinary.run(["report", "--year", "2025", "--format", "docx", "--out", out, "--text-logs"], in: folder)
        #expect(docx.status == 0)
        #expect((try? Data(contentsOf: URL(fileURLWithPath: out)).prefix(2)) == Data("PK".utf8))

        let bad = try await FazhiBinary.run(["report", "--year", "2025", "--org", "nope", "--text-logs"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("nope"))
    }

    /// Runs one statement on the SQLite database at `path` with the sqlite3 client (scripts/test.sh installs it).
    static func sqlite(_ path: String, _ statement: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-bail", path, statement]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
