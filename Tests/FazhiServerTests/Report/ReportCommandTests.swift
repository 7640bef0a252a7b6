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
}
