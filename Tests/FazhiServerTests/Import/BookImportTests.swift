import Fluent
@testable import FazhiOffice
@testable import FazhiServer
import FazhiTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Import: all rows or none, re-import adds nothing")
struct BookImportTests {
    static let outreach = ModuleRegistry.standard.bookKind("legalAid.outreach")!

    @Test("Template → fill → import → counts; the same file again adds nothing", arguments: TestDatabase.all)
    func templateToCounts(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let template = try XLSXReader().read(try FazhiApp.importTemplate(kind: Self.outreach.code))
            #expect(template.header == ["活动日期", "活动名称", "活动地点", "受众人数", "备注"])
            #expect(template.rows.count == 1)
            var filled = template
            filled.rows = (0..<30).map { index in
                SpreadsheetRow(number: index + 2, cells: [
                    .date(SpreadsheetDate(year: 2024, month: index % 12 + 1, day: index % 28 + 1)),
                    .text("法援惠民生第\(index + 1)场"), .text("河东区人力资源市场"), .number(Double(20 + index)),
                ])
            }
            let data = try XLSXWriter().write(filled, sheetName: "活动")
            let first = try await FazhiApp.importFile(app, kind: Self.outreach.code, data: data, fileName: "t.xlsx", orgCode: "120102-ZF")
            #expect(first == ImportSummary(added: 30, alreadyPresent: 0))
            let again = try await FazhiApp.importFile(app, kind: Self.outreach.code, data: data, fileName: "t.xlsx", orgCode: "120102-ZF")
            #expect(again == ImportSummary(added: 0, alreadyPresent: 30))
            #expect(try await LedgerFixtures.ledgerCount(app, Self.outreach.code) == 30)
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2024, orgCode: nil)
            #expect(LedgerFixtures.figure(figures, "legal_aid.outreach_events") == .count(30))
            let audits = try await AuditEntry.query(on: app.db).filter(\.$entityType == "ledgerImport").count()
            #expect(audits == 2)
        }
    }

    @Test("A file with bad rows writes nothing and names each row, column and rule", arguments: TestDatabase.all)
    func badRows(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let data = try LedgerFixtures.xlsx(Self.outreach, [
                ["occurredOn": "2024-03-01", "title": "好的一行"],
                ["occurredOn": "2024-02-30", "title": "日期不存在"],
                ["occurredOn": "2024-04-01", "title": "", "quantity": "-3"],
                ["occurredOn": "2024-03-01", "title": "好的一行"],
            ])
            await #expect {
                try await FazhiApp.importFile(app, kind: Self.outreach.code, data: data, fileName: "bad.xlsx", orgCode: nil)
            } throws: { error in
                guard let failure = error as? ImportFailure else { return false }
                return failure.problems == [
                    "第3行 A列「活动日期」：格式应为 YYYY-MM-DD",
                    "第4行 B列「活动名称」：不能为空",
                    "第4行 D列「受众人数」：应为非负整数",
                    "第5行：与第2行重复（活动日期+活动名称相同）",
                ]
            }
            #expect(try await LedgerFixtures.ledgerCount(app, Self.outreach.code) == 0)
            // A missing required column is reported once, for the file.
            let noDate = SpreadsheetTable(header: ["活动名称"], cells: [[.text("x")]])
            await #expect {
                try await FazhiApp.importFile(app, kind: Self.outreach.code, data: try XLSXWriter().write(noDate, sheetName: "x"),
                                              fileName: "x.xlsx", orgCode: nil)
            } throws: { error in
                (error as? ImportFailure)?.problems.first?.hasPrefix("「活动日期」：缺少必填列") == true
            }
        }
    }

    @Test("CSV saved by Excel on Chinese Windows (GB18030) imports", arguments: TestDatabase.all)
    func gb18030CSV(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let csv = "活动日期,活动名称,活动地点,参与人数\r\n2024/5/4,青年普法讲座,春华街道社区服务中心,45\r\n2024-06-26,禁毒宣传,大王庄街道,120\r\n"
            let data = try GB18030.encoded(csv)
            #expect(String(data: data, encoding: .utf8) == nil)
            let summary = try await FazhiApp.importFile(app, kind: "publicity.event", data: data, fileName: "普法.csv", orgCode: "120102-JS06")
            #expect(summary.added == 2)
            let titles = try await LedgerEntry.query(on: app.db).sort(\.$occurredOn).all().map(\.title)
            #expect(titles == ["青年普法讲座", "禁毒宣传"])
        }
    }

    @Test("Web import: upload → preview of errors, nothing written; upload → confirm writes", arguments: TestDatabase.all)
    func webImport(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let admin = try await TestClient.api(app, "admin")
            let bad = try LedgerFixtures.xlsx(Self.outreach, [["occurredOn": "2024-01-05", "title": "a"], ["occurredOn": "x", "title": "b"]])
            try await Self.upload(admin, "/ledgers/legalAid.outreach/import", file: bad) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("未写入任何数据"))
                #expect(res.text.contains("格式应为 YYYY-MM-DD"))
            }
            #expect(try await LedgerFixtures.ledgerCount(app, Self.outreach.code) == 0)
            let good = try LedgerFixtures.xlsx(Self.outreach, [["occurredOn": "2024-01-05", "title": "a"], ["occurredOn": "2024-01-06", "title": "b"]])
            var hidden = ""
            try await Self.upload(admin, "/ledgers/legalAid.outreach/import", file: good) { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("将新增 2 条"))
                let marker = "name=\"data\" value=\""
                let start = try #require(res.text.range(of: marker))
                hidden = String(res.text[start.upperBound...].prefix { $0 != "\"" })
            }
            #expect(try await LedgerFixtures.ledgerCount(app, Self.outreach.code) == 0)
            let bureau = try await app.org(code: "120102")
            try await admin.postForm("/ledgers/legalAid.outreach/import/confirm",
                                     ["data": hidden, "fileName": "good.xlsx", "orgID": bureau.id!.uuidString]) { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.contains("added=2") == true)
            }
            #expect(try await LedgerFixtures.ledgerCount(app, Self.outreach.code) == 2)
            try await admin.getPage("/ledgers/legalAid.outreach/template.xlsx") { res in
                let rows = try XLSXReader().read(Data(buffer: res.body)).rows
                #expect(rows.count == 1)
            }
        }
    }

    static func upload(_ client: TestClient, _ path: String, file: Data, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        let boundary = "----fazhi\(UUID().uuidString)"
        var body = Data()
        func part(_ name: String, _ value: String) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        part(CSRFMiddleware.field, client.csrf)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ledger.xlsx\"\r\n".utf8)
        body += Data("Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".utf8)
        body += file + Data("\r\n--\(boundary)--\r\n".utf8)
        var headers = client.cookie
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        try await client.app.testing().test(.POST, path, headers: headers, body: ByteBuffer(data: body), afterResponse: check)
    }
}

