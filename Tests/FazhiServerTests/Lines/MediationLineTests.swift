import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

extension TestClient {
    /// Registers a dispute at the client's committee; returns its id.
    func dispute(receivedOn: String = "2024-03-04", type: String = "neighbour", source: String = "walkIn",
                 applicant: String = "张三", expect status: HTTPStatus = .created) async throws -> UUID? {
        var id: UUID?
        try await send(.POST, "/api/v1/mediation/cases", json: JSONBody([
            "receivedOn": .string(receivedOn), "disputeType": .string(type), "source": .string(source),
            "applicants": .array([.object(["kind": .string("person"), "name": .string(applicant)])]),
            "respondents": .array([.object(["kind": .string("person"), "name": .string("李四")])]),
            "summary": .string("楼上漏水致楼下墙面受损，双方就赔偿发生争执"),
        ])) { res in
            #expect(res.status == status, "\(res.text)")
            if res.status == .created { id = try res.content.decode(CaseBody<MediationModule.Detail>.self).id }
        }
        return id
    }

    func mediationEvent(_ id: UUID, _ body: [String: AnyJSON], expect status: HTTPStatus = .created,
                        field: String? = nil) async throws {
        try await send(.POST, "/api/v1/mediation/cases/\(id)/events", json: JSONBody(body)) { res in
            #expect(res.status == status, "\(res.text)")
            if let field { #expect(res.errorBody?.error.field == field, "\(res.text)") }
        }
    }

    /// Adds a mediator to the committee; returns their id.
    func mediator(_ committee: UUID, name: String, from: String = "2020-01-01", expect status: HTTPStatus = .created) async throws -> UUID? {
        var id: UUID?
        try await send(.POST, "/api/v1/mediation/committees/\(committee)/mediators",
                       json: ["name": name, "activeFrom": from]) { res in
            #expect(res.status == status, "\(res.text)")
            if res.status == .created { id = try res.content.decode(MediationCommittees.MediatorBody.self).id }
        }
        return id
    }
}

@Suite("People's mediation")
struct MediationLineTests {
    static let committeeCode = MediationDemo.mediatorCommitteeCode

