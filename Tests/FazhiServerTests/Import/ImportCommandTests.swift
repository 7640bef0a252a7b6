@testable import FazhiOffice
@testable import FazhiServer
import Foundation
import Testing

/// The `fazhi import` contract, run against the built executable on a SQLite file in a fresh folder.
@Suite("fazhi import: command-line contract", .enabled(if: FazhiBinary.url != nil, "the fazhi executable is built beside the tests"))
struct ImportCommandTests {
    @Test("Template, import, re-import, bad file, unknown kind")
    func contract() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try await FazhiBinary.run(["demo", "--text-logs"], in: folder).status == 0)

        let template = folder.appendingPathComponent("活动.xlsx")
        let written = try await FazhiBinary.run(["import", "--template", "legalAid.outreach", "--out", template.path], in: folder)
        #expect(written.status == 0, "stderr: \(written.stderr)")
        var table = try XLSXReader().read(Data(contentsOf: template))
        #expect(table.header.first == "活动日期")
        table.rows.append(SpreadsheetRow(number: 3, cells: [.text("2024-05-06"), .text("第二场活动"), .text("河东区人力资源市场"), .number(40)]))
        try XLSXWriter().write(table, sheetName: "活动").write(to: template)

        let imported = try await FazhiBinary.run(["import", "--kind", "legalAid.outreach", template.path, "--org", "120102-ZF", "--text-logs"], in: folder)
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        #expect(imported.stdout.contains("新增 2 条，已存在 0 条"))
        let again = try await FazhiBinary.run(["import", "--kind", "legalAid.outreach", template.path, "--org", "120102-ZF", "--text-logs"], in: folder)
        #expect(again.stdout.contains("新增 0 条，已存在 2 条"))

        let bad = folder.appendingPathComponent("bad.csv")
        try Data("活动日期,活动名称\n2024-13-01,x\n2024-01-02,\n".utf8).write(to: bad)
        let rejected = try await FazhiBinary.run(["import", "--kind", "legalAid.outreach", bad.path, "--text-logs"], in: folder)
        #expect(rejected.status == 1)
        #expect(rejected.stdout.contains("第2行 A列「活动日期」：格式应为 YYYY-MM-DD"))
        #expect(rejected.stdout.contains("第3行 B列「活动名称」：不能为空"))
        #expect(rejected.stderr.contains("未写入任何数据"))

        let report = try await FazhiBinary.run(["report", "--year", "2024", "--text-logs"], in: folder)
        // The template's example row is dated 2025-05-01; the row added here is 2024's one.
        #expect(report.stdout.contains("\"legal_aid.outreach_events\" : 1"), "\(report.stdout)")

        let unknown = try await FazhiBinary.run(["import", "--template", "nope", "--out", folder.appendingPathComponent("x.xlsx").path], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("legalAid.outreach"))
    }
}
