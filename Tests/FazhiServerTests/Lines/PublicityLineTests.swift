import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Legal publicity")
struct PublicityLineTests {
    static func overview(_ client: TestClient, _ query: String) async throws -> PublicityOverview.Model {
        var model: PublicityOverview.Model?
        try await client.get("/api/v1/publicity/overview?\(query)") { res in
            #expect(res.status == .ok, "\(res.text)")
            model = try res.content.decode(PublicityOverview.Model.self)
        }
        return try #require(model)
    }

    @Test("The exam sheet imported person by person: completion per unit against its staff, the units below target, the figures; the duty ranking, court coverage and communities below target",
          arguments: TestDatabase.all)
    func examAndOverview(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let results = try #require(ModuleRegistry.standard.bookKind("publicity.examResult"))
            let bad = try await LedgerFixtures.xlsx(results, [["occurredOn": "2024-10-20", "title": "单位甲", "person": "张三", "completed": "也许"]])
            await #expect(throws: ImportFailure.self) {
                try await FazhiApp.importFile(app, kind: results.code, data: bad, fileName: "bad.xlsx", orgCode: "120102")
            }
            var rows: [[String: String]] = []
            for person in 0..<10 { rows.append(["occurredOn": "2024-10-20", "title": "单位甲", "person": "甲\(person)", "score": "90", "completed": "是"]) }
            for person in 0..<6 {
                rows.append(["occurredOn": "2024-10-20", "title": "单位乙", "person": "乙\(person)", "score": person < 4 ? "88" : "40",
                             "completed": person < 4 ? "是" : "否"])
            }
            #expect(try await LedgerFixtures.importRows(app, results, rows).added == 16)
            #expect(try await LedgerFixtures.importRows(app, results, rows).added == 0)
            _ = try await LedgerFixtures.importRows(app, try #require(ModuleRegistry.standard.bookKind("publicity.examUnit")), [
                ["occurredOn": "2024-01-05", "title": "单位甲", "quantity": "10"], ["occurredOn": "2024-01-05", "title": "单位乙", "quantity": "8"],
            ])
            // Three agencies' 2024 reports, reviewed in January 2025: ranked in 2024, their own year.
            let reporting = try await Org.query(on: app.db).filter(\.$kind == .agency).filter(\.$active == true).sort(\.$code).limit(3).all()
            for (agency, score) in zip(reporting, [90, 95, 90]) {
                let report = try await DutyReports.submit(
                    try DutyReportRules.submission(year: "2024", title: "2024年度履职报告", text: "正文", today: ChinaTime.today), file: nil,
                    agency: agency, by: .agency, on: CivilDate(year: 2025, month: 1, day: 6)!, actor: .system, on: app.db)
                try await DutyReports.review(try DutyReportRules.review(score: String(score), comments: "评议意见"), of: report.id!,
                                             office: try #require(agency.$parent.id), on: CivilDate(year: 2025, month: 1, day: 10)!,
                                             actor: .system, on: app.db)
            }
            _ = try await LedgerFixtures.importRows(app, try #require(ModuleRegistry.standard.bookKind("publicity.courtAttendance")), [
                ["occurredOn": "2024-04-18", "title": "第一批", "unit": "单位甲", "quantity": "6"],
                ["occurredOn": "2024-07-18", "title": "第二批", "unit": "单位乙", "quantity": "3"],
            ])
            _ = try await LedgerFixtures.importRows(app, try #require(ModuleRegistry.standard.bookKind("liaison")), [
                ["name": "王一", "community": "春华街道第1社区", "activeFrom": "2023-01-01"],
                ["name": "王二", "community": "春华街道第1社区", "activeFrom": "2023-01-01", "activeTo": "2024-06-01"],
                ["name": "李一", "community": "春华街道第2社区", "activeFrom": "2023-01-01"],
                ["name": "李二", "community": "春华街道第2社区", "activeFrom": "2024-03-01"],
            ])
            _ = try await LedgerFixtures.importRows(app, try #require(ModuleRegistry.standard.bookKind("publicity.event")), [
                ["occurredOn": "2024-12-04", "title": "宪法宣传周进社区", "type": "宪法宣传周", "quantity": "80"],
                ["occurredOn": "2024-05-10", "title": "民法典进家庭", "type": "民法典宣传月", "quantity": "50"],
                ["occurredOn": "2024-05-12", "title": "民法典进企业", "type": "民法典宣传月", "quantity": "30"],
            ])

            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2024, orgCode: nil)
            #expect(figures["publicity.exam_units"] == .count(2))
            #expect(figures["publicity.exam_people"] == .count(14))
            #expect(figures["publicity.events"] == .count(3))
            #expect(figures["liaisons.people"] == .count(3))
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2024, orgCode: nil).isEmpty)

            let officer = try await TestClient.api(app, PublicityDemo.officer)
            let model = try await Self.overview(officer, "year=2024&examTarget=90&liaisonTarget=2")
            #expect(model.examUnits.map(\.unit) == ["单位乙", "单位甲"])   // lowest completion first
            #expect(model.examUnits[0].rate == 50 && model.examUnits[0].belowTarget && !model.examUnits[1].belowTarget)
            #expect(model.examPeople == 14 && model.staff == 18)
            #expect(model.ranking.map(\.rank) == [1, 2, 2] && model.ranking[0].unit == reporting[1].name)
            #expect(try await Self.overview(officer, "year=2025").ranking.isEmpty)
            #expect(model.batches.map(\.cumulativeCoverage) == [33.3, 50])
            #expect(model.communities.map(\.community) == ["春华街道第1社区", "春华街道第2社区"])
            #expect(model.communities[0].liaisons == 1 && model.communities[0].belowTarget && !model.communities[1].belowTarget)
            #expect(model.eventTypes.first?.type == "民法典宣传月" && model.eventTypes.first?.reach == 80)
            try await officer.get("/api/v1/publicity/overview?examTarget=0") { res in #expect(res.status == .badRequest) }
            try await officer.getPage("/publicity?year=2024") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("未达标") && res.text.contains("单位乙"))
            }
            // A mediator does not read publicity.
            let mediator = try await TestClient.api(app, "tiaojie")
            try await mediator.get("/api/v1/publicity/overview") { res in #expect(res.status == .forbidden) }
        }
    }

    @Test("Event types are data the admin edits: seeded, added, renamed (old events follow), retired (no longer chosen, kept on old events); events choose from the active types",
          arguments: TestDatabase.all)
    func eventTypes(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let admin = try await TestClient.api(app, "admin")
            let officer = try await TestClient.api(app, PublicityDemo.officer)
            func list(_ client: TestClient) async throws -> ChoiceListPages.ListBody {
                var body: ChoiceListPages.ListBody?
                try await client.get("/api/v1/lists/publicity.eventType/items") { res in
                    #expect(res.status == .ok, "\(res.text)")
                    body = try res.content.decode(ChoiceListPages.ListBody.self)
                }
                return try #require(body)
            }
            let seeded = try await list(officer)
            #expect(seeded.items.map(\.label).prefix(7) == ["民法典宣传月", "宪法宣传周", "青少年普法", "模拟法庭", "司法所开放日", "参观研学", "情景剧"])
            func event(_ client: TestClient, _ title: String, type: String, expect status: HTTPStatus) async throws {
                try await client.send(.POST, "/api/v1/ledgers/publicity.event/entries", json: BookAPI.EntryInput(
                    orgID: nil, values: ["occurredOn": "2025-05-10", "title": title, "type": type, "quantity": "40"])) { res in
                    #expect(res.status == status, "\(res.text)")
                    if status == .unprocessableEntity { #expect(res.errorBody?.error.field == "type", "\(res.text)") }
                }
            }
            try await event(officer, "民法典进社区", type: "民法典宣传月", expect: .created)
            try await event(officer, "法治动漫展", type: "法治动漫", expect: .unprocessableEntity)

            // Only the admin edits the list: the officer is refused before the body is read; bad names are named.
            try await officer.send(.POST, "/api/v1/lists/publicity.eventType/items", json: ChoiceListPages.ItemInput(label: "法治动漫")) { res in
                #expect(res.status == .forbidden)
            }
            try await admin.send(.POST, "/api/v1/lists/publicity.eventType/items", json: ChoiceListPages.ItemInput(label: String(repeating: "长", count: 31))) { res in
                #expect(res.status == .unprocessableEntity && res.errorBody?.error.field == "label", "\(res.text)")
            }
            try await admin.send(.POST, "/api/v1/lists/publicity.eventType/items", json: ChoiceListPages.ItemInput(label: "宪法宣传周")) { res in
                #expect(res.status == .unprocessableEntity && res.errorBody?.error.field == "label", "\(res.text)")
            }
            try await admin.send(.POST, "/api/v1/lists/publicity.eventType/items", json: ChoiceListPages.ItemInput(label: "法治动漫")) { res in
                #expect(res.status == .created, "\(res.text)")
            }
            try await admin.get("/api/v1/lists/nope/items") { res in #expect(res.status == .notFound) }
            try await event(officer, "法治动漫展", type: "法治动漫", expect: .created)

            // Renamed: the old events follow. Retired: no longer chosen, the old event keeps it and still counts.
            let month = try #require(try await list(admin).items.first { $0.label == "民法典宣传月" })
            try await admin.send(.PUT, "/api/v1/lists/publicity.eventType/items/\(month.id)", json: ChoiceListPages.ItemInput(label: "民法典宣传月活动")) { res in
                #expect(res.status == .ok, "\(res.text)")
            }
            let cartoon = try #require(try await list(admin).items.first { $0.label == "法治动漫" })
            try await admin.send(.PUT, "/api/v1/lists/publicity.eventType/items/\(cartoon.id)", json: ChoiceListPages.ItemInput(active: false)) { res in
                #expect(res.status == .ok, "\(res.text)")
            }
            try await event(officer, "法治动漫展二", type: "法治动漫", expect: .unprocessableEntity)
            try await event(officer, "民法典进校园", type: "民法典宣传月", expect: .unprocessableEntity)
            try await event(officer, "民法典进校园", type: "民法典宣传月活动", expect: .created)
            let types = try await LedgerEntry.query(on: app.db).filter(\.$kind == "publicity.event").all().map { LedgerFields.decode($0.fields)["type"] ?? "" }
            #expect(types.sorted() == ["民法典宣传月活动", "民法典宣传月活动", "法治动漫"])
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2025, orgCode: nil)
            #expect(figures["publicity.events"] == .count(3))
            #expect(try await list(admin).items.first { $0.id == cartoon.id }?.active == false)

            // The pages: the form offers the active types only; the admin's list page escapes what it shows.
            try await officer.getPage("/ledgers/publicity.event/new") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("<option value=\"民法典宣传月活动\"") && !res.text.contains("<option value=\"法治动漫\""))
            }
            try await admin.postForm("/lists/publicity.eventType", ["label": "<b>情景剧2</b>"]) { res in #expect(res.status == .seeOther) }
            try await admin.getPage("/lists/publicity.eventType") { res in
                #expect(res.status == .ok && res.text.contains("&lt;b&gt;情景剧2") && !res.text.contains("<b>情景剧2"))
            }
        }
    }

    @Test("The demo slice: last year's figures at the reference scale (100余 events, 72 units / 4,319 people, 899 / 2,432) and the overview",
          arguments: TestDatabase.all)
    func demo(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let today = ChinaTime.today
            let demo = DemoCases(db: app.db, calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection, today: today,
                                 modules: app.modules)
            var random = DemoRandom(seed: 20_241_231)
            let started = Date()
            let clauses = try await PublicityModule.loadDemo(demo, random: &random)
            let elapsed = Date().timeIntervalSince(started)
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: today.year - 1, orgCode: nil)
            #expect(figures["publicity.events"] == .count(105))
            #expect(figures["publicity.exam_units"] == .count(72))
            #expect(figures["publicity.exam_people"] == .count(4319))
            #expect(figures["liaisons.people"] == .count(899))
            #expect(figures["liaisons.activities"] == .count(2432))
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: today.year - 1, orgCode: nil).isEmpty)
            let model = try await PublicityOverview.model(try await Scope.load(userID: try await demo.user(PublicityDemo.officer).requireID(), on: app.db),
                                                          year: today.year - 1, examTarget: 95, liaisonTarget: 8, on: app.db)
            #expect(model.examUnits.count == 72 && model.examUnits.contains(where: \.belowTarget))
            // Every agency's duty report submitted and reviewed last year, ranked; this year's batches cover employees by name.
            let scope = try await Scope.load(userID: try await demo.user(PublicityDemo.officer).requireID(), on: app.db)
            let agencies = try await Org.query(on: app.db).filter(\.$kind == .agency).count()
            let duty = try await DutyReports.ranking(scope, year: today.year - 1, on: app.db)
            #expect(duty.ranked.count == agencies && duty.notSubmitted.isEmpty && model.ranking.count == agencies)
            let court = try await CourtCoverage.model(scope, year: today.year, on: app.db)
            let held = [4, 7, 10].filter { CivilDate(year: today.year, month: $0, day: 18)! <= today }.count
            #expect(court.batches.count == held)
            if held > 0 {
                #expect(court.units.filter { ($0.coverage.last ?? nil) ?? 0 > 0 }.count == 24)
                #expect(court.attended == court.attended.sorted() && (court.coverage.last ?? nil) ?? 0 > 0)
            }
            let panel = try #require(try await PublicityModule.dashboardPanels(app.db, year: today.year - 1,
                                                                              orgIDs: try await Org.query(on: app.db).all(\.$id)).first)
            guard case .table(_, let rows, _) = panel.blocks[1] else { Issue.record("no table in the panel"); return }
            #expect(rows[0].map(\.text)[0...1] == ["72", "4319"] && rows[0][3].text == "899" && rows[0][4].text == "2432")
            guard case .months(_, let months, _) = panel.blocks[0] else { Issue.record("no months in the panel"); return }
            #expect(months.reduce(0, +) == 105)
            print("publicity demo slice: \(clauses.joined(separator: "，")) in \(Int(elapsed * 1000)) ms on \(database)")
        }
    }
}