    @Test("A mediator's dispute: intake, acceptance, a session, the written agreement printed, follow-up, the queues and the figures",
          arguments: TestDatabase.all)
    func mediatorsDay(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let committee = try await app.org(code: Self.committeeCode)
            let mediator = try await TestClient.api(app, "tiaojie")
            let zhou = try #require(try await mediator.mediator(committee.id!, name: "周调解"))
            let id = try #require(try await mediator.dispute())
            try await mediator.get("/api/v1/mediation/cases?queue=received") { res in
                let rows = try res.content.decode(CaseQueuePage.self).rows.map(\.id)
                #expect(rows == [id])
            }
            // The form sends the mediator's id; the register's name goes on the record.
            try await mediator.mediationEvent(id, ["kind": .string("accept"), "date": .string("2024-03-04"),
                                                   "mediatorID": .string(zhou.uuidString), "version": .int(1)])
            try await mediator.get("/api/v1/mediation/cases/\(id)") { res in
                let body = try res.content.decode(CaseBody<MediationModule.Detail>.self)
                #expect(body.detail?.mediator == "周调解")
                let target = try #require(body.deadlines?.first { $0.ruleKey == "mediation.target" })
                #expect(target.due == "2024-04-03" && target.basis.contains("人民调解工作若干规定"))
            }
            try await mediator.get("/api/v1/mediation/cases?queue=mine") { res in
                let rows = try res.content.decode(CaseQueuePage.self).rows.map(\.id)
                #expect(rows == [id])
            }
            try await mediator.mediationEvent(id, ["kind": .string("holdSession"), "date": .string("2024-03-06"),
                                                   "note": .string("双方到场，释法说理"), "version": .int(2)])
            try await mediator.mediationEvent(id, ["kind": .string("agree"), "date": .string("2024-03-08"), "form": .string("written"),
                                                   "terms": .string("李四于2024年3月31日前赔偿张三维修费人民币叁仟元整"), "version": .int(3)])
            var docxURL = ""
            try await mediator.send(.POST, "/api/v1/mediation/cases/\(id)/instruments", json: ["kind": "agreement"]) { res in
                #expect(res.status == .created, "\(res.text)")
                docxURL = try res.content.decode(InstrumentBody.self).docxURL
            }
            var docx = Data()
            try await mediator.get(docxURL) { res in docx = Data(buffer: res.body) }
            let archive = try Archive(data: docx, accessMode: .read)
            var xml = Data()
            _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
            let text = String(decoding: xml, as: UTF8.self)
            #expect(text.contains("人民调解协议书") && text.contains("叁仟元整") && text.contains("第三十三条"))
            #expect(text.contains(committee.name))
            // Served on both parties: the documents page lists them until served.
            try await mediator.getPage("/mediation/\(id)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("调解成功"))
                #expect(res.text.contains("尚待送达"))
            }
            for queue in ["followUp", "confirmationWindow"] {
                try await mediator.get("/api/v1/mediation/cases?queue=\(queue)") { res in
                    let rows = try res.content.decode(CaseQueuePage.self).rows.map(\.id)
                    #expect(queue == "followUp" ? rows == [id] : rows.isEmpty)   // 2024's window is long closed
                }
            }
            try await mediator.mediationEvent(id, ["kind": .string("followUp"), "date": .string("2024-04-08"),
                                                   "performance": .string("performed"), "version": .int(4)])
            try await mediator.get("/api/v1/mediation/cases?queue=followUp") { res in
                let rows = try res.content.decode(CaseQueuePage.self).rows
                #expect(rows.isEmpty)
            }
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2024, orgCode: nil)
            #expect(figures["mediation.resolved"] == .count(1))
            #expect(figures["mediation.labor_arbitration_mediated"] == .count(0))
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2024, orgCode: nil).isEmpty)
        }
    }

    @Test("Bad input names the field and the rule, and writes nothing", arguments: TestDatabase.all)
    func badInput(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let committee = try await app.org(code: Self.committeeCode)
            let other = try await app.org(code: "120102-TW01")
            let mediator = try await TestClient.api(app, "tiaojie")
            let leader = try await TestClient.api(app, "leader")
            let outsider = try #require(try await leader.mediator(other.id!, name: "王调解"))
            // Without a party; with a type not in the list.
            try await mediator.send(.POST, "/api/v1/mediation/cases", json: JSONBody([
                "receivedOn": .string("2024-03-04"), "disputeType": .string("neighbour"), "summary": .string("x"),
            ])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "applicants")
            }
            _ = try await mediator.dispute(type: "weather", expect: .unprocessableEntity)
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .mediation).count() == 0)
            let id = try #require(try await mediator.dispute())
            // A mediator of another committee.
            try await mediator.mediationEvent(id, ["kind": .string("accept"), "date": .string("2024-03-04"),
                                                   "mediatorID": .string(outsider.uuidString), "version": .int(1)],
                                              expect: .unprocessableEntity, field: "mediatorID")
            let own = try #require(try await mediator.mediator(committee.id!, name: "周调解"))
            try await mediator.mediationEvent(id, ["kind": .string("accept"), "date": .string("2024-03-05"),
                                                   "mediatorID": .string(own.uuidString), "version": .int(1)])
            // An agreement dated before the acceptance; a ruling with no application.
            try await mediator.mediationEvent(id, ["kind": .string("agree"), "date": .string("2024-03-04"), "form": .string("oral"),
                                                   "terms": .string("赔偿"), "version": .int(2)], expect: .unprocessableEntity, field: "date")
            try await mediator.mediationEvent(id, ["kind": .string("agree"), "date": .string("2024-03-10"), "form": .string("oral"),
                                                   "terms": .string("赔偿"), "version": .int(2)])
            try await mediator.mediationEvent(id, ["kind": .string("ruleConfirmation"), "date": .string("2024-03-12"), "confirmed": .bool(true),
                                                   "version": .int(3)], expect: .unprocessableEntity)
            #expect(try await CaseEventRecord.query(on: app.db).filter(\.$caseRecord.$id == id).count() == 3)
            // A mediator with an end before the start; a profile without a kind.
            try await mediator.send(.POST, "/api/v1/mediation/committees/\(committee.id!)/mediators",
                                    json: ["name": "赵调解", "activeFrom": "2024-05-01", "activeTo": "2024-04-01"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "activeTo")
            }
            try await mediator.send(.PUT, "/api/v1/mediation/committees/\(committee.id!)/profile",
                                    json: ["foundedOn": "2024-01-01"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "kind")
            }
            // Another committee's register is not this mediator's to change.
            _ = try await mediator.mediator(other.id!, name: "钱调解", expect: .notFound)
        }
    }

    @Test("Scope: the committee's mediator and its street's station see a dispute, another street's does not", arguments: TestDatabase.all)
    func scope(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let mediator = try await TestClient.api(app, "tiaojie")
            let id = try #require(try await mediator.dispute())
            let station = try await TestClient.api(app, "chunhua")
            try await station.get("/api/v1/mediation/cases/\(id)") { res in #expect(res.status == .ok) }
            // The station registers on the form at one of its committees, which it chooses.
            let committee = try await app.org(code: "120102-TW06-02")
            try await station.getPage("/mediation/new") { res in
                #expect(res.text.contains("办理机构") && res.text.contains(committee.name))
            }
            try await station.postForm("/mediation", ["orgID": committee.id!.uuidString, "receivedOn": "2024-05-06", "disputeType": "family",
                                                      "source": "walkIn", "applicantKind": "person", "applicantName": "赵某",
                                                      "summary": "赡养费分担纠纷"]) { res in
                #expect(res.status == .seeOther, "\(res.text)")
            }
            #expect(try await CaseRecord.query(on: app.db).filter(\.$org.$id == committee.id!).count() == 1)
            let elsewhere = try await TestClient.api(app, "dawangzhuang")
            try await elsewhere.get("/api/v1/mediation/cases/\(id)") { res in #expect(res.status == .notFound) }
            try await elsewhere.get("/api/v1/mediation/cases?queue=all") { res in
                let page = try res.content.decode(CaseQueuePage.self)
                #expect(page.rows.isEmpty)
            }
        }
    }

    @Test("The coverage gap names the uncovered sector from the records, and the report's shortcomings say it; labour arbitration counts apart",
          arguments: TestDatabase.all)
    func coverageGap(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let year = ChinaTime.today.year
            let leader = try await TestClient.api(app, "leader")
            let electricity = try await app.org(code: "120102-TW-DL")
            try await leader.send(.PUT, "/api/v1/mediation/committees/\(electricity.id!)/profile",
                                  json: MediationCommittees.ProfileInput(kind: "industry", foundedOn: "\(year)-01-05",
                                                                         disputeTypes: ["electricity"], rooms: [])) { res in
                #expect(res.status == .ok, "\(res.text)")
            }
            let mediator = try await TestClient.api(app, "tiaojie")
            let day = ChinaTime.today.description
            for index in 0..<4 { _ = try await mediator.dispute(receivedOn: day, type: "expressLogistics", applicant: "快递员\(index)") }
            _ = try await mediator.dispute(receivedOn: day, type: "electricity")
            _ = try await mediator.dispute(receivedOn: day, type: "neighbour")
            try await leader.get("/api/v1/mediation/coverage?year=\(year)") { res in
                let coverage = try res.content.decode(MediationCoverage.Coverage.self)
                #expect(coverage.disputes == 6)
                #expect(coverage.gaps.map(\.code) == ["expressLogistics"])
                #expect(coverage.types.first { $0.code == "electricity" }?.committees == [electricity.name])
                #expect(coverage.streets.first?.station == "春华街道司法所" && coverage.streets.first?.uncovered == 4)
                #expect(coverage.finding?.contains("快递物流纠纷4件") == true)
            }
            try await leader.getPage("/mediation/coverage") { res in #expect(res.text.contains("快递物流纠纷")) }
            try await leader.get("/api/v1/mediation/coverage?year=1899") { res in #expect(res.status == .unprocessableEntity) }
            let report = try await AnnualReport.load(db: app.db, modules: app.modules, year: year, orgCode: nil, today: ChinaTime.today)
            #expect(report.markdown.contains("尚无行业性专业性人民调解组织覆盖"))
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: year, orgCode: nil)
            #expect(figures["mediation.committees_founded"] == .count(1))

            // Lawyer mediation of a labour-arbitration case counts on its own.
            let studio = try await app.org(code: "120102-TW-LD")
            let lawyer = try #require(try await leader.mediator(studio.id!, name: "钱律师"))
            var labour: UUID?
            try await leader.send(.POST, "/api/v1/mediation/cases", json: JSONBody([
                "orgID": .string(studio.id!.uuidString), "receivedOn": .string(day), "disputeType": .string("labour"),
                "source": .string("laborArbitration"), "summary": .string("追索劳动报酬"),
                "applicants": .array([.object(["name": .string("孙工")])]),
            ])) { res in
                #expect(res.status == .created, "\(res.text)")
                labour = try res.content.decode(CaseBody<MediationModule.Detail>.self).id
            }
            let labourID = try #require(labour)
            try await leader.mediationEvent(labourID, ["kind": .string("accept"), "date": .string(day), "mediatorID": .string(lawyer.uuidString), "version": .int(1)])
            try await leader.mediationEvent(labourID, ["kind": .string("agree"), "date": .string(day), "form": .string("oral"),
                                                       "terms": .string("公司当月支付工资"), "version": .int(2)])
            let after = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: year, orgCode: nil)
            #expect(after["mediation.labor_arbitration_mediated"] == .count(1) && after["mediation.resolved"] == .count(0))
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: year, orgCode: nil).isEmpty)
        }
    }

    @Test("Screenings: a nil report counts; the month's page names the committees that filed none", arguments: TestDatabase.all)
    func screenings(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let mediator = try await TestClient.api(app, "tiaojie")
            let today = ChinaTime.today.description
            try await mediator.send(.POST, "/api/v1/ledgers/mediation.screening/entries",
                                    json: ["values": ["occurredOn": today, "title": "嘉华里社区矛盾纠纷排查", "quantity": "0"]]) { res in
                #expect(res.status == .created, "\(res.text)")
            }
            let month = String(today.prefix(7))
            try await TestClient.api(app, "chunhua").get("/api/v1/mediation/screenings?month=\(month)") { res in
                let body = try res.content.decode(MediationScreenings.Month.self)
                #expect(body.filed == 1 && body.committees == 11)   // the street's committee and its ten communities
                #expect(!body.missing.contains { $0.committee.contains("嘉华里") })
            }
            try await mediator.get("/api/v1/mediation/screenings?month=2024-13") { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "month")
            }
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: ChinaTime.today.year, orgCode: nil)
            #expect(figures["mediation.screenings"] == .count(1))
        }
    }
}
