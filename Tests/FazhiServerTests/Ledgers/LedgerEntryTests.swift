import Fluent
@testable import FazhiOffice
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Ledgers: add, list, scope")
struct LedgerEntryTests {
    struct Input: Content {
        var orgID: UUID?
        var values: [String: String]
    }

    @Test("A station adds an entry; another station neither lists nor finds it; the bureau does", arguments: TestDatabase.all)
    func scope(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let chunhua = try await TestClient.api(app, "chunhua")
            var id: UUID?
            try await chunhua.send(.POST, "/api/v1/ledgers/publicity.event/entries",
                                   json: Input(values: ["occurredOn": "2024-12-04", "title": "宪法宣传日进社区", "quantity": "60"])) { res in
                #expect(res.status == .created, "\(res.text)")
                let entry = try res.content.decode(BookEntries.Listed.self)
                #expect(entry.orgName == "春华街道司法所")
                #expect(entry.values["quantity"] == "60")
                id = entry.id
            }
            let entryID = try #require(id)
            try await chunhua.get("/api/v1/ledgers/publicity.event/entries?year=2024") { res in
                let page = try res.content.decode(BookAPI.EntryPage.self)
                #expect(page.total == 1)
            }
            let other = try await TestClient.api(app, "dawangzhuang")
            try await other.get("/api/v1/ledgers/publicity.event/entries") { res in
                let page = try res.content.decode(BookAPI.EntryPage.self)
                #expect(page.total == 0)
            }
            try await other.get("/api/v1/ledgers/publicity.event/entries/\(entryID)") { res in #expect(res.status == .notFound) }
            // A station does not read legal aid at all: the kind is not found for it.
            try await other.get("/api/v1/ledgers/legalAid.outreach/entries") { res in #expect(res.status == .notFound) }
            let admin = try await TestClient.api(app, "admin")
            try await admin.get("/api/v1/ledgers/publicity.event/entries/\(entryID)") { res in #expect(res.status == .ok) }
            try await admin.get("/api/v1/ledgers/publicity.event/entries?year=2023") { res in
                let page = try res.content.decode(BookAPI.EntryPage.self)
                #expect(page.total == 0)
            }
            // The same event again is refused by its natural key; a bad date names the column and the rule.
            try await chunhua.send(.POST, "/api/v1/ledgers/publicity.event/entries",
                                   json: Input(values: ["occurredOn": "2024-12-04", "title": "宪法宣传日进社区", "quantity": "60"])) { res in
                #expect(res.status == .unprocessableEntity)
            }
            try await chunhua.send(.POST, "/api/v1/ledgers/publicity.event/entries",
                                   json: Input(values: ["occurredOn": "2024-13-01", "title": "x"])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "occurredOn")
                #expect(res.errorBody?.error.message.contains("YYYY-MM-DD") == true)
            }
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entityType == "ledgerEntry").count()
            #expect(audit == 1)
        }
    }

    @Test("The pages: list, form with errors under fields, navigation", arguments: [TestDatabase.sqlite])
    func pages(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let admin = try await TestClient.api(app, "admin")
            try await admin.getPage("/ledgers") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("法援惠民生活动"))
                #expect(res.text.contains("href=\"/registers\""))
            }
            try await admin.postForm("/ledgers/legalAid.outreach", ["occurredOn": "2024/3/5", "title": "", "quantity": "abc"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("活动名称：不能为空"))
                #expect(res.text.contains("受众人数：应为非负整数"))
            }
            try await admin.postForm("/ledgers/legalAid.outreach", ["occurredOn": "2024/3/5", "title": "法援惠民生", "quantity": "30"]) { res in
                #expect(res.status == .seeOther || res.status == .found)
            }
            try await admin.getPage("/ledgers/legalAid.outreach?year=2024") { res in
                #expect(res.text.contains("2024-03-05"))
                #expect(res.text.contains("共 1 条"))
            }
            try await admin.getPage("/ledgers/legalAid.outreach/export.xlsx?year=2024") { res in
                let table = try XLSXReader().read(Data(buffer: res.body))
                #expect(table.rows.count == 1)
                #expect(table.rows.first?[1] == .text("法援惠民生"))
            }
            let viewer = try await TestClient.api(app, "tiaojie")
            try await viewer.getPage("/ledgers/legalAid.outreach") { res in #expect(res.status == .notFound) }
            try await viewer.getPage("/ledgers/mediation.screening") { res in #expect(res.status == .ok) }
        }
    }
}
