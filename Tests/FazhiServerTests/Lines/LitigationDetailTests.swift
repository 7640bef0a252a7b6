import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor

@Suite("A lawsuit's detail row (litigation_details)")
struct LitigationDetailTests {
    static func detail(_ app: Application, _ id: UUID) async throws -> [LitigationDetail] {
        try await LitigationDetail.query(on: app.db).filter(\.$caseRecord.$id == id).all()
    }

    @Test("Written with the serving event, in the bureau; later events leave it as served; the case reads it", arguments: TestDatabase.all)
    func written(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "yingsu")
            let id = try await officer.lawsuit(app, servedOn: "2024-09-20", agencyCode: "120102-AG-SJ", number: "（2024）津0102行初88号")
            let stored = try #require(try await Self.detail(app, id).first)
            #expect(try await Self.detail(app, id).count == 1)
            #expect(stored.court == "天津市河东区人民法院")
            #expect(stored.courtCaseNumber == "（2024）津0102行初88号")
            #expect(stored.claims == "撤销被诉行政行为")
            #expect(stored.bureauID == (try await app.org(code: "120102")).id)

            try await officer.litigationEvent(id, ["kind": .string("submitDefence"), "date": .string("2024-09-30"), "version": .int(1)])
            try await officer.litigationEvent(id, ["kind": .string("judge"), "date": .string("2024-12-20"), "result": .string("claimsDismissed"),
                                                   "version": .int(2)])
            let after = try await Self.detail(app, id)
            #expect(after.map(\.id) == [stored.id])
            #expect(after.map(\.courtCaseNumber) == ["（2024）津0102行初88号"])

