import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

extension TestClient {
    @discardableResult
    func enforcementPost<T: Content>(_ path: String, _ body: T, expect status: HTTPStatus = .created, field: String? = nil) async throws -> String {
        var text = ""
        try await send(.POST, "/api/v1/enforcement/\(path)", json: body) { res in
            #expect(res.status == status, "\(path): \(res.text)")
            if let field { #expect(res.errorBody?.error.field == field, "\(res.text)") }
            text = res.text
        }
        return text
    }

    func enforcementGet<T: Content>(_ path: String, as type: T.Type) async throws -> T {
        var body: T?
        try await get("/api/v1/enforcement/\(path)") { res in
            #expect(res.status == .ok, "\(path): \(res.text)")
            body = try res.content.decode(T.self)
        }
        return try #require(body)
    }
}

@Suite("Enforcement supervision")
struct EnforcementLineTests {
    static let year = ChinaTime.today.year

    @Test("The double plan to an accepted rectification: plan, training, inspections with a finding and a supervisor, the agency's report in its own scope, the office's acceptance, the figures counted",
          arguments: TestDatabase.all)
    func planToRectification(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let office = try await TestClient.api(app, EnforcementDemo.officer)
            let market = try await app.org(code: "120102-AG-SJ"), city = try await app.org(code: "120102-AG-CG")
            let year = Self.year

            // The plan: one training and one inspection for the market regulator in March.
            let training = try await office.enforcementPost("plan", EnforcementWork.PlanLineInput(
                year: year, kind: "training", agencyID: market.id, topic: "行政处罚法专题培训", month: 3, planned: 2))
            let trainingLine = try #require(try JSONDecoder().decode([String: String].self, from: Data(training.utf8))["id"].flatMap(UUID.init(uuidString:)))
            let inspectionLine = try #require(try JSONDecoder().decode([String: String].self, from: Data(try await office.enforcementPost("plan", EnforcementWork.PlanLineInput(
                year: year, kind: "supervision", agencyID: market.id, topic: "行政处罚案卷评查", month: 3, planned: 1)).utf8))["id"].flatMap(UUID.init(uuidString:)))
            try await office.enforcementPost("plan", EnforcementWork.PlanLineInput(year: year, kind: "training", agencyID: market.id, topic: "x", month: 13,
                                                                                   planned: 1), expect: .unprocessableEntity, field: "month")
            try await office.enforcementPost("plan", EnforcementWork.PlanLineInput(year: year, kind: "training", agencyID: market.id,
                                                                                   topic: "行政处罚法专题培训", month: 3, planned: 1),
                                             expect: .unprocessableEntity, field: "topic")

            // One of the two planned trainings held, the market regulator's and the city administration's officers there.
            try await office.enforcementPost("trainings", EnforcementWork.TrainingInput(
                heldOn: "\(year)-03-12", topic: "行政处罚法专题培训", planLineID: trainingLine,
                attendance: [.init(agencyID: market.id, attendees: 40), .init(agencyID: city.id, attendees: 25)]))
            try await office.enforcementPost("trainings", EnforcementWork.TrainingInput(
                heldOn: "\(year)-03-12", topic: "培训", planLineID: inspectionLine, attendance: [.init(agencyID: market.id, attendees: 0)]),
                expect: .unprocessableEntity, field: "planLineID")
            let trainings = try await office.enforcementGet("trainings?year=\(year)", as: EnforcementQueries.TrainingList.self)
            #expect(trainings.total == 1 && trainings.trainings.first?.attendees == 65 && trainings.trainings.first?.agencies == 2)
            #expect(!trainings.untrained.contains { $0.id == market.id || $0.id == city.id })
            #expect(trainings.untrained.contains { $0.name == "河东区教育局" })

            // An entrepreneur supervisor on the register joins a joint inspection; a special inspection finds a problem.
            var supervisorID: UUID?
            try await office.send(.POST, "/api/v1/registers/\(EnforcementWork.supervisorKind)/entries", json: BookAPI.EntryInput(
                orgID: nil, values: ["name": "周建国", "company": "天津河东鑫源商贸有限公司", "activeFrom": "\(year - 1)-01-01"])) { res in
                #expect(res.status == .created, "\(res.text)")
                supervisorID = try res.content.decode(BookEntries.Listed.self).id
            }
            let supervisor = try #require(supervisorID)
            try await office.enforcementPost("inspections", EnforcementWork.InspectionInput(
                kind: "joint", heldOn: "\(year)-04-08", topic: "涉企行政检查联合监督", planLineID: nil, agencyIDs: [city.id!], filesReviewed: 5,
                participants: "区行政执法协调监督科", supervisorIDs: [supervisor], findings: []))
            try await office.enforcementPost("inspections", EnforcementWork.InspectionInput(
                kind: "special", heldOn: "\(year)-03-20", topic: "行政处罚案卷评查", planLineID: inspectionLine, agencyIDs: [market.id!], filesReviewed: 12,
                participants: "", supervisorIDs: [supervisor], findings: []), expect: .unprocessableEntity, field: "supervisorIDs")
            try await office.enforcementPost("inspections", EnforcementWork.InspectionInput(
                kind: "special", heldOn: "\(year)-03-20", topic: "行政处罚案卷评查", planLineID: inspectionLine, agencyIDs: [market.id!], filesReviewed: 12,
                participants: "", supervisorIDs: [], findings: [.init(agencyID: city.id, category: "procedure", description: "未告知陈述申辩权利", dueOn: nil)]),
                expect: .unprocessableEntity, field: "findings[0].agencyID")
            let created = try await office.enforcementPost("inspections", EnforcementWork.InspectionInput(
                kind: "special", heldOn: "\(year)-03-20", topic: "行政处罚案卷评查", planLineID: inspectionLine, agencyIDs: [market.id!], filesReviewed: 12,
                participants: "", supervisorIDs: [], findings: [.init(agencyID: market.id, category: "procedure", description: "3卷未告知陈述申辩权利", dueOn: nil)]))
            let notice = try JSONDecoder().decode(EnforcementAPI.Created.self, from: Data(created.utf8))
            let finding = try #require(notice.findings.first)
            #expect(finding.noticeNumber == "执法监督整改〔\(year)〕1号")
            let counted = try Rectification.deadline(notifiedOn: CivilDate(string: "\(year)-03-20")!, requested: nil,
                                                     rule: EnforcementSupervisionRules.rectificationRule, calendar: try await CalendarStore(db: app.db).calendar())
            #expect(finding.dueOn == counted.deadline.due.description && finding.dueRule == "enforcement.rectification")

            // Progress: March's training line is behind (one of two held), the inspection line is done.
            let progress = try await office.enforcementGet("plan?year=\(year)", as: EnforcementQueries.Progress.self)
            #expect(progress.months[2].trainingsPlanned == 2 && progress.months[2].trainingsHeld == 1 && progress.months[2].inspectionsHeld == 1)
            #expect(progress.behind.map(\.topic) == ["行政处罚法专题培训"])
            #expect(progress.trainingsHeld == 1 && progress.inspectionsHeld == 2)

            // The market regulator sees its own finding (overdue by now), not the office's inspections; it reports; it may not accept.
            let agency = try await TestClient.api(app, EnforcementDemo.agencyOfficer)
            let overdue = try await agency.enforcementGet("rectifications?queue=overdue", as: EnforcementQueries.Queue.self)
            #expect(overdue.findings.map(\.id) == [finding.id] && overdue.findings[0].overdue)
            try await agency.get("/api/v1/enforcement/inspections/\(notice.id)") { res in #expect(res.status == .notFound) }
            try await agency.enforcementPost("findings/\(finding.id)/review", EnforcementWork.ReviewInput(reviewedOn: "\(year)-04-20", accept: true, comment: ""),
                                             expect: .forbidden)
            try await agency.enforcementPost("findings/\(finding.id)/report", EnforcementWork.ReportInput(reportedOn: "\(year)-03-19", report: "已完成整改"),
                                             expect: .unprocessableEntity, field: "reportedOn")
            try await agency.send(.POST, "/api/v1/enforcement/findings/\(finding.id)/report",
                                  json: EnforcementWork.ReportInput(reportedOn: "\(year)-04-15", report: "已对3卷案卷补正，组织全员学习行政处罚法")) { res in
                #expect(res.status == .ok, "\(res.text)")
            }
            #expect(try await agency.enforcementGet("rectifications?queue=overdue", as: EnforcementQueries.Queue.self).total == 0)
            try await office.enforcementPost("findings/\(finding.id)/review", EnforcementWork.ReviewInput(reviewedOn: "\(year)-04-10", accept: true, comment: ""),
                                             expect: .unprocessableEntity, field: "reviewedOn")
            try await office.send(.POST, "/api/v1/enforcement/findings/\(finding.id)/review",
                                  json: EnforcementWork.ReviewInput(reviewedOn: "\(year)-04-20", accept: true, comment: "整改到位")) { res in
                #expect(res.status == .ok, "\(res.text)")
                let body = try res.content.decode(EnforcementQueries.FindingBody.self)
                #expect(body.state == "accepted")
            }
            #expect(try await office.enforcementGet("rectifications?queue=accepted", as: EnforcementQueries.Queue.self).total == 1)
            try await office.get("/api/v1/enforcement/rectifications?queue=all&page=99999999") { res in #expect(res.status == .badRequest) }
            try await office.get("/api/v1/enforcement/rectifications?queue=nope") { res in #expect(res.status == .badRequest) }

            // The figures: 1 training, 2 inspections, 1 participation — counted from the records, the recount agrees.
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: year, orgCode: nil)
            #expect(figures["enforcement.trainings"] == .count(1))
            #expect(figures["enforcement.supervisions"] == .count(2))
            #expect(figures["enforcement.entrepreneur_supervisor_participations"] == .count(1))
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: year, orgCode: nil).isEmpty)

            // The pages and the notice.
            let web = try await TestClient.api(app, EnforcementDemo.officer)
            for path in ["/enforcement?year=\(year)", "/enforcement/trainings?year=\(year)", "/enforcement/inspections?year=\(year)",
                         "/enforcement/inspections/\(notice.id)", "/enforcement/rectifications?queue=all", "/enforcement/findings/\(finding.id)"] {
                try await web.getPage(path) { res in #expect(res.status == .ok, "\(path)") }
            }
            try await web.getPage("/enforcement/findings/\(finding.id)/notice.docx") { res in
                #expect(res.status == .ok)
                #expect(res.body.readableBytesView.starts(with: [0x50, 0x4B]))
            }
            try await web.getPage("/enforcement/inspections/\(notice.id)/report.docx") { res in
                #expect(res.status == .ok)
                #expect(res.body.readableBytesView.starts(with: [0x50, 0x4B]))
            }
            try await agency.get("/enforcement/inspections/\(notice.id)/report.docx") { res in #expect(res.status == .notFound) }
            try await web.getPage("/enforcement/inspections?page=0") { res in #expect(res.status == .badRequest) }
        }
    }

    @Test("The rectification deadline is the deadline engine's: rolled over the holiday, shown with its basis and explanation, 15 days after a return, recounted when a year's calendar is imported",
          arguments: TestDatabase.all)
    func rectificationDeadline(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let office = try await TestClient.api(app, EnforcementDemo.officer)
            let agency = try await TestClient.api(app, EnforcementDemo.agencyOfficer)
            let market = try await app.org(code: "120102-AG-SJ")
            func inspect(_ heldOn: String, _ dues: [String?]) async throws -> EnforcementAPI.Created {
                let text = try await office.enforcementPost("inspections", EnforcementWork.InspectionInput(
                    kind: "special", heldOn: heldOn, topic: "行政处罚案卷评查", planLineID: nil, agencyIDs: [market.id!], filesReviewed: 10, participants: "",
                    supervisorIDs: [], findings: dues.map { .init(agencyID: market.id, category: "procedure", description: "未告知陈述申辩权利", dueOn: $0) }))
                return try JSONDecoder().decode(EnforcementAPI.Created.self, from: Data(text.utf8))
            }
            // 30 days from 2025-09-01 end on 10-01, in the National Day holiday: the engine rolls it to 10-09. A notice's own
            // date on a Saturday (10-18) rolls to the Monday.
            let created = try await inspect("2025-09-01", [nil, "2025-10-18"])
            #expect(created.findings.map(\.dueOn) == ["2025-10-09", "2025-10-20"])
            #expect(created.findings.map(\.dueRule) == ["enforcement.rectification", "enforcement.rectification"])
            let stored = try #require(try await EnforcementFinding.find(created.findings[0].id, on: app.db))
            #expect(stored.dueRuleKey == "enforcement.rectification" && stored.dueStartOn == "2025-09-01" && stored.dueDays == 30)
            #expect(stored.dueExplanation.contains("顺延") && !stored.dueProvisional)
            try await office.enforcementPost("inspections", EnforcementWork.InspectionInput(
                kind: "special", heldOn: "2025-09-01", topic: "x", planLineID: nil, agencyIDs: [market.id!], filesReviewed: 1, participants: "",
                supervisorIDs: [], findings: [.init(agencyID: market.id, category: "procedure", description: "未告知陈述申辩权利", dueOn: "2025-08-30")]),
                expect: .unprocessableEntity, field: "findings[0].dueOn")

            // The overdue queue is driven by the stored due days, each with its chip's status and basis.
            let overdue = try await office.enforcementGet("rectifications?queue=overdue", as: EnforcementQueries.Queue.self)
            #expect(Set(overdue.findings.map(\.id)) == Set(created.findings.map(\.id)))
            #expect(overdue.findings.allSatisfy { $0.overdue && $0.deadline.status == "overdue" && $0.deadline.basis.contains("待核实") })

            // Reported, then returned the day before the deadline: the redo rule's 15 days from the return (10-23) replace it.
            let id = created.findings[0].id
            try await agency.send(.POST, "/api/v1/enforcement/findings/\(id)/report",
                                  json: EnforcementWork.ReportInput(reportedOn: "2025-10-05", report: "已对案卷补正并组织学习")) { res in
                #expect(res.status == .ok, "\(res.text)")
                let body = try res.content.decode(EnforcementQueries.FindingBody.self)
                #expect(body.deadline.status == "met" && body.deadline.completedOn == "2025-10-05")
            }
            try await office.send(.POST, "/api/v1/enforcement/findings/\(id)/review",
                                  json: EnforcementWork.ReviewInput(reviewedOn: "2025-10-08", accept: false, comment: "材料不全")) { res in
                #expect(res.status == .ok, "\(res.text)")
                let body = try res.content.decode(EnforcementQueries.FindingBody.self)
                #expect(body.dueOn == "2025-10-23" && body.deadline.ruleKey == "enforcement.rectificationRedo" && body.deadline.start == "2025-10-08")
                #expect(body.deadline.explanation?.first?.hasPrefix("依据：") == true && body.state == "returned")
            }
            try await office.getPage("/enforcement/findings/\(id)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("计算说明") && res.text.contains("退回重新整改期限") && res.text.contains("badge deadline"))
            }
            try await office.getPage("/enforcement/rectifications?queue=overdue") { res in
                #expect(res.status == .ok && res.text.contains("badge deadline danger"))
            }

            // A deadline reaching into a year without holiday data is provisional, recounted when the year is imported.
            guard ChinaTime.today >= CivilDate(string: "2026-12-04")! else { return }
            let late = try await inspect("2026-12-04", [nil])
            #expect(late.findings[0].dueOn == "2027-01-04")
            #expect(try await EnforcementFinding.find(late.findings[0].id, on: app.db)?.dueProvisional == true)
            let result = try await CalendarStore(db: app.db).importYear(Data(CalendarFixtures.year2027.utf8), file: "2027.json", actor: .system,
                                                                        recomputing: app.modules)
            #expect(result.recomputed >= 1)
            let recounted = try #require(try await EnforcementFinding.find(late.findings[0].id, on: app.db))
            #expect(!recounted.dueProvisional && recounted.dueOn == "2027-01-04" && recounted.dueExplanation.contains("元旦"))
        }
    }

    @Test("Forms: a bad inspection is a 422 with the error under its field and nothing written; a good one leads to its page",
          arguments: TestDatabase.all)
    func forms(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let web = try await TestClient.api(app, EnforcementDemo.officer)
            let market = try await app.org(code: "120102-AG-SJ")
            try await web.postForm("/enforcement/inspections", ["kind": "special", "heldOn": "\(Self.year)-05-06", "topic": "执法公示专项监督",
                                                                "filesReviewed": "8", "agency_\(market.id!)": "on",
                                                                "finding1AgencyID": market.id!.uuidString, "finding1Category": "publicity",
                                                                "finding1Description": "短"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("f-finding1Description-error"))
            }
            #expect(try await EnforcementInspection.query(on: app.db).count() == 0)
            try await web.postForm("/enforcement/inspections", ["kind": "special", "heldOn": "\(Self.year)-05-06", "topic": "执法公示专项监督",
                                                                "filesReviewed": "8", "agency_\(market.id!)": "on",
                                                                "finding1AgencyID": market.id!.uuidString, "finding1Category": "publicity",
                                                                "finding1Description": "行政处罚决定未在七日内公示"]) { res in
                #expect(res.status == .seeOther)
            }
            #expect(try await EnforcementFinding.query(on: app.db).count() == 1)
            try await web.postForm("/enforcement/plan", ["year": String(Self.year), "kind": "training", "agencyID": market.id!.uuidString,
                                                         "topic": "", "month": "2", "planned": "1"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("f-topic-error"))
            }
            // A station's staff read the line in their street but run no plan.
            let station = try await TestClient.api(app, "chunhua")
            try await station.enforcementPost("plan", EnforcementWork.PlanLineInput(year: Self.year, kind: "training", agencyID: market.id, topic: "培训",
                                                                                    month: 2, planned: 1), expect: .forbidden)
        }
    }

    @Test("The demo slice: the report year's figures at the reference scale, recount agrees, some rectifications overdue this year",
          arguments: TestDatabase.all)
    func demo(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let today = ChinaTime.today
            let demo = DemoCases(db: app.db, calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection, today: today,
                                 modules: app.modules)
            var random = DemoRandom(seed: 20_241_231)
            let started = Date()
            let clauses = try await EnforcementSupervisionModule.loadDemo(demo, random: &random)
            let elapsed = Date().timeIntervalSince(started)
            #expect(clauses.contains { $0.contains("行政执法培训") })
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: today.year - 1, orgCode: nil)
            #expect(figures["enforcement.trainings"] == .count(61))
            #expect(figures["enforcement.supervisions"] == .count(74))
            #expect(figures["enforcement.entrepreneur_supervisor_participations"] == .count(28))
            #expect(figures["enforcement.empowerment_recall_categories"] == .count(18))
            #expect(figures["enforcement.empowerment_recall_items"] == .count(47))
            for year in [today.year - 1, today.year] {
                #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: year, orgCode: nil).isEmpty)
            }
            let overdue = try await EnforcementFinding.query(on: app.db).filter(\.$state ~~ ["notified", "returned"]).filter(\.$dueOn < today.description).count()
            #expect(overdue > 0)
            let panel = try #require(try await EnforcementSupervisionModule.dashboardPanels(app.db, year: today.year, orgIDs: try await Org.query(on: app.db).all(\.$id)).first)
            #expect(panel.blocks.count == 3)
            print("enforcement demo slice: \(clauses.joined(separator: "，")) in \(Int(elapsed * 1000)) ms on \(database)")
        }
    }
}
