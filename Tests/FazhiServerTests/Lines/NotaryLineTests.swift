@testable import FazhiOffice
import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

extension TestClient {
    /// Registers a notarial matter at the client's office; returns its id.
    func notaryMatter(receivedOn: String = "2025-09-22", type: String = "abroadEducation", applicant: String = "张三",
                      orgID: UUID? = nil, expect status: HTTPStatus = .created, field: String? = nil) async throws -> UUID? {
        var body: [String: AnyJSON] = [
            "receivedOn": .string(receivedOn), "matterType": .string(type), "purpose": .string("在英国使用"),
            "applicants": .array([.object(["kind": .string("person"), "name": .string(applicant), "idNumber": .string("11010519491231002X")])]),
            "summary": .string("学历证书公证"),
        ]
        if let orgID { body["orgID"] = .string(orgID.uuidString) }
        var id: UUID?
        try await send(.POST, "/api/v1/notary/cases", json: JSONBody(body)) { res in
            #expect(res.status == status, "\(res.text)")
            if let field { #expect(res.errorBody?.error.field == field, "\(res.text)") }
            if res.status == .created { id = try res.content.decode(CaseBody<NotaryModule.Detail>.self).id }
        }
        return id
    }

    @discardableResult
    func notaryEvent(_ id: UUID, _ body: [String: AnyJSON], expect status: HTTPStatus = .created, field: String? = nil) async throws -> CaseBody<NotaryModule.Detail>? {
        var answer: CaseBody<NotaryModule.Detail>?
        try await send(.POST, "/api/v1/notary/cases/\(id)/events", json: JSONBody(body)) { res in
            #expect(res.status == status, "\(res.text)")
            if let field { #expect(res.errorBody?.error.field == field, "\(res.text)") }
            if res.status == .created { answer = try res.content.decode(CaseBody<NotaryModule.Detail>.self) }
        }
        return answer
    }

    func notaryCase(_ id: UUID) async throws -> CaseBody<NotaryModule.Detail> {
        var body: CaseBody<NotaryModule.Detail>?
        try await get("/api/v1/notary/cases/\(id)") { res in body = try res.content.decode(CaseBody<NotaryModule.Detail>.self) }
        return try #require(body)
    }

    func notaryQueue(_ queue: String) async throws -> [UUID] {
        var rows: [UUID] = []
        try await get("/api/v1/notary/cases?queue=\(queue)") { res in rows = try res.content.decode(CaseQueuePage.self).rows.map(\.id) }
        return rows
    }
}

@Suite("Notarisation")
struct NotaryLineTests {
    static let officeCode = NotaryDemo.officeCode

    static func clerkID(_ app: Application) async throws -> UUID {
        try #require(try await User.query(on: app.db).filter(\.$username == "gongzheng").first()?.id)
    }

    @Test("A clerk's matter: registered, accepted, paused for verification across the holiday, resumed, issued on time with its number",
          arguments: TestDatabase.all)
    func clerksDay(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clerk = try await TestClient.api(app, "gongzheng")
            let notary = try await Self.clerkID(app)
            let id = try #require(try await clerk.notaryMatter())
            #expect(try await clerk.notaryQueue("received") == [id])
            try await clerk.notaryEvent(id, ["kind": .string("accept"), "date": .string("2025-09-22"), "notaryID": .string(notary.uuidString), "version": .int(1)])
            var body = try await clerk.notaryCase(id)
            #expect(body.detail?.notary == "郑公证")
            let deadline = try #require(body.deadlines?.first { $0.ruleKey == "notary.certificate" })
            #expect(deadline.due == "2025-10-17" && deadline.basis.contains("公证法") && deadline.basis.contains("第三十条"))
            #expect(try await clerk.notaryQueue("inProgress") == [id])
            try await clerk.notaryEvent(id, ["kind": .string("pause"), "date": .string("2025-09-26"), "ground": .string("verification"),
                                             "note": .string("向学校核实学历"), "version": .int(2)])
            #expect(try await clerk.notaryQueue("paused") == [id])
            #expect(try await clerk.notaryQueue("overdue").isEmpty)   // a paused clock is not overdue
            try await clerk.notaryEvent(id, ["kind": .string("resume"), "date": .string("2025-10-10"), "version": .int(3)])
            body = try await clerk.notaryCase(id)
            // Five working days paused (9-28 make-up, 9-29, 9-30, 10-9, 10-10): the due day moves from 10-17 to 10-24.
            #expect(body.deadlines?.first { $0.ruleKey == "notary.certificate" }?.due == "2025-10-24")
            #expect(try await clerk.notaryQueue("overdue") == [id])   // 2025 is long past and nothing issued yet
            let issued = try #require(try await clerk.notaryEvent(id, ["kind": .string("issue"), "date": .string("2025-10-22"), "fee": .int(200),
                                                                         "version": .int(4)]))
            #expect(issued.detail?.certificate?.number == "（2025）津河东证字第1号")
            #expect(issued.detail?.certificate?.fee == 200)
            #expect(try await clerk.notaryQueue("issued") == [id])
            #expect(try await clerk.notaryQueue("overdue").isEmpty)
            #expect(try await NotaryCertificate.query(on: app.db).count() == 1)
            try await clerk.getPage("/notary/\(id)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("（2025）津河东证字第1号") && res.text.contains("核实有关情况"))
            }
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2025, orgCode: nil)
            #expect(figures["notary.matters"] == .count(1))
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2025, orgCode: nil).isEmpty)
            let report = try await AnnualReport.load(db: app.db, modules: app.modules, year: 2025, orgCode: nil, today: ChinaTime.today)
            #expect(report.markdown.contains("全年办理公证事项"))
            let panels = try await NotaryDashboard.panel(app.db, year: 2025, orgIDs: [try await app.org(code: Self.officeCode).id!])
            #expect(panels.blocks.contains(.table(headers: ["全年出证", "按期出证率（15个工作日，《公证法》第三十条）"],
                                                  rows: [[.init(text: "1", link: "/notary?queue=issued"), .init(text: "100.0%")]], empty: "本年度暂无出证")))
        }
    }

    @Test("Certificate numbers are unique and gapless under concurrent issues", arguments: TestDatabase.all)
    func concurrentIssues(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clerk = try await TestClient.api(app, "gongzheng")
            let notary = try await Self.clerkID(app)
            var ids: [UUID] = []
            for index in 0..<8 {
                let id = try #require(try await clerk.notaryMatter(receivedOn: "2025-03-03", applicant: "申请人\(index)"))
                try await clerk.notaryEvent(id, ["kind": .string("accept"), "date": .string("2025-03-03"), "notaryID": .string(notary.uuidString), "version": .int(1)])
                ids.append(id)
            }
            let calendar = try await CalendarStore(db: app.db).calendar()
            let records = try await CaseRecord.query(on: app.db).filter(\.$id ~~ ids).all()
            let db = app.db
            let complete = NotaryModule.api.complete
            try await withThrowingTaskGroup(of: Void.self) { group in
                for record in records {
                    group.addTask {
                        try await CaseWorkflow<NotaryRules>(db: db, calendar: calendar, actor: .command("test"))
                            .record(.issue(date: CivilDate(string: "2025-03-10")!, certificateNumber: "", fee: 100), on: record, expectedVersion: 2, completing: complete)
                    }
                }
                try await group.waitForAll()
            }
            let certificates = try await NotaryCertificate.query(on: app.db).all()
            #expect(certificates.count == 8)
            #expect(Set(certificates.map(\.serial)) == Set(1...8))
            #expect(Set(certificates.map(\.number)).count == 8)
            // What each case's issue event says is what the register holds.
            for id in ids {
                let body = try await clerk.notaryCase(id)
                #expect(certificates.first { $0.$caseRecord.id == id }?.number == body.detail?.certificate?.number)
            }
        }
    }

    @Test("Bad input names the field and the rule, and writes nothing", arguments: TestDatabase.all)
    func badInput(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clerk = try await TestClient.api(app, "gongzheng")
            let notary = try await Self.clerkID(app)
            _ = try await clerk.notaryMatter(type: "weather", expect: .unprocessableEntity, field: "matterType")
            _ = try await clerk.notaryMatter(receivedOn: "2099-01-01", expect: .unprocessableEntity, field: "receivedOn")
            try await clerk.send(.POST, "/api/v1/notary/cases", json: JSONBody([
                "receivedOn": .string("2025-03-03"), "matterType": .string("will"), "summary": .string("x"),
            ])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "applicants")
            }
            try await clerk.send(.POST, "/api/v1/notary/cases", json: JSONBody([
                "receivedOn": .string("2025-03-03"), "matterType": .string("will"), "summary": .string(String(repeating: "长", count: 2_001)),
                "applicants": .array([.object(["name": .string("张三")])]),
            ])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "summary")
            }
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .notary).count() == 0)
            let id = try #require(try await clerk.notaryMatter(receivedOn: "2025-03-03"))
            // Pause or issue on an unaccepted matter.
            try await clerk.notaryEvent(id, ["kind": .string("pause"), "date": .string("2025-03-04"), "ground": .string("supplement"), "version": .int(1)],
                                        expect: .unprocessableEntity, field: "kind")
            try await clerk.notaryEvent(id, ["kind": .string("issue"), "date": .string("2025-03-04"), "fee": .int(100), "version": .int(1)],
                                        expect: .unprocessableEntity, field: "date")
            // A notary from outside the office.
            let outsider = try #require(try await User.query(on: app.db).filter(\.$username == "tiaojie").first()?.id)
            try await clerk.notaryEvent(id, ["kind": .string("accept"), "date": .string("2025-03-05"), "notaryID": .string(outsider.uuidString), "version": .int(1)],
                                        expect: .unprocessableEntity, field: "notaryID")
            try await clerk.notaryEvent(id, ["kind": .string("accept"), "date": .string("2025-03-05"), "notaryID": .string(notary.uuidString), "version": .int(1)])
            // Resume without a pause; a certificate dated before the acceptance; negative and absurd fees.
            try await clerk.notaryEvent(id, ["kind": .string("resume"), "date": .string("2025-03-06"), "version": .int(2)],
                                        expect: .unprocessableEntity, field: "kind")
            try await clerk.notaryEvent(id, ["kind": .string("issue"), "date": .string("2025-03-04"), "fee": .int(100), "version": .int(2)],
                                        expect: .unprocessableEntity, field: "date")
            try await clerk.notaryEvent(id, ["kind": .string("issue"), "date": .string("2025-03-06"), "fee": .int(-5), "version": .int(2)],
                                        expect: .unprocessableEntity, field: "fee")
            try await clerk.notaryEvent(id, ["kind": .string("issue"), "date": .string("2025-03-06"), "fee": .int(99_999_999), "version": .int(2)],
                                        expect: .unprocessableEntity, field: "fee")
            try await clerk.send(.POST, "/api/v1/notary/cases/\(id)/events", json: JSONBody([
                "kind": .string("issue"), "date": .string("2025-03-06"), "fee": .string("二百"), "version": .int(2),
            ])) { res in #expect(res.status == .unprocessableEntity || res.status == .badRequest, "\(res.text)") }
            #expect(try await CaseEventRecord.query(on: app.db).filter(\.$caseRecord.$id == id).count() == 2)
            #expect(try await NotaryCertificate.query(on: app.db).count() == 0)
            // The refused issues used no number: the first certificate is still number 1.
            let issued = try await clerk.notaryEvent(id, ["kind": .string("issue"), "date": .string("2025-03-06"), "fee": .int(0), "version": .int(2)])
            #expect(issued?.detail?.certificate?.number == "（2025）津河东证字第1号")
            // Only the admin extends the list of types, with a category from the list.
            try await clerk.send(.POST, "/api/v1/notary/matter-types", json: ["code": "escrow", "label": "提存", "category": "经济"]) { res in
                #expect(res.status == .forbidden)
            }
            let admin = try await TestClient.api(app, "admin")
            try await admin.send(.POST, "/api/v1/notary/matter-types", json: ["code": "escrow", "label": "提存", "category": "天气"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "category")
            }
            try await admin.send(.POST, "/api/v1/notary/matter-types", json: ["code": "escrow", "label": "提存", "category": "经济"]) { res in
                #expect(res.status == .created, "\(res.text)")
            }
            _ = try #require(try await clerk.notaryMatter(receivedOn: "2025-03-07", type: "escrow"))
        }
    }

    @Test("Scope: the office and the bureau see a matter; a station or a committee does not, and gets 404", arguments: TestDatabase.all)
    func scope(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let clerk = try await TestClient.api(app, "gongzheng")
            let id = try #require(try await clerk.notaryMatter())
            let leader = try await TestClient.api(app, "leader")
            try await leader.get("/api/v1/notary/cases/\(id)") { res in #expect(res.status == .ok) }
            for username in ["chunhua", "tiaojie"] {
                let other = try await TestClient.api(app, username)
                try await other.get("/api/v1/notary/cases/\(id)") { res in #expect(res.status == .notFound, "\(res.status)") }
                try await other.send(.POST, "/api/v1/notary/cases/\(id)/events", json: JSONBody([
                    "kind": .string("withdraw"), "date": .string("2025-09-23"), "version": .int(1),
                ])) { res in #expect(res.status == .notFound, "\(res.status)") }
            }
            // The viewer reads it but may not act on it.
            let viewer = try await TestClient.api(app, "viewer")
            try await viewer.get("/api/v1/notary/cases/\(id)") { res in #expect(res.status == .ok) }
            try await viewer.send(.POST, "/api/v1/notary/cases/\(id)/events", json: JSONBody([
                "kind": .string("withdraw"), "date": .string("2025-09-23"), "version": .int(1),
            ])) { res in #expect(res.status == .forbidden, "\(res.status)") }
            // A matter registered elsewhere than at a notary office is refused naming the office.
            let station = try await app.org(code: "120102-JS06")
            _ = try await leader.notaryMatter(orgID: station.id!, expect: .unprocessableEntity, field: "orgID")
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .notary).count() == 1)
        }
    }

    static func table(_ rows: [[String]]) throws -> Data {
        try XLSXWriter().write(SpreadsheetTable(header: NotarySheet.columns.map(\.header),
                                                cells: rows.map { $0.map { SpreadsheetCell.string($0) } }), sheetName: "公证")
    }

    @Test("Import: the office's spreadsheet registers every row by the form's rules, or none; re-import registers nothing",
          arguments: TestDatabase.all)
    func importSheet(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            #expect(NotarySheet.columns.map(\.name) == ["receivedOn", "matterType", "applicant", "applicantIdentity", "purpose", "summary"])
            let good = ["2025-03-03", "继承", "张三", "11010519491231002X", "办理不动产继承登记", "继承其父遗留的房产一处"]
            let abroad = ["2025-03-04", "学历学位证明", "李四", "", "在英国使用", "学位证书公证"]
            let unknownType = ["2025-03-05", "天气", "王五", "", "", "某事项"]
            await #expect {
                try await FazhiApp.importFile(app, kind: "notary", data: try Self.table([good, unknownType]), fileName: "n.xlsx", orgCode: Self.officeCode)
            } throws: { error in
                (error as? ImportFailure)?.problems.first?.hasPrefix("第3行 B列「公证事项类型」") == true
            }
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .notary).count() == 0)
            let data = try Self.table([good, abroad])
            #expect(try await FazhiApp.importFile(app, kind: "notary", data: data, fileName: "n.xlsx", orgCode: Self.officeCode)
                == ImportSummary(added: 2, alreadyPresent: 0))
            #expect(try await FazhiApp.importFile(app, kind: "notary", data: data, fileName: "n.xlsx", orgCode: Self.officeCode)
                == ImportSummary(added: 0, alreadyPresent: 2))
            let clerk = try await TestClient.api(app, "gongzheng")
            #expect(try await clerk.notaryQueue("received").count == 2)
            try await clerk.getPage("/notary/import/template.xlsx") { res in
                let table = try XLSXReader().read(Data(buffer: res.body))
                #expect(table.header == NotarySheet.columns.map(\.header))
            }
        }
    }

    @Test("The demo year: a mix of types, most issued with unique numbers, some paused, a few overdue; rollup equals recount",
          arguments: TestDatabase.all)
    func demo(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let today = CivilDate(string: "2026-11-25")!
            var demo = DemoCases(db: app.db, calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection, today: today,
                                 modules: app.modules)
            demo.perYear = 30
            let started = Date()
            let summary = try await demo.load()
            #expect(summary.contains("公证事项"))
            let cases = try await CaseRecord.query(on: app.db).filter(\.$line == .notary).all()
            let states = Dictionary(grouping: cases, by: \.state).mapValues(\.count)
            #expect(cases.count > 100, "\(states)")
            #expect((states["issued"] ?? 0) * 10 > cases.count * 8, "\(states)")
            #expect(Set(try await NotaryDetail.query(on: app.db).all().map(\.matterType)).count >= 6)
            let certificates = try await NotaryCertificate.query(on: app.db).all()
            #expect(certificates.count == states["issued"])
            #expect(Set(certificates.map(\.number)).count == certificates.count)
            let paused = try await CaseEventRecord.query(on: app.db).filter(\.$kind == "pause").count()
            #expect(paused > 0)
            let calendar = try await CalendarStore(db: app.db).calendar()
            for record in cases.prefix(40) {
                let dossier = try await CaseWorkflow<NotaryRules>.dossier(of: record, on: app.db, calendar: calendar)
                #expect(dossier.summary.state == record.state)
            }
            for year in [today.year - 1, today.year] {
                #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: year, orgCode: nil).isEmpty)
            }
            print("notary demo slice: \(cases.count) matters, whole demo load \(Int(Date().timeIntervalSince(started) * 1000)) ms on \(database)")
        }
    }
}
