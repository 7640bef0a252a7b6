@testable import FazhiOffice
@testable import FazhiServer
import Fluent
import Foundation
import Testing

@Suite("Import of legal-aid cases (法律援助)")
struct LegalAidImportTests {
    /// A sheet of rows given by column name; the columns not named are left empty.
    static func table(_ rows: [[String: String]]) throws -> Data {
        let columns = LegalAidSheet.columns
        return try XLSXWriter().write(SpreadsheetTable(header: columns.map(\.header),
                                                       cells: rows.map { row in columns.map { SpreadsheetCell.string(row[$0.name] ?? "") } }),
                                      sheetName: "法律援助")
    }

    static let good = ["receivedOn": "2025-04-08", "matter": "civil", "caseType": "追索劳动报酬", "channel": "walkIn", "applicant": "张三",
                       "applicantIdentity": "11010519491231002X", "householdMembers": "3", "monthlyIncome": "4200", "assets": "0",
                       "statusMigrantWorker": "是", "claimsWagesOrInjury": "是", "summary": "被拖欠工资，请求援助追索"]
    static let notice = ["receivedOn": "2025-05-09", "matter": "criminalDefence", "caseType": "defence", "channel": "courtNotice",
                         "applicant": "李四", "summary": "涉嫌盗窃罪，人民法院通知辩护"]

    @Test("Every row through the registration rules or none; the same applicant, day and type again registers nothing", arguments: TestDatabase.all)
    func allOrNothing(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            var absurd = Self.good
            absurd["monthlyIncome"] = "-300"
            absurd["applicant"] = "王五"
            await #expect {
                try await FazhiApp.importFile(app, kind: "legalAid", data: try Self.table([Self.good, absurd]), fileName: "f.xlsx", orgCode: LegalAidDemo.centreCode)
            } throws: { error in
                let problems = (error as? ImportFailure)?.problems ?? []
                return problems.count == 1 && problems[0].hasPrefix("第3行") && problems[0].contains("家庭月收入")
            }
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .legalAid).count() == 0)
            let data = try Self.table([Self.good, Self.notice])
            #expect(try await FazhiApp.importFile(app, kind: "legalAid", data: data, fileName: "f.xlsx", orgCode: LegalAidDemo.centreCode)
                == ImportSummary(added: 2, alreadyPresent: 0))
            #expect(try await FazhiApp.importFile(app, kind: "legalAid", data: data, fileName: "f.xlsx", orgCode: LegalAidDemo.centreCode)
                == ImportSummary(added: 0, alreadyPresent: 2))
            let cases = try await CaseRecord.query(on: app.db).filter(\.$line == .legalAid).sort(\.$receivedOn).all()
            #expect(cases.map(\.state) == ["applied", "granted"])
            let detail = try #require(try await LegalAidDetail.query(on: app.db).filter(\.$caseRecord.$id == cases[0].id!).first())
            #expect(detail.caseType == "wages" && detail.statuses == ",migrantWorker,")
            let template = try XLSXReader().read(try FazhiApp.importTemplate(kind: "legalAid"))
            #expect(template.header == LegalAidSheet.columns.map(\.header))
        }
    }
}
