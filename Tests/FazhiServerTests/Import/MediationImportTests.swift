@testable import FazhiOffice
@testable import FazhiServer
import Fluent
import Foundation
import Testing

@Suite("Import of disputes (人民调解)")
struct MediationImportTests {
    static func table(_ rows: [[String: String]]) throws -> Data {
        let columns = MediationSheet.columns
        return try XLSXWriter().write(SpreadsheetTable(header: columns.map(\.header),
                                                       cells: rows.map { row in columns.map { SpreadsheetCell.string(row[$0.name] ?? "") } }),
                                      sheetName: "纠纷")
    }

    @Test("From the command line at a committee: rows without the other side import, no handler is invented, re-import adds nothing",
          arguments: TestDatabase.all)
    func commandLine(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let rows = [
                ["receivedOn": "2024-03-04", "disputeType": "邻里纠纷", "source": "walkIn", "applicant": "张三", "summary": "楼上漏水致楼下墙面受损"],
                ["receivedOn": "2024-03-05", "disputeType": "family", "applicant": "李四", "respondent": "李五", "summary": "赡养费分担纠纷"],
            ]
            let data = try Self.table(rows)
            let code = MediationDemo.mediatorCommitteeCode
            #expect(try await FazhiApp.importFile(app, kind: "mediation", data: data, fileName: "m.xlsx", orgCode: code)
                == ImportSummary(added: 2, alreadyPresent: 0))
            #expect(try await FazhiApp.importFile(app, kind: "mediation", data: data, fileName: "m.xlsx", orgCode: code)
                == ImportSummary(added: 0, alreadyPresent: 2))
            let cases = try await CaseRecord.query(on: app.db).filter(\.$line == .mediation).sort(\.$receivedOn).all()
            #expect(cases.map(\.state) == ["received", "received"] && cases.allSatisfy { $0.$handler.id == nil })
            #expect(try await PartyRecord.query(on: app.db).filter(\.$caseRecord.$id == cases[0].id!).count() == 1)
        }
    }
}
