@testable import FazhiServer
import Fluent
import Foundation
import Testing

@Suite("Import of reconsideration applications")
struct ReconsiderationImportTests {
    static func table(_ rows: [[String]]) throws -> Data {
        try XLSXWriter().write(SpreadsheetTable(header: ReconsiderationImport.columns.map(\.header),
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
            let figures = try await AnnualFigures.compute(db: app.db, year: 2024, orgCode: nil)
            #expect(LedgerFixtures.figure(figures, "reconsideration.received") == .count(2))
        }
    }
}
