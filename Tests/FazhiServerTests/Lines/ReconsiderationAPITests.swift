import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Reconsideration through the API")
struct ReconsiderationAPITests {
    @Test("A case runs from registration to the decision, with its deadlines and number", arguments: TestDatabase.all)
    func lifecycle(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let registered = try await officer.register(try await registration(app))
            #expect(registered.caseNumber == "东政复〔2024〕1号")
            #expect(registered.state == "awaitingAcceptance")
            #expect(registered.detail?.isLate == false)
            let acceptance = try #require(registered.deadlines?.first { $0.ruleKey == "reconsideration.acceptance" })
            #expect(acceptance.due == "2024-03-08")
            #expect(acceptance.basis.contains("第三十条"))
            // Personal data is masked unless revealed.
            #expect(registered.parties?.first?.idNumber?.contains("*") == true)
            #expect(registered.parties?.first?.name == "张*")

            let id = registered.id
            var current = try #require(try await officer.event(id, ["kind": .string("accept"), "date": .string("2024-03-05"),
                                                                     "procedure": .string("ordinary"), "version": .int(1)]))
            #expect(current.state == "underReview")
            #expect(current.version == 2)
            let decision = try #require(current.deadlines?.first { $0.ruleKey == "reconsideration.decision" })
            // 60 days from 2024-03-05 is 2024-05-04, in the Labour Day holiday: rolls to Monday 2024-05-06.
            #expect(decision.due == "2024-05-06")
            #expect(current.deadlines?.first { $0.ruleKey == "reconsideration.acceptance" }?.completedOn == "2024-03-05")

            current = try #require(try await officer.event(id, ["kind": .string("sendCopy"), "date": .string("2024-03-06"), "version": .int(2)]))
            current = try #require(try await officer.event(id, ["kind": .string("suspend"), "date": .string("2024-04-01"),
                                                                 "ground": .string(SuspensionGroundSample.any), "version": .int(3)]))
            #expect(current.state == "suspended")
            current = try #require(try await officer.event(id, ["kind": .string("resume"), "date": .string("2024-04-11"), "version": .int(4)]))
            let paused = try #require(current.deadlines?.first { $0.ruleKey == "reconsideration.decision" })
            #expect(paused.due > "2024-05-06")
            current = try #require(try await officer.event(id, ["kind": .string("extend"), "date": .string("2024-05-08"), "days": .int(30),
                                                                 "approver": .string("王主任"), "version": .int(5)]))
            // A second extension is refused with the reason, and changes nothing.
            try await officer.event(id, ["kind": .string("extend"), "date": .string("2024-05-09"), "days": .int(10),
                                         "approver": .string("王主任"), "version": .int(6)], expect: .unprocessableEntity)
            current = try #require(try await officer.event(id, ["kind": .string("decide"), "date": .string("2024-06-03"),
                                                                 "outcome": .string("revoke"), "version": .int(6)]))
            #expect(current.state == "concluded")
            #expect(current.outcome == "revoke")
            #expect(current.concludedOn == "2024-06-03")
            #expect(current.events?.count == 7)
            let finalDecision = try #require(current.deadlines?.first { $0.ruleKey == "reconsideration.decision" })
            #expect(finalDecision.completedOn == "2024-06-03")
            #expect(finalDecision.status == "met")
        }
    }

    @Test("A stale write answers 409 and changes nothing; an illegal transition answers 422 with the article", arguments: TestDatabase.all)
    func concurrencyAndRules(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let registered = try await officer.register(try await registration(app))
            try await officer.event(registered.id, ["kind": .string("decide"), "date": .string("2024-03-04"),
                                                    "outcome": .string("uphold"), "version": .int(1)], expect: .unprocessableEntity)
            try await officer.event(registered.id, ["kind": .string("accept"), "date": .string("2024-03-04"), "version": .int(1)])
            try await officer.send(.POST, "/api/v1/reconsideration/cases/\(registered.id)/events",
                                   json: JSONBody(["kind": .string("sendCopy"), "date": .string("2024-03-05"), "version": .int(1)])) { res in
                #expect(res.status == .conflict)
                #expect(res.errorBody?.error.code == "stale_version")
            }
            try await officer.send(.POST, "/api/v1/reconsideration/cases/\(registered.id)/events",
                                   json: JSONBody(["kind": .string("sendCopy"), "date": .string("2024-03-05")])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "version")
            }
            let events = try await CaseEventRecord.query(on: app.db).filter(\.$caseRecord.$id == registered.id).count()
            #expect(events == 2)
            let record = try #require(try await CaseRecord.find(registered.id, on: app.db))
            #expect(record.version == 2)
        }
    }

    @Test("Bad registration input names each field; nothing is written", arguments: TestDatabase.all)
    func badRegistration(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            var body = try await registration(app, idNumber: "120102198503150012")
            body["knewOn"] = .string("2024-13-01")
            body["act"] = .string("")
            try await officer.send(.POST, "/api/v1/reconsideration/cases", json: JSONBody(body)) { res in
                #expect(res.status == .unprocessableEntity)
                let fields = Set(res.errorBody?.error.errors?.map(\.field) ?? [])
                #expect(fields == ["applicants[0].idNumber", "knewOn", "act"])
            }
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            #expect(try await PartyRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("Another station's staff get 404 and see nothing in lists; viewers cannot act", arguments: TestDatabase.all)
    func scope(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let registered = try await officer.register(try await registration(app))
            let station = try await TestClient.api(app, "chunhua")
            try await station.get("/api/v1/reconsideration/cases/\(registered.id)") { res in #expect(res.status == .notFound) }
            try await station.get("/api/v1/reconsideration/cases?queue=all") { res in #expect(res.status == .forbidden) }
            let viewer = try await TestClient.api(app, "viewer")
            try await viewer.get("/api/v1/reconsideration/cases?queue=all") { res in
                let page = try res.content.decode(CaseQueuePage.self)
                #expect(page.total == 1)
            }
            try await viewer.event(registered.id, ["kind": .string("accept"), "date": .string("2024-03-04"), "version": .int(1)],
                                   expect: .forbidden)
            try await viewer.get("/api/v1/reconsideration/cases/\(registered.id)?reveal=true") { res in #expect(res.status == .forbidden) }
            try await officer.get("/api/v1/reconsideration/cases/\(registered.id)?reveal=true") { res in
                let body = try res.content.decode(ReconsiderationCase.self)
                #expect(body.parties?.first?.idNumber == "120102198503150011")
            }
        }
    }

    @Test("Deemed acceptance is recorded by the case clock when the review period passes", arguments: TestDatabase.all)
    func deemedAcceptance(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            // Received the Thursday before Spring Festival 2024: review ends 2024-02-21.
            let registered = try await officer.register(try await registration(app, receivedOn: "2024-02-08", knewOn: "2024-02-01"))
            #expect(try await CaseClock.tick(db: app.db, caseLines: app.modules.caseLines, today: CivilDate(string: "2024-02-21")!).recorded == 0)
            #expect(try await CaseClock.tick(db: app.db, caseLines: app.modules.caseLines, today: CivilDate(string: "2024-02-22")!).recorded == 1)
            let record = try #require(try await CaseRecord.find(registered.id, on: app.db))
            #expect(record.state == "underReview")
            #expect(record.acceptedOn != nil)
            let events = try await CaseEventRecord.query(on: app.db).filter(\.$caseRecord.$id == registered.id).sort(\.$seq).all()
            #expect(events.last?.kind == "deemAccept")
            #expect(events.last?.actorName == "system")
        }
    }
}
