@testable import FazhiOffice
@testable import FazhiServer
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Lists downloaded as .xlsx")
struct ListExportTests {
    @Test("A case queue and the records behind a figure come out as .xlsx with the page's columns and filter", arguments: TestDatabase.all)
    func exports(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let rows = [
                ["2024-03-15", "张三", "11010519491231002X", "河东区市场监督管理局", "东市监罚〔2024〕15号", "2024-03-01", "撤销处罚决定"],
                ["2024-04-16", "天津某公司", "91120102MA05L1XG8L", "河东区生态环境局", "东环罚〔2024〕3号", "2024-04-02", "撤销"],
            ]
            _ = try await FazhiApp.importFile(app, kind: "reconsideration", data: try ReconsiderationImportTests.table(rows),
                                              fileName: "r.xlsx", orgCode: "120102-XF")
            let officer = try await TestClient.api(app, "fuyi")
            try await officer.getPage("/reconsideration?queue=all") { res in
                #expect(res.text.contains("href=\"/reconsideration/export.xlsx?queue=all\""))
            }
            try await officer.getPage("/reconsideration/export.xlsx?queue=all") { res in
                #expect(res.status == .ok)
                let table = try XLSXReader().read(Data(buffer: res.body))
                #expect(table.header.first == "案号")
                #expect(table.header.contains("被申请人"))
                #expect(table.rows.count == 2)
                #expect(table.rows.map { $0[4] }.contains(.text("2024-04-16")))
            }
            let leader = try await TestClient.api(app, "leader")
            try await leader.getPage("/report/records?metric=reconsideration.received&year=2024&month=3") { res in
                #expect(res.text.contains("/report/records.xlsx?metric=reconsideration.received&amp;month=3&amp;org=120102&amp;year=2024")
                        || res.text.contains("/report/records.xlsx?metric=reconsideration.received&month=3&org=120102&year=2024"))
            }
            try await leader.getPage("/report/records.xlsx?metric=reconsideration.received&year=2024&month=3") { res in
                #expect(res.status == .ok)
                let table = try XLSXReader().read(Data(buffer: res.body))
                #expect(table.rows.count == 1)
                #expect(table.rows.first?[4] == .text("2024-03-15"))
            }
            // The station reads no statistics: the export is refused like the page.
            let station = try await TestClient.api(app, "chunhua")
            try await station.getPage("/report/records.xlsx?metric=reconsideration.received&year=2024") { res in
                #expect(res.status == .forbidden || res.status == .notFound)
            }
        }
    }
}