            // The case shows the row (not the serving event): a correction made to the row is what it shows.
            stored.court = "天津市第二中级人民法院"
            try await stored.update(on: app.db)
            try await officer.get("/api/v1/litigation/cases/\(id)") { res in
                let body = try res.content.decode(CaseBody<LitigationModule.Detail>.self)
                #expect(body.detail?.court == "天津市第二中级人民法院")
                #expect(body.detail?.courtCaseNumber == "（2024）津0102行初88号")
                #expect(body.detail?.claims == "撤销被诉行政行为")
                #expect(body.detail?.result == LitigationJudgmentResult.claimsDismissed.label)
            }
        }
    }

    @Test("A control character in a typed text (a NUL, found by schemathesis: PostgreSQL cannot store it) is refused, naming the field",
          arguments: TestDatabase.all)
    func controlCharacters(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "yingsu")
            let agency = try await app.org(code: "120102-AG-RS")
            let valid: [String: AnyJSON] = [
                "servedOn": .string("2024-10-11"), "court": .string("天津市河东区人民法院"), "courtCaseNumber": .string("（2024）津0102行初96号"),
                "claims": .string("撤销"), "defendantID": .string(agency.id!.uuidString),
                "plaintiffs": .array([.object(["kind": .string("person"), "name": .string("王五")])]),
            ]
            let broken: [(String, AnyJSON, String)] = [
                ("courtCaseNumber", .string("（2024）\u{0}津0102行初96号"), "courtCaseNumber"),
                ("court", .string("天津市\u{1B}河东区人民法院"), "court"),
                ("plaintiffs", .array([.object(["kind": .string("person"), "name": .string("王\u{0}五")])]), "plaintiffs[0].name"),
            ]
            for (key, value, field) in broken {
                var body = valid
                body[key] = value
                try await officer.send(.POST, "/api/v1/litigation/cases", json: JSONBody(body)) { res in
                    #expect(res.status == .unprocessableEntity, "\(key): \(res.text)")
                    let fields = (res.errorBody?.error.errors?.map(\.field) ?? []) + [res.errorBody?.error.field].compactMap { $0 }
                    #expect(fields.contains(field), "\(key): \(res.text)")
                }
            }
            // Lines in a multi-line field are fine.
            var multiline = valid
            multiline["claims"] = .string("一、撤销被诉行政行为；\n二、判令被告重新作出行政行为。")
            try await officer.send(.POST, "/api/v1/litigation/cases", json: JSONBody(multiline)) { res in
                #expect(res.status == .created, "\(res.text)")
            }
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .litigation).count() == 1)
        }
    }

    @Test("A court case number is registered once in the bureau; the same number at another court is another lawsuit",
          arguments: TestDatabase.all)
    func once(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "yingsu")
            let agency = try await app.org(code: "120102-AG-RS")
            let first = try await officer.lawsuit(app, servedOn: "2024-10-10", agencyCode: "120102-AG-SJ", number: "（2024）津0102行初95号")
            let firstNumber = try #require(try await CaseRecord.find(first, on: app.db)).caseNumber
            func register(court: String) async throws -> HTTPStatus {
                var status = HTTPStatus.ok
                try await officer.send(.POST, "/api/v1/litigation/cases", json: JSONBody([
                    "servedOn": .string("2024-10-11"), "court": .string(court), "courtCaseNumber": .string("（2024）津0102行初95号"),
                    "claims": .string("撤销"), "defendantID": .string(agency.id!.uuidString),
                    "plaintiffs": .array([.object(["kind": .string("person"), "name": .string("王五")])]),
                ])) { res in
                    status = res.status
                    if res.status == .unprocessableEntity {
                        #expect(res.errorBody?.error.field == "courtCaseNumber")
                        #expect(res.errorBody?.error.message.contains("已登记为应诉案件\(firstNumber)") == true)
                    }
                }
                return status
            }
            #expect(try await register(court: "天津市河东区人民法院") == .unprocessableEntity)
            #expect(try await register(court: "天津市第二中级人民法院") == .created)
            // A court name past its bound is a field error, never a database error on the index.
            try await officer.send(.POST, "/api/v1/litigation/cases", json: JSONBody([
                "servedOn": .string("2024-10-11"), "court": .string(String(repeating: "法", count: 3000)),
                "courtCaseNumber": .string("（2024）津0102行初96号"), "claims": .string("撤销"), "defendantID": .string(agency.id!.uuidString),
                "plaintiffs": .array([.object(["kind": .string("person"), "name": .string("王五")])]),
            ])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "court")
                #expect(res.errorBody?.error.message == "受理法院不能超过100个字符")
            }
            #expect(try await LitigationDetail.query(on: app.db).count() == 2)
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .litigation).count() == 2)
        }
    }

    @Test("The import finds registered lawsuits by their detail rows", arguments: TestDatabase.all)
    func importReadsDetails(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "yingsu")
            let id = try await officer.lawsuit(app, servedOn: "2024-04-08", agencyCode: "120102-AG-SJ", number: "（2024）津0102行初15号")
            // Registered through the API: the same court and number in a file is already present.
            let data = try LitigationImportTests.table([LitigationImportTests.good, LitigationImportTests.company])
            #expect(try await FazhiApp.importFile(app, kind: "litigation", data: data, fileName: "l.xlsx", orgCode: "120102-YS")
                == ImportSummary(added: 1, alreadyPresent: 1))
            // The key is the row's, not the serving event's: a number corrected in the row is the number matched.
            let stored = try #require(try await Self.detail(app, id).first)
            stored.courtCaseNumber = "（2024）津0102行初17号"
            try await stored.update(on: app.db)
            let renumbered = ["2024-04-10", "天津市河东区人民法院", "（2024）津0102行初17号", "河东区民政局", "李四", "", "撤销"]
            #expect(try await FazhiApp.importFile(app, kind: "litigation", data: try LitigationImportTests.table([LitigationImportTests.good, renumbered]),
                                                  fileName: "l.xlsx", orgCode: "120102-YS")
                == ImportSummary(added: 1, alreadyPresent: 1))
            #expect(try await LitigationDetail.query(on: app.db).count() == 3)
        }
    }

    @Test("The migration fills the rows of lawsuits registered before it, and refuses a court case number held twice",
          arguments: TestDatabase.all)
    func backfill(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "yingsu")
            let first = try await officer.lawsuit(app, servedOn: "2024-09-20", agencyCode: "120102-AG-SJ", number: "（2024）津0102行初88号")
            let second = try await officer.lawsuit(app, servedOn: "2024-10-10", agencyCode: "120102-AG-RS", number: "（2024）津0102行初95号")
            let migration = CreateLitigationDetails()
            try await migration.revert(on: app.db)
            try await migration.prepare(on: app.db)
            let bureau = try await app.org(code: "120102").id
            for (id, number) in [(first, "（2024）津0102行初88号"), (second, "（2024）津0102行初95号")] {
                let rows = try await Self.detail(app, id)
                #expect(rows.map(\.courtCaseNumber) == [number])
                #expect(rows.map(\.court) == ["天津市河东区人民法院"])
                #expect(rows.map(\.bureauID) == [bureau])
            }

            let secondNumber = try #require(try await CaseRecord.find(second, on: app.db)).caseNumber
            // A lawsuit opened twice before the rule (no detail row then): the migration names both and changes nothing.
            try await migration.revert(on: app.db)
            let office = try await app.org(code: "120102-YS")
            let calendar = try await CalendarStore(db: app.db).calendar()
            let twin = try await CaseWorkflow<LitigationRules>(db: app.db, calendar: calendar, actor: .system).open(
                .serve(date: CivilDate(string: "2024-10-12")!, court: "天津市河东区人民法院", courtCaseNumber: "（2024）津0102行初95号", claims: "撤销"),
                .init(org: office.id!, agency: nil, handler: nil, title: "重复登记"))
            await #expect {
                try await migration.prepare(on: app.db)
            } throws: { error in
                let text = String(describing: error)
                return error is CreateLitigationDetails.Refusal && text.contains(secondNumber) && text.contains(twin.caseNumber)
            }
            try await CaseEventRecord.query(on: app.db).filter(\.$caseRecord.$id == twin.id!).delete()
            try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseRecord.$id == twin.id!).delete()
            try await twin.delete(on: app.db)
            try await migration.prepare(on: app.db)
            #expect(try await LitigationDetail.query(on: app.db).count() == 2)
        }
    }

    @Test("The demo's lawsuits are opened with their detail rows, handled by the litigation officer", arguments: TestDatabase.all)
    func demo(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let demo = DemoCases(db: app.db, calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection,
                                 today: CivilDate(string: "2026-11-25")!, modules: app.modules)
            var random = DemoRandom(seed: 7)
            let officer = try await demo.user("yingsu")
            let summary = try await demo.loadLitigation(officer: officer, random: &random)
            let cases = try await CaseRecord.query(on: app.db).filter(\.$line == .litigation).all()
            let details = try await LitigationDetail.query(on: app.db).all()
            #expect(summary == ["行政应诉 \(cases.count) 件"])
            #expect(cases.count > 30)
            #expect(Set(details.map(\.$caseRecord.id)) == Set(cases.compactMap(\.id)))
            #expect(cases.allSatisfy { $0.$handler.id == officer.id })
            #expect(details.allSatisfy { $0.court == "天津市河东区人民法院" && $0.claims == "撤销被诉行政行为" })
        }
    }
}
