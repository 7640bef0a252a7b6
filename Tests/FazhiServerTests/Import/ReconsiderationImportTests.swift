@testable import FazhiOffice
@testable import FazhiServer
import Fluent
import Foundation
import Testing

@Suite("Import of reconsideration applications")
struct ReconsiderationImportTests {
    static func table(_ rows: [[String]]) throws -> Data {
        try XLSXWriter().write(SpreadsheetTable(header: ReconsiderationSheet.columns.map(\.header),
                                                cells: rows.map { $0.map { SpreadsheetCell.string($0) } }), sheetName: "复议")
    }

    @Test("Registers every row through the registration rules, or none; re-import registers nothing", arguments: TestDatabase.all)
    func allOrNothing(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let good = ["2024-03-15", "张三", "11010519491231002X", "河东区市场监督管理局", "东市监罚〔2024〕15号", "2024-03-01", "撤销处罚决定"]
            let company = ["2024-03-16", "天津某公司", "91120102MA05L1XG8L", "河东区生态环境局", "东环罚〔2024〕3号", "2024-03-02", "撤销"]
            let badID = ["2024-03-17", "李四", "110105194912310021", "河东区民政局", "某决定", "2024-03-03", "撤销"]
            let unknownAgency = ["2024-03-18", "王五", "", "不存在的局", "某决定", "2024-03-03", "撤销"]
            let future = ["2099-01-01", "赵六", "", "河东区民政局", "某决定", "2024-03-03", "撤销"]
            await #expect {
                try await FazhiApp.importFile(app, kind: "reconsideration", data: try Self.table([good, badID, unknownAgency]),
                                              fileName: "r.xlsx", orgCode: "120102-XF")
            } throws: { error in
                let problems = (error as? ImportFailure)?.problems ?? []
                return problems.count == 2 && problems[0].hasPrefix("第3行 C列「身份证号/统一社会信用代码」")
                    && problems[1].hasPrefix("第4行 D列「被申请人」")
            }
            // A rule only the registration knows (received date in the future) also rolls back the rows before it.
            await #expect {
                try await FazhiApp.importFile(app, kind: "reconsideration", data: try Self.table([good, future]),
                                              fileName: "r.xlsx", orgCode: "120102-XF")
            } throws: { error in
                (error as? ImportFailure)?.problems.first?.hasPrefix("第3行 A列「收到日期」") == true
            }
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .reconsideration).count() == 0)

            let data = try Self.table([good, company])
            let summary = try await FazhiApp.importFile(app, kind: "reconsideration", data: data, fileName: "r.xlsx", orgCode: "120102-XF")
            #expect(summary == ImportSummary(added: 2, alreadyPresent: 0))
            let again = try await FazhiApp.importFile(app, kind: "reconsideration", data: data, fileName: "r.xlsx", orgCode: "120102-XF")
            #expect(again == ImportSummary(added: 0, alreadyPresent: 2))
            let cases = try await CaseRecord.query(on: app.db).filter(\.$line == .reconsideration).sort(\.$receivedOn).all()
            #expect(cases.map(\.receivedOn) == ["2024-03-15", "2024-03-16"])
            #expect(cases.allSatisfy { !$0.caseNumber.isEmpty })
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2024, orgCode: nil)
            #expect(LedgerFixtures.figure(figures, "reconsideration.received") == .count(2))
        }
    }

    @Test("Web import: the officer uploads, sees every bad cell or the count to register, confirms; others may not", arguments: TestDatabase.all)
    func webImport(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            try await officer.getPage("/reconsideration/import") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("/reconsideration/import/template.xlsx"))
            }
            try await officer.getPage("/reconsideration/import/template.xlsx") { res in
                let table = try XLSXReader().read(Data(buffer: res.body))
                #expect(table.header == ReconsiderationSheet.columns.map(\.header))
            }
            let good = ["2024-03-15", "张三", "11010519491231002X", "河东区市场监督管理局", "东市监罚〔2024〕15号", "2024-03-01", "撤销处罚决定"]
            let unknownAgency = ["2024-03-18", "王五", "", "不存在的局", "某决定", "2024-03-03", "撤销"]
            try await BookImportTests.upload(officer, "/reconsideration/import", file: try Self.table([good, unknownAgency])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("第3行"))
                #expect(res.text.contains("不是本区的行政机关"))
            }
            var hidden = ""
            try await BookImportTests.upload(officer, "/reconsideration/import", file: try Self.table([good])) { res in
                #expect(res.status == .ok, "\(res.text)")
                #expect(res.text.contains("将登记 1 件"))
                let marker = "name=\"data\" value=\""
                let start = try #require(res.text.range(of: marker))
                hidden = String(res.text[start.upperBound...].prefix { $0 != "\"" })
            }
            // The preview registered nothing, and used no case number.
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .reconsideration).count() == 0)
            try await officer.postForm("/reconsideration/import/confirm", ["data": hidden, "fileName": "good.xlsx"]) { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("登记 1 件"))
            }
            let cases = try await CaseRecord.query(on: app.db).filter(\.$line == .reconsideration).all()
            #expect(cases.count == 1)
            #expect(cases.first?.caseNumber.hasSuffix("1号") == true)
            try await officer.postForm("/reconsideration/import/confirm", ["data": hidden, "fileName": "good.xlsx"]) { res in
                #expect(res.text.contains("已登记过 1 件"))
            }
            let station = try await TestClient.api(app, "chunhua")
            try await station.getPage("/reconsideration/import") { res in #expect(res.status == .forbidden) }
            try await BookImportTests.upload(station, "/reconsideration/import", file: try Self.table([good])) { res in
                #expect(res.status == .forbidden)
            }
        }
    }
}
