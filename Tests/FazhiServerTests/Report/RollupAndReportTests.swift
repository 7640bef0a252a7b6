import FazhiCore
import Fluent
import FluentSQL
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@Suite("Rollup, dashboard and the annual report")
struct RollupAndReportTests {
    /// A demo caseload, small enough for a test.
    func loadDemo(_ app: Application) async throws {
        try await app.loadDemoCases(perYear: 50)
    }

    @Test("The rollup, kept with every event, equals a full recount", arguments: TestDatabase.all)
    func rollupEqualsRecount(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await loadDemo(app)
            for year in [2025, 2026] {
                #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: year, orgCode: nil).isEmpty)
                #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: year, orgCode: "120102-XF").isEmpty)
                let rolled = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: year, orgCode: nil)
                guard case .count(let received) = rolled["reconsideration.received"] else { Issue.record("no count"); return }
                #expect(received > 10)
            }
            // A tampered rollup is caught.
            let sql = app.db as! SQLDatabase
            try await sql.raw("UPDATE metric_rollups SET numerator = numerator + 1 WHERE metric_key = 'reconsideration.received' AND day LIKE '2025-%'").run()
            let differences = try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2025, orgCode: nil)
            #expect(differences.count == 1)
            #expect(differences.first?.hasPrefix("reconsideration.received") == true)
        }
    }

    @Test("The rollup by respondent agency: kept with every event, filled for stored cases by the line's migration, checked by the recount",
          arguments: TestDatabase.all)
    func rollupByAgency(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await loadDemo(app)
            let sql = app.db as! SQLDatabase
            func rows() async throws -> [String] {
                try await sql.raw("""
                    SELECT metric_key, org_id, agency_id, day, numerator, denominator FROM metric_rollups_by_agency \
                    WHERE numerator <> 0 OR denominator <> 0 ORDER BY metric_key, org_id, agency_id, day
                    """).all().map { row in
                    "\(try row.decode(column: "metric_key", as: String.self)) \(try row.decode(column: "agency_id", as: UUID.self)) "
                        + "\(try row.decode(column: "day", as: String.self)) \(try row.decode(column: "numerator", as: Int.self))/"
                        + "\(try row.decode(column: "denominator", as: Int.self))"
                }
            }
            // Kept with every event of the demo's cases.
            let kept = try await rows()
            #expect(kept.contains { $0.hasPrefix("reconsideration.received") } && kept.contains { $0.hasPrefix("reconsideration.correction_rate") })
            // The migration that fills it for a database of stored cases gives the same rows.
            try await sql.raw("DELETE FROM metric_rollups_by_agency").run()
            try await RollUpReconsiderationByAgency().prepare(on: app.db)
            #expect(try await rows() == kept)
            // The dashboard's table reads it: each agency's applications as its cases count them.
            let received = try await ReconsiderationMetrics.received(ReportQuery(db: app.db, year: 2026, orgIDs: nil)).counts(by: \.$agency.$id)
            let table = try await ReconsiderationDashboard.agencyBreakdown(app.db, year: 2026, orgIDs: try await Org.query(on: app.db).all(\.$id))
            #expect(!table.isEmpty)
            #expect(table.allSatisfy { received[$0.id] == $0.received })
            // A tampered row by agency is caught by the recount, naming the agency.
            let agency = try #require(table.first?.id)
            try await sql.raw("""
                UPDATE metric_rollups_by_agency SET numerator = numerator + 1 \
                WHERE metric_key = 'reconsideration.received' AND agency_id = \(bind: agency) AND day LIKE '2026-%'
                """).run()
            let differences = try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2026, orgCode: nil)
            #expect(differences.count == 1)
            #expect(differences.first?.contains("被申请人 \(agency)") == true)
        }
    }

    @Test("Importing a calendar year moves provisional deadlines and keeps the rollup true", arguments: [TestDatabase.sqlite])
    func calendarImportKeepsRollup(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let registered = try await officer.register(try await registration(app, receivedOn: "2026-11-20", knewOn: "2026-11-01"))
            try await officer.event(registered.id, ["kind": .string("accept"), "date": .string("2026-11-23"), "version": .int(1)])
            let before = try #require(try await CaseDeadlineRecord.query(on: app.db).filter(\.$ruleKey == "reconsideration.decision").first())
            #expect(before.provisional)   // 60 days from 2026-11-23 reaches into 2027
            _ = try await CalendarStore(db: app.db).importYear(Data(CalendarFixtures.year2027.utf8), file: "2027.json", actor: .system,
                                                                  recomputing: app.modules)
            let after = try #require(try await CaseDeadlineRecord.query(on: app.db).filter(\.$ruleKey == "reconsideration.decision").first())
            #expect(!after.provisional)
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2026, orgCode: nil).isEmpty)
        }
    }

    @Test("The dashboard and drill-down show counted figures within scope", arguments: [TestDatabase.sqlite])
    func dashboard(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await loadDemo(app)
            let leader = try await TestClient.api(app, "leader")
            try await leader.getPage("/dashboard?year=2025") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("<svg"))
                #expect(res.text.contains("/report/records?metric=reconsideration.received&amp;year=2025"))
                #expect(res.text.contains("期限预警"))
            }
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2025, orgCode: nil)
            guard case .count(let received) = figures["reconsideration.received"] else { Issue.record("no count"); return }
            try await leader.getPage("/report/records?metric=reconsideration.received&year=2025") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("共 \(received) 件"))
            }
            let station = try await TestClient.api(app, "chunhua")
            try await station.getPage("/dashboard") { res in #expect(res.status == .forbidden) }
        }
    }

    @Test("The draft fills the figures, saves the narrative as versions, and exports .docx and markdown", arguments: TestDatabase.all)
    func draft(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await loadDemo(app)
            let leader = try await TestClient.api(app, "leader")
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2025, orgCode: "120102")
            guard case .count(let received) = figures["reconsideration.received"] else { Issue.record("no count"); return }
            try await leader.getPage("/report?year=2025") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("河东区司法局2025年度法治政府建设情况报告"))
                #expect(res.text.contains("\(received)件"))
            }
            try await leader.postForm("/report?year=2025", ["year": "2025", "slot.shortcomings": "基层法治力量仍然薄弱。"]) { res in
                #expect(res.status == .seeOther)
            }
            try await leader.postForm("/report?year=2025", ["year": "2025", "slot.shortcomings": "基层法治力量仍需加强。"]) { res in
                #expect(res.status == .seeOther)
            }
            #expect(try await ReportDraftRecord.query(on: app.db).count() == 2)
            // The page's model, read without the page: the versions newest first, figures with records linked.
            let report = try await AnnualReport.load(db: app.db, modules: app.modules, year: 2025, orgCode: nil, today: ChinaTime.today)
            let model = try await ReportPageModel.load(db: app.db, modules: app.modules, report: report, canEdit: true)
            #expect(model.versions.map(\.number) == [2, 1])
            #expect(model.versions.allSatisfy { !$0.savedBy.isEmpty })
            #expect(model.report.narratives["shortcomings"] == "基层法治力量仍需加强。")
            #expect(model.keysWithRecords.contains("reconsideration.received"))
            let figureKeys = Set(report.draft.sections.flatMap(\.subsections).flatMap(\.sentences).flatMap(\.segments).compactMap { segment -> String? in
                if case .figure(let key, _) = segment { return key }
                return nil
            })
            #expect(model.keysWithRecords.isSubset(of: figureKeys))
            #expect(model.keysWithRecords.allSatisfy { app.modules.computation(named: $0)?.records != nil })
            var docx = Data()
            try await leader.get("/report/export/report.docx?year=2025") { res in
                #expect(res.status == .ok)
                docx = Data(buffer: res.body)
            }
            let archive = try Archive(data: docx, accessMode: .read)
            var xml = Data()
            _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
            let text = String(decoding: xml, as: UTF8.self)
            #expect(text.contains("基层法治力量仍需加强"))
            #expect(text.contains("\(received)件"))
            try await leader.get("/report/export/report.md?year=2025") { res in
                #expect(res.text.contains("基层法治力量仍需加强"))
            }
            // Only leaders and admins save.
            let viewer = try await TestClient.api(app, "viewer")
            try await viewer.postForm("/report?year=2025", ["year": "2025", "slot.shortcomings": "x"]) { res in
                #expect(res.status == .forbidden)
            }
        }
    }
}
