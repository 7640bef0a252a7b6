@testable import FazhiOffice
@testable import FazhiServer
import Fluent
import Foundation
import Testing

@Suite("Import of lawsuits (行政应诉)")
struct LitigationImportTests {
    static func table(_ rows: [[String]]) throws -> Data {
        try XLSXWriter().write(SpreadsheetTable(header: LitigationSheet.columns.map(\.header),
                                                cells: rows.map { $0.map { SpreadsheetCell.string($0) } }), sheetName: "应诉")
    }

    static let good = ["2024-04-08", "天津市河东区人民法院", "（2024）津0102行初15号", "河东区市场监督管理局", "张三", "11010519491231002X", "撤销处罚决定"]
    static let company = ["2024-05-09", "天津市河东区人民法院", "（2024）津0102行初16号", "河东区生态环境局", "天津某公司", "91120102MA05L1XG8L", "撤销"]

    @Test("Every row through the registration rules or none; the same court case number again registers nothing", arguments: TestDatabase.all)
    func allOrNothing(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let noDefendant = ["2024-04-10", "天津市河东区人民法院", "（2024）津0102行初17号", "不存在的局", "李四", "", "撤销"]
            let future = ["2099-01-01", "天津市河东区人民法院", "（2024）津0102行初18号", "河东区民政局", "王五", "", "撤销"]
            await #expect {
                try await FazhiApp.importFile(app, kind: "litigation", data: try Self.table([Self.good, noDefendant, future]),
                                              fileName: "l.xlsx", orgCode: "120102-YS")
            } throws: { error in
                let problems = (error as? ImportFailure)?.problems ?? []
                return problems.count == 2 && problems[0].hasPrefix("第3行 D列「被告」") && problems[1].hasPrefix("第4行 A列「收到起诉状副本日期」")
            }
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .litigation).count() == 0)

            let data = try Self.table([Self.good, Self.company])
            #expect(try await FazhiApp.importFile(app, kind: "litigation", data: data, fileName: "l.xlsx", orgCode: "120102-YS")
                == ImportSummary(added: 2, alreadyPresent: 0))
            #expect(try await FazhiApp.importFile(app, kind: "litigation", data: data, fileName: "l.xlsx", orgCode: "120102-YS")
                == ImportSummary(added: 0, alreadyPresent: 2))
            let cases = try await CaseRecord.query(on: app.db).filter(\.$line == .litigation).sort(\.$receivedOn).all()
            #expect(cases.map(\.receivedOn) == ["2024-04-08", "2024-05-09"])
            // Each is a real lawsuit on the shared machinery: its defence deadline (15 days) is stored with its basis.
            let deadlines = try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseRecord.$id == cases[0].id!).all()
            #expect(deadlines.contains { $0.basis.contains("第六十七条") })
            #expect(FazhiApp.importKinds.contains("litigation（行政应诉案件）"))
            let template = try XLSXReader().read(try FazhiApp.importTemplate(kind: "litigation"))
            #expect(template.header == LitigationSheet.columns.map(\.header))
        }
    }

    @Test("Web import by the litigation officer; the preview registers nothing", arguments: [TestDatabase.sqlite])
    func web(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "yingsu")
            var hidden = ""
            try await BookImportTests.upload(officer, "/litigation/import", file: try Self.table([Self.good])) { res in
                #expect(res.status == .ok, "\(res.text)")
                #expect(res.text.contains("将登记 1 件"))
                let marker = "name=\"data\" value=\""
                let start = try #require(res.text.range(of: marker))
                hidden = String(res.text[start.upperBound...].prefix { $0 != "\"" })
            }
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .litigation).count() == 0)
            try await officer.postForm("/litigation/import/confirm", ["data": hidden, "fileName": "l.xlsx"]) { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("登记 1 件"))
            }
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .litigation).count() == 1)
            let reconsideration = try await TestClient.api(app, "fuyi")
            try await reconsideration.getPage("/litigation/import") { res in #expect(res.status == .forbidden) }
        }
    }
}
