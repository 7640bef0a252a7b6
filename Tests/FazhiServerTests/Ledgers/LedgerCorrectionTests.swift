import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Ledgers and registers: correct, end, remove")
struct LedgerCorrectionTests {
    struct Input: Content {
        var orgID: UUID?
        var values: [String: String]
    }

    private func figure(_ app: Application, _ key: String, year: Int = 2024) async throws -> Int? {
        let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: year, orgCode: nil)
        if case .count(let value)? = LedgerFixtures.figure(figures, key) { return value }
        return nil
    }

    @Test("A corrected ledger entry moves its figures; a removed one leaves them; others may not touch it", arguments: TestDatabase.all)
    func ledger(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let chunhua = try await TestClient.api(app, "chunhua")
            var id: UUID?
            try await chunhua.send(.POST, "/api/v1/ledgers/publicity.event/entries",
                                   json: Input(values: ["occurredOn": "2024-12-04", "title": "宪法宣传日进社区", "quantity": "60"])) { res in
                id = try res.content.decode(BookEntries.Listed.self).id
            }
            try await chunhua.send(.POST, "/api/v1/ledgers/publicity.event/entries",
                                   json: Input(values: ["occurredOn": "2024-05-01", "title": "民法典宣传月", "quantity": "20"])) { res in
                #expect(res.status == .created)
            }
            let entry = try #require(id)
            let events2024 = try #require(try await figure(app, "publicity.events"))
            let events2025 = try await figure(app, "publicity.events", year: 2025) ?? 0

            // Typo in the year and the head count: the event moves to 2025 with 80 people.
            try await chunhua.send(.PUT, "/api/v1/ledgers/publicity.event/entries/\(entry)",
                                   json: Input(values: ["occurredOn": "2025-12-04", "title": "宪法宣传日进社区", "quantity": "80"])) { res in
                #expect(res.status == .ok, "\(res.text)")
                let corrected = try res.content.decode(BookEntries.Listed.self)
                #expect(corrected.values["quantity"] == "80")
            }
            #expect(try await figure(app, "publicity.events") == events2024 - 1)
            #expect(try await figure(app, "publicity.events", year: 2025) == events2025 + 1)

            // Onto the other entry's natural key: refused, nothing changed; a bad value names its column.
            try await chunhua.send(.PUT, "/api/v1/ledgers/publicity.event/entries/\(entry)",
                                   json: Input(values: ["occurredOn": "2024-05-01", "title": "民法典宣传月", "quantity": "1"])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.code == "duplicate")
            }
            try await chunhua.send(.PUT, "/api/v1/ledgers/publicity.event/entries/\(entry)",
                                   json: Input(values: ["occurredOn": "2025-02-30", "title": "宪法宣传日进社区"])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "occurredOn")
            }
            // Another station does not find it; the viewer reads it but may not change it.
            let other = try await TestClient.api(app, "dawangzhuang")
            try await other.send(.PUT, "/api/v1/ledgers/publicity.event/entries/\(entry)",
                                 json: Input(values: ["occurredOn": "2025-12-04", "title": "x"])) { res in #expect(res.status == .notFound) }
            let viewer = try await TestClient.api(app, "viewer")
            try await viewer.get("/api/v1/ledgers/publicity.event/entries/\(entry)") { res in #expect(res.status == .ok) }
            try await app.testing().test(.DELETE, "/api/v1/ledgers/publicity.event/entries/\(entry)", headers: viewer.bearer) { res in
                #expect(res.status == .forbidden)
            }

            try await app.testing().test(.DELETE, "/api/v1/ledgers/publicity.event/entries/\(entry)", headers: chunhua.bearer) { res in
                #expect(res.status == .noContent)
            }
            try await chunhua.get("/api/v1/ledgers/publicity.event/entries/\(entry)") { res in #expect(res.status == .notFound) }
            #expect(try await figure(app, "publicity.events", year: 2025) == events2025)
            #expect(try await figure(app, "publicity.events") == events2024 - 1)
            let actions = try await AuditEntry.query(on: app.db).filter(\.$entityType == "ledgerEntry").filter(\.$entityID == entry.uuidString)
                .all().map(\.action)
            #expect(actions.sorted() == ["create", "delete", "update"])
            for year in [2024, 2025] {
                #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: year, orgCode: nil).isEmpty)
            }
        }
    }

    @Test("A register entry ended by its end date is no longer counted at the year's end", arguments: TestDatabase.all)
    func register(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let admin = try await TestClient.api(app, "admin")
            let before = try await figure(app, "legal_services.lawyers") ?? 0
            var id: UUID?
            let values = ["name": "周律师", "firm": "天津东方律师事务所", "license": "11201202010000009", "activeFrom": "2020-06-01"]
            try await admin.send(.POST, "/api/v1/registers/lawyer/entries", json: Input(values: values)) { res in
                #expect(res.status == .created, "\(res.text)")
                id = try res.content.decode(BookEntries.Listed.self).id
            }
            let entry = try #require(id)
            #expect(try await figure(app, "legal_services.lawyers") == before + 1)
            var ended = values
            ended["activeTo"] = "2024-09-30"
            try await admin.send(.PUT, "/api/v1/registers/lawyer/entries/\(entry)", json: Input(values: ended)) { res in
                #expect(res.status == .ok, "\(res.text)")
                let corrected = try res.content.decode(BookEntries.Listed.self)
                #expect(corrected.values["activeTo"] == "2024-09-30")
            }
            #expect(try await figure(app, "legal_services.lawyers") == before)
            #expect(try await figure(app, "legal_services.lawyers", year: 2023) ?? 0 >= 1)
            ended["activeTo"] = "2019-01-01"
            try await admin.send(.PUT, "/api/v1/registers/lawyer/entries/\(entry)", json: Input(values: ended)) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "activeTo")
            }
        }
    }

    @Test("The pages: a 修改 link per entry, the filled form, errors under fields, removal", arguments: [TestDatabase.sqlite])
    func pages(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let admin = try await TestClient.api(app, "admin")
            try await admin.postForm("/ledgers/legalAid.outreach", ["occurredOn": "2024-03-05", "title": "执法培训", "quantity": "30"]) { res in
                #expect(res.status == .seeOther || res.status == .found)
            }
            let entry = try #require(try await LedgerEntry.query(on: app.db).filter(\.$title == "执法培训").first())
            let edit = "/ledgers/legalAid.outreach/\(entry.id!)/edit"
            try await admin.getPage("/ledgers/legalAid.outreach?year=2024") { res in #expect(res.text.contains("href=\"\(edit)\"")) }
            try await admin.getPage(edit) { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("value=\"执法培训\""))
                #expect(res.text.contains("data-confirm"))
            }
            try await admin.postForm("/ledgers/legalAid.outreach/\(entry.id!)", ["occurredOn": "2024-03-05", "title": "", "quantity": "31"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("活动名称：不能为空"))
            }
            try await admin.postForm("/ledgers/legalAid.outreach/\(entry.id!)", ["occurredOn": "2024-03-06", "title": "执法培训（二）", "quantity": "31"]) { res in
                #expect(res.status == .seeOther || res.status == .found)
            }
            let corrected = try #require(try await LedgerEntry.find(entry.id, on: app.db))
            #expect(corrected.title == "执法培训（二）" && corrected.quantity == 31 && corrected.occurredOn == "2024-03-06")
            try await admin.postForm("/ledgers/legalAid.outreach/\(entry.id!)/delete", [:]) { res in
                #expect(res.status == .seeOther || res.status == .found)
            }
            #expect(try await LedgerEntry.find(entry.id, on: app.db) == nil)
        }
    }
}