@Suite("Import: a key stored between the check and the insert")
struct BookImportRaceTests {
    @Test("SQLite refuses the whole batch with 409 and keeps nothing of it; PostgreSQL skips the row and counts only what went in",
          arguments: TestDatabase.all)
    func keyStoredMeanwhile(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let kind = try #require(ModuleRegistry.standard.bookKind("mediation.screening"))
            let org = try await app.org(code: "120102").id!
            func row(_ title: String) -> SheetValidator.Row {
                let values = ["occurredOn": "2024-06-01", "title": title, "quantity": "3"]
                return SheetValidator.Row(number: 2, values: values, naturalKey: kind.naturalKey(of: values))
            }
            let writer = { (db: Database) in BookWriter(db: db, kind: kind, org: org, actor: .command("test")) }
            try await app.db.transaction { try await writer($0).insert([row("春华街道嘉华里社区")], importID: nil) }
            // As if another writer had stored the first row after this import read the stored keys.
            let batch = [row("春华街道嘉华里社区"), row("春华街道第二社区")]
            switch database {
            case .sqlite:
                await #expect {
                    try await app.db.transaction { try await writer($0).insert(batch, importID: nil) }
                } throws: { error in
                    (error as? Abort)?.status == .conflict && (error as? Abort)?.reason.contains("未写入任何数据") == true
                }
                #expect(try await LedgerFixtures.ledgerCount(app, kind.code) == 1)
            case .postgres:
                let stored = try await app.db.transaction { try await writer($0).insert(batch, importID: nil) }
                #expect(stored[0] == nil && stored[1] != nil)
                #expect(try await LedgerFixtures.ledgerCount(app, kind.code) == 2)
            }
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2024, orgCode: nil).isEmpty)
        }
    }
}
