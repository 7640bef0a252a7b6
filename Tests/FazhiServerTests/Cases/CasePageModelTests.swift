import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// The case page is a model and a view: what a page shows each user is decided in `CasePages.model`, read here
/// without rendering.
@Suite("Case page: the model behind the page")
struct CasePageModelTests {
    @Test("The head, the officer and the viewer each get the page their roles give; parties masked until revealed",
          arguments: TestDatabase.all)
    func model(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let registered = try await officer.register(try await registration(app))
            let record = try #require(try await CaseRecord.find(registered.id, on: app.db))
            let reading = CaseReading(db: app.db, calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection,
                                      partyRoles: app.modules.partyRoles)
            func model(_ username: String, reveal: Bool = false) async throws -> CasePageModel {
                let user = try #require(try await User.query(on: app.db).filter(\.$username == username).first())
                return try await ReconsiderationPages.shared.model(reading: reading, scope: try await Scope.load(userID: user.id!, on: app.db),
                                                                   record: record, reveal: reveal, today: ChinaTime.today)
            }

            let head = try await model("fuyizhuren")
            #expect(head.facts.first { $0.label == "收到申请" }?.value == "2024-03-01")
            #expect(head.facts.first { $0.label == "程序" }?.value == "尚未受理")
            #expect(head.canAct && head.canAssign)
            // The rules also allow deemed acceptance, which the case clock records: no person has a form for it.
            #expect(ReconsiderationRules.allowedEvents(for: try await CaseWorkflow<ReconsiderationRules>.dossier(
                of: record, on: app.db, calendar: reading.calendar)).contains("deemAccept"))
            #expect(head.actions.map(\.kind) == ["accept", "requestSupplement", "reject"])
            #expect(head.handlers.contains { $0.1 == "李复议" })
            #expect(!head.deadlines.isEmpty && head.deadlines.allSatisfy { !$0.basis.isEmpty })
            #expect(head.events.count == 1)
            let applicant = try #require(head.parties.first { $0.role == "applicant" })
            #expect(applicant.idNumber != "120102198503150011", "masked until revealed")
            let revealed = try await model("fuyizhuren", reveal: true)
            #expect(revealed.revealed)
            #expect(revealed.parties.first { $0.role == "applicant" }?.idNumber == "120102198503150011")

            let ownPage = try await model("fuyi")
            #expect(ownPage.canAct && !ownPage.canAssign && ownPage.handlers.isEmpty)

            let viewer = try await model("viewer")
            #expect(!viewer.canAct && !viewer.canAssign)
            #expect(viewer.actions.isEmpty && viewer.issuable.isEmpty)
            #expect(viewer.facts == head.facts)
        }
    }

    @Test("The page says which documents the case's state calls for that are not issued yet, to every reader",
          arguments: TestDatabase.all)
    func unissuedDocuments(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let registered = try await officer.register(try await registration(app))
            try await officer.event(registered.id, ["kind": .string("accept"), "date": .string("2024-03-05"), "version": .int(1)])
            let reading = CaseReading(db: app.db, calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection,
                                      partyRoles: app.modules.partyRoles)
            func unissued(_ username: String) async throws -> [String] {
                let user = try #require(try await User.query(on: app.db).filter(\.$username == username).first())
                let record = try #require(try await CaseRecord.find(registered.id, on: app.db))
                return try await ReconsiderationPages.shared.model(reading: reading, scope: try await Scope.load(userID: user.id!, on: app.db),
                                                                   record: record, reveal: false, today: ChinaTime.today).unissued
            }
            #expect(try await unissued("fuyi") == ["行政复议受理通知书", "行政复议答复通知书"])
            #expect(try await unissued("viewer") == ["行政复议受理通知书", "行政复议答复通知书"])
            try await officer.send(.POST, "/api/v1/reconsideration/cases/\(registered.id)/instruments", json: ["kind": "acceptanceNotice"]) { res in
                #expect(res.status == .created)
            }
            #expect(try await unissued("fuyi") == ["行政复议答复通知书"])
            try await officer.getPage("/reconsideration/\(registered.id)") { res in
                #expect(res.text.contains("尚待制作：《行政复议答复通知书》"))
            }
        }
    }
}

/// Every line decides the org of a new case the same way (`Scope.registrationOrg`).
@Suite("Registration: the org of a new case")
struct RegistrationOrgTests {
    @Test("No right in the line: 403; an org named where the user may not act: 422 on orgID — in both lines alike",
          arguments: TestDatabase.all)
    func sameAnswers(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let reconsiderationOffice = try await app.org(code: "120102-XF")
            let litigationOffice = try await app.org(code: "120102-YS")
            let agency = try await app.org(code: "120102-AG-SJ")
            let application = try await registration(app)
            let lawsuit: [String: AnyJSON] = [
                "servedOn": .string("2024-10-11"), "court": .string("天津市河东区人民法院"), "courtCaseNumber": .string("（2024）津0102行初301号"),
                "claims": .string("撤销"), "defendantID": .string(agency.id!.uuidString),
                "plaintiffs": .array([.object(["kind": .string("person"), "name": .string("王五")])]),
            ]
            let cases: [(user: String, path: String, body: [String: AnyJSON], otherOrg: UUID)] = [
                ("fuyi", "/api/v1/reconsideration/cases", application, litigationOffice.id!),
                ("yingsu", "/api/v1/litigation/cases", lawsuit, reconsiderationOffice.id!),
            ]
            for (user, path, body, otherOrg) in cases {
                let client = try await TestClient.api(app, user)
                var elsewhere = body
                elsewhere["orgID"] = .string(otherOrg.uuidString)
                try await client.send(.POST, path, json: JSONBody(elsewhere)) { res in
                    #expect(res.status == .unprocessableEntity, "\(path)")
                    #expect(res.errorBody?.error.field == "orgID" || res.errorBody?.error.errors?.contains { $0.field == "orgID" } == true,
                            "\(res.text)")
                }
                // The other line's officer acts in this line nowhere.
                let outsider = try await TestClient.api(app, user == "fuyi" ? "yingsu" : "fuyi")
                try await outsider.send(.POST, path, json: JSONBody(body)) { res in
                    #expect(res.status == .forbidden, "\(path): \(res.text)")
                }
            }
        }
    }
}
