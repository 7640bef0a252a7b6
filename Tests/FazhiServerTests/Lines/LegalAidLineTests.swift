import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

extension TestClient {
    /// Registers a legal-aid application (or, with a notice channel, a notice) at the demo centre; returns its id.
    func aidApplication(_ extra: [String: AnyJSON] = [:], applicant: String = "张三", opponent: String? = "天津某建筑劳务有限公司",
                        expect status: HTTPStatus = .created, field: String? = nil) async throws -> UUID? {
        var body: [String: AnyJSON] = [
            "receivedOn": .string("2025-03-03"), "matter": .string("civil"), "caseType": .string("wages"), "channel": .string("walkIn"),
            "householdMembers": .int(3), "monthlyIncome": .int(4_800), "assets": .int(8_000), "selfDeclared": .bool(true),
            "applicants": .array([.object(["kind": .string("person"), "name": .string(applicant), "idNumber": .string("120102198503150011")])]),
            "summary": .string("在建筑工地务工被拖欠工资32,000元，请求援助追索"),
        ]
        if let opponent { body["opponents"] = .array([.object(["kind": .string("organisation"), "name": .string(opponent)])]) }
        body.merge(extra) { $1 }
        var id: UUID?
        try await send(.POST, "/api/v1/legal-aid/cases", json: JSONBody(body)) { res in
            #expect(res.status == status, "\(res.text)")
            if let field { #expect(res.errorBody?.error.field == field, "\(res.text)") }
            if res.status == .created { id = try res.content.decode(CaseBody<LegalAidModule.Detail>.self).id }
        }
        return id
    }

    func aidEvent(_ id: UUID, _ body: [String: AnyJSON], expect status: HTTPStatus = .created, field: String? = nil) async throws {
        try await send(.POST, "/api/v1/legal-aid/cases/\(id)/events", json: JSONBody(body)) { res in
            #expect(res.status == status, "\(res.text)")
            if let field { #expect(res.errorBody?.error.field == field, "\(res.text)") }
        }
    }

    /// Adds a lawyer to the demo centre's register; returns their id.
    func aidLawyer(_ name: String, licence: String, validTo: String = "2030-12-31", areas: [String] = ["civil", "administrative"],
                   expect status: HTTPStatus = .created, field: String? = nil) async throws -> UUID? {
        var id: UUID?
        try await send(.POST, "/api/v1/legal-aid/lawyers", json: LegalAidLawyerPages.LawyerPost(
            centreID: nil, lawyer: .init(name: name, firm: "天津东方律师事务所", staff: false, licenceNumber: licence, licenceValidTo: validTo,
                                         practiceAreas: areas))) { res in
            #expect(res.status == status, "\(res.text)")
            if let field { #expect(res.errorBody?.error.field == field, "\(res.text)") }
            if res.status == .created { id = UUID(uuidString: try res.content.decode([String: String].self)["id"] ?? "") }
        }
        return id
    }
}

@Suite("Legal aid")
struct LegalAidLineTests {
    func docxText(_ client: TestClient, case id: UUID, kind: String) async throws -> String {
        var url = ""
        try await client.send(.POST, "/api/v1/legal-aid/cases/\(id)/instruments", json: ["kind": kind]) { res in
            #expect(res.status == .created, "\(res.text)")
            url = try res.content.decode(InstrumentBody.self).docxURL
        }
        var docx = Data()
        try await client.get(url) { res in docx = Data(buffer: res.body) }
        let archive = try Archive(data: docx, accessMode: .read)
        var xml = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
        return String(decoding: xml, as: UTF8.self)
    }

    @Test("An officer's case: application, one supplement notice, the rules grant with the article, the next lawyer in rotation, closing with the yuan recovered, a quality score; the figures from records",
          arguments: TestDatabase.all)
    func officersDay(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fayuan")
            let first = try #require(try await officer.aidLawyer("王援律", licence: "11201201810000001"))
            let second = try #require(try await officer.aidLawyer("李援律", licence: "11201201810000002"))
            let id = try #require(try await officer.aidApplication())
            try await officer.get("/api/v1/legal-aid/cases?queue=decide") { res in
                let rows = try res.content.decode(CaseQueuePage.self).rows.map(\.id)
                #expect(rows == [id])
            }
            try await officer.aidEvent(id, ["kind": .string("requestSupplement"), "date": .string("2025-03-04"),
                                            "missing": .string("务工证明、工资欠条"), "version": .int(1)])
            let notice = try await docxText(officer, case: id, kind: "supplementNotice")
            #expect(notice.contains("补充材料通知书") && notice.contains("务工证明、工资欠条") && notice.contains("第四十三条"))
            try await officer.aidEvent(id, ["kind": .string("supplement"), "date": .string("2025-03-07"), "version": .int(2)])
            try await officer.get("/api/v1/legal-aid/cases/\(id)") { res in
                let body = try res.content.decode(CaseBody<LegalAidModule.Detail>.self)
                let decision = try #require(body.deadlines?.first { $0.ruleKey == "legalAid.decision" })
                #expect(decision.due == "2025-03-18" && decision.basis.contains("第四十三条"))
                // Before the decision the page shows what the rules give on the facts.
                #expect(body.detail?.decided == false && body.detail?.decision?.ground == .economicHardship)
            }
            try await officer.aidEvent(id, ["kind": .string("grant"), "date": .string("2025-03-12"), "version": .int(3)])
            let grant = try await docxText(officer, case: id, kind: "grantDecision")
            #expect(grant.contains("给予法律援助决定书") && grant.contains("月人均收入1600元") && grant.contains("第三十四条"))
            // The next in rotation is the first registered (no cases yet, by name 李 < 王? no: both 0, never assigned: by name).
            var next = ""
            try await officer.getPage("/legal-aid/\(id)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("轮候下一位"))
                next = res.text.contains("李援律（天津东方律师事务所，本年0件）——轮候下一位") ? "李" : "王"
            }
            #expect(next == "李")
            // Passing over the next in line needs a reason.
            try await officer.aidEvent(id, ["kind": .string("assign"), "date": .string("2025-03-13"), "lawyerID": .string(first.uuidString),
                                            "version": .int(4)], expect: .unprocessableEntity, field: "skipReason")
            try await officer.aidEvent(id, ["kind": .string("assign"), "date": .string("2025-03-13"), "lawyerID": .string(second.uuidString),
                                            "version": .int(4)])
            let letter = try await docxText(officer, case: id, kind: "officialLetter")
            #expect(letter.contains("法律援助公函") && letter.contains("李援律"))
            try await officer.aidEvent(id, ["kind": .string("recordProgress"), "date": .string("2025-04-20"), "note": .string("参加劳动仲裁庭审"),
                                            "version": .int(5)])
            try await officer.aidEvent(id, ["kind": .string("close"), "date": .string("2025-05-30"), "result": .string("仲裁裁决支付拖欠工资"),
                                            "recoveredYuan": .int(32_000), "satisfaction": .string("satisfied"), "version": .int(6)])
            try await officer.get("/api/v1/legal-aid/cases?queue=review") { res in
                let rows = try res.content.decode(CaseQueuePage.self).rows.map(\.id)
                #expect(rows == [id])
            }
            // One item out of its range names the item; every item scored, the score is their sum.
            var review: [String: AnyJSON] = ["kind": .string("review"), "date": .string("2025-06-20"), "intake": .int(14), "assignment": .int(10),
                                             "contact": .int(18), "opinion": .int(35), "closing": .int(14), "feedback": .int(9),
                                             "reviewer": .string("质量评查组"), "version": .int(7)]
            try await officer.aidEvent(id, review, expect: .unprocessableEntity, field: "opinion")
            review["opinion"] = .int(27)
            try await officer.aidEvent(id, review)
            try await officer.get("/api/v1/legal-aid/lawyers") { res in
                let lawyers = try res.content.decode([LegalAidLawyers.LawyerBody].self)
                let li = try #require(lawyers.first { $0.name == "李援律" })
                #expect(li.assignedThisYear == (ChinaTime.today.year == 2025 ? 1 : 0) && li.reviewed == 0 || li.averageScore == 92)
            }
            try await officer.get("/api/v1/legal-aid/lawyers?year=2025") { res in
                let li = try #require(try res.content.decode([LegalAidLawyers.LawyerBody].self).first { $0.name == "李援律" })
                #expect(li.assignedThisYear == 1 && li.open == 0 && li.reviewed == 1 && li.averageScore == 92)
            }
            try await officer.getPage("/legal-aid/lawyers?year=2025") { res in
                #expect(res.status == .ok && res.text.contains("按律师事务所") && res.text.contains("92.0"))
            }
            // A notice of mandatory defence goes straight to 待指派.
            let notice2 = try #require(try await officer.aidApplication(["channel": .string("courtNotice"), "matter": .string("criminalDefence"),
                                                                        "caseType": .string("defence"), "householdMembers": .null, "monthlyIncome": .null],
                                                                       applicant: "赵某", opponent: nil))
            try await officer.get("/api/v1/legal-aid/cases?queue=assign") { res in
                let rows = try res.content.decode(CaseQueuePage.self).rows.map(\.id)
                #expect(rows == [notice2])
            }
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2025, orgCode: nil)
            #expect(figures["legal_aid.accepted"] == .count(2))
            #expect(figures["legal_aid.recovered_yuan"] == .money(32_000))
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2025, orgCode: nil).isEmpty)
            let report = try await AnnualReport.load(db: app.db, modules: app.modules, year: 2025, orgCode: nil, today: ChinaTime.today)
            #expect(report.markdown.contains("全年受理法律援助案件2件"))
        }
    }

    @Test("Bad input names the field and the rule, and writes nothing: absurd means, an ineligible grant, an expired licence, a conflict",
          arguments: TestDatabase.all)
    func badInput(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fayuan")
            _ = try await officer.aidApplication(["monthlyIncome": .int(-5)], expect: .unprocessableEntity, field: "monthlyIncome")
            _ = try await officer.aidApplication(["householdMembers": .int(500)], expect: .unprocessableEntity, field: "householdMembers")
            _ = try await officer.aidApplication(["householdMembers": .null], expect: .unprocessableEntity, field: "householdMembers")
            _ = try await officer.aidApplication(["caseType": .string("weather")], expect: .unprocessableEntity, field: "caseType")
            _ = try await officer.aidApplication(["channel": .string("courtNotice")], expect: .unprocessableEntity, field: "matter")
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .legalAid).count() == 0)
            // An expired licence cannot enter the register.
            _ = try await officer.aidLawyer("过期律", licence: "11201201810000009", validTo: "2020-01-01", expect: .unprocessableEntity, field: "licenceValidTo")
            _ = try await officer.aidLawyer("短号律", licence: "123", expect: .unprocessableEntity, field: "licenceNumber")
            // Too comfortable: the rules refuse the grant, naming the rule; a decision before the application is out of order.
            let rich = try #require(try await officer.aidApplication(["monthlyIncome": .int(60_000)], applicant: "钱某"))
            try await officer.aidEvent(rich, ["kind": .string("grant"), "date": .string("2025-03-05"), "version": .int(1)],
                                       expect: .unprocessableEntity, field: "monthlyIncome")
            try await officer.aidEvent(rich, ["kind": .string("refuse"), "date": .string("2025-03-01"), "ground": .string("notInHardship"),
                                              "explanation": .string("收入超标"), "version": .int(1)], expect: .unprocessableEntity, field: "date")
            try await officer.aidEvent(rich, ["kind": .string("close"), "date": .string("2025-03-05"), "result": .string("x"),
                                              "recoveredYuan": .int(100), "satisfaction": .string("satisfied"), "version": .int(1)],
                                       expect: .unprocessableEntity)
            #expect(try await CaseEventRecord.query(on: app.db).filter(\.$caseRecord.$id == rich).count() == 1)
            try await officer.aidEvent(rich, ["kind": .string("refuse"), "date": .string("2025-03-05"), "ground": .string("notInHardship"),
                                              "explanation": .string("家庭月收入超过标准"), "version": .int(1)])
            let refusal = try await docxText(officer, case: rich, kind: "refusalDecision")
            #expect(refusal.contains("不予法律援助决定书") && refusal.contains("第四十九条") && refusal.contains("五个工作日"))

            // A conflict: the lawyer acts for the other side's company in an open aid case.
            let lawyer = try #require(try await officer.aidLawyer("王援律", licence: "11201201810000001"))
            let company = try #require(try await officer.aidApplication(applicant: "天津某建筑劳务有限公司", opponent: "某供应商"))
            try await officer.aidEvent(company, ["kind": .string("grant"), "date": .string("2025-03-05"), "version": .int(1)])
            try await officer.aidEvent(company, ["kind": .string("assign"), "date": .string("2025-03-06"), "lawyerID": .string(lawyer.uuidString),
                                                 "version": .int(2)])
            let worker = try #require(try await officer.aidApplication(applicant: "孙工"))
            try await officer.aidEvent(worker, ["kind": .string("grant"), "date": .string("2025-03-05"), "version": .int(1)])
            try await officer.aidEvent(worker, ["kind": .string("assign"), "date": .string("2025-03-06"), "lawyerID": .string(lawyer.uuidString),
                                                "skipReason": .string("试"), "version": .int(2)], expect: .unprocessableEntity, field: "lawyerID")
            try await officer.aidEvent(worker, ["kind": .string("assign"), "date": .string("2025-03-06"), "lawyerID": .string(UUID().uuidString),
                                                "version": .int(2)], expect: .unprocessableEntity, field: "lawyerID")
            #expect(try await CaseEventRecord.query(on: app.db).filter(\.$caseRecord.$id == worker).count() == 2)
        }
    }

    @Test("Scope: the centre and the bureau see a case, a street station does not; the self-check and the standard", arguments: TestDatabase.all)
    func scopeAndSelfCheck(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fayuan")
            let id = try #require(try await officer.aidApplication())
            try await TestClient.api(app, "leader").get("/api/v1/legal-aid/cases/\(id)") { res in #expect(res.status == .ok) }
            let station = try await TestClient.api(app, "chunhua")
            try await station.get("/api/v1/legal-aid/cases/\(id)") { res in #expect(res.status == .notFound || res.status == .forbidden) }
            try await officer.send(.POST, "/api/v1/legal-aid/self-check", json: LegalAidLawyerPages.SelfCheckInput(
                householdMembers: 2, monthlyIncome: 30_000, assets: 0, selfDeclared: false, statuses: ["migrantWorker"], noFixedIncome: false,
                claimsWagesOrInjury: true)) { res in
                #expect(res.status == .ok, "\(res.text)")
                let check = try res.content.decode(LegalAidEligibility.SelfCheck.self)
                #expect(check.likely && check.decision.ground == .checkWaived && check.bring.contains { $0.contains("务工证明") })
            }
            try await officer.send(.POST, "/api/v1/legal-aid/self-check", json: LegalAidLawyerPages.SelfCheckInput(
                householdMembers: 0, monthlyIncome: 100)) { res in
                #expect(res.status == .unprocessableEntity && res.errorBody?.error.field == "householdMembers")
            }
            try await officer.postForm("/legal-aid/self-check", ["householdMembers": "3", "monthlyIncome": "3000"]) { res in
                #expect(res.status == .ok && res.text.contains("可能符合法律援助条件"))
            }
            // Only an admin sets the standard; a later one decides from its day on.
            try await officer.send(.POST, "/api/v1/legal-aid/standards", json: ["effectiveFrom": "2026-01-01", "incomePerHead": "1000",
                                                                                 "assets": "10000", "source": "测试"]) { res in
                #expect(res.status == .forbidden)
            }
            try await TestClient.api(app, "admin").send(.POST, "/api/v1/legal-aid/standards", json: [
                "effectiveFrom": "2026-01-01", "incomePerHead": "abc", "assets": "10000", "source": "测试"]) { res in
                #expect(res.status == .unprocessableEntity && res.errorBody?.error.field == "incomePerHead")
            }
        }
    }
}
