import FazhiCore
@testable import FazhiOffice
@testable import FazhiServer
import Foundation
import Testing
import VaporTesting

/// The contract of a work line (issue 11, item 8): a line that exists only in the tests, registered like a real module,
/// gets every shared capability without a change to `Sources/`.
@Suite("A line registered only in a test app gets the shared machinery")
struct ExampleLineTests {
    typealias Body = CaseBody<ExampleModule.Detail>

    @Test("Registration, queues, pages, API, OpenAPI, deadlines with their basis, documents, import, rollup, recount, report",
          arguments: TestDatabase.all)
    func everyCapability(_ database: TestDatabase) async throws {
        try await withTestApp(database, modules: ExampleModule.registry) { app in
            let officer = try await TestClient.api(app, "shili")
            var registered: Body?
            try await officer.send(.POST, "/api/v1/example/cases", json: ["receivedOn": "2024-03-01", "subject": "查询示例"]) { res in
                #expect(res.status == .created)
                registered = try res.content.decode(Body.self)
            }
            let matter = try #require(registered)
            #expect(matter.caseNumber == "示〔2024〕1号")
            let deadline = try #require(matter.deadlines?.first)
            #expect(deadline.ruleKey == "example.acceptance" && deadline.basis == "《示例办法》第三条" && deadline.due == "2024-03-08")

            try await officer.get("/api/v1/example/cases?queue=received") { res in
                let queue = try res.content.decode(CaseQueuePage.self)
                #expect(queue.rows.map { $0.caseNumber } == ["示〔2024〕1号"])
            }
            try await officer.getPage("/example") { res in
                #expect(res.status == .ok && res.text.contains("示〔2024〕1号") && res.text.contains("href=\"/example\""))
            }
            try await officer.getPage("/example/\(matter.id)") { res in
                #expect(res.status == .ok && res.text.contains("查询示例") && res.text.contains("《示例办法》第三条"))
            }
            // The page records what its rules allow, and refuses what they do not, with the article.
            try await officer.postForm("/example/\(matter.id)/events", ["kind": "accept", "date": "2024-03-04", "version": "1"]) { res in
                #expect(res.status == .seeOther)
            }
            try await officer.send(.POST, "/api/v1/example/cases/\(matter.id)/events",
                                   json: JSONBody(["kind": .string("accept"), "date": .string("2024-03-05"), "version": .int(2)])) { res in
                #expect(res.status == .unprocessableEntity && res.errorBody?.error.message.contains("《示例办法》第四条") == true)
            }
            try await officer.send(.POST, "/api/v1/example/cases/\(matter.id)/instruments", json: ["kind": "receipt"]) { res in
                #expect(res.status == .created)
            }

            try await officer.get("/api/openapi.json") { res in
                #expect(res.text.contains("/api/v1/example/cases/{id}/events") && res.text.contains("登记示例事项"))
            }
            try await officer.get("/api/v1/deadlines/rules") { res in
                #expect(res.text.contains("example.acceptance") && res.text.contains("《示例办法》第三条"))
            }

            let sheet = Data("收件日期,事项\n2024-05-06,导入示例\n".utf8)
            let imported = try await FazhiApp.importFile(app, kind: "example", data: sheet, fileName: "示例.csv", orgCode: "120102")
            #expect(imported.added == 1)

            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2024, orgCode: nil)
            #expect(figures["example.received"] == .count(2))
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2024, orgCode: nil).isEmpty)
            let report = try await AnnualReport.load(db: app.db, modules: app.modules, year: 2024, orgCode: nil, today: ChinaTime.today)
            #expect(report.markdown.contains("全年受理示例事项2件"))
        }
    }

    @Test("One registration declaration gives the form, the API body and its schema, the sheet, and each error's field",
          arguments: TestDatabase.all)
    func registrationFromItsFields(_ database: TestDatabase) async throws {
        try await withTestApp(database, modules: ExampleModule.registry) { app in
            let officer = try await TestClient.api(app, "shili")
            // The form: each field with its label, today's date filled in.
            try await officer.getPage("/example/new") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("id=\"f-receivedOn\"") && res.text.contains("收件日期") && res.text.contains("id=\"f-subject\""))
                #expect(res.text.contains("value=\"\(ChinaTime.today.description)\""))
            }
            // A broken rule comes back under its field, nothing written.
            try await officer.postForm("/example", ["receivedOn": "2024-02-30", "subject": ""]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("id=\"f-receivedOn-error\"") && res.text.contains("收件日期格式应为 YYYY-MM-DD"))
                #expect(res.text.contains("id=\"f-subject-error\"") && res.text.contains("事项不能为空"))
            }
            try await officer.postForm("/example", ["receivedOn": "2024-03-02", "subject": "表单登记"]) { res in
                #expect(res.status == .seeOther)
            }
            // The API names the field, for a broken rule and for a value of the wrong type alike.
            try await officer.send(.POST, "/api/v1/example/cases",
                                   json: JSONBody(["receivedOn": .int(20240302), "subject": .string(String(repeating: "长", count: 201))])) { res in
                #expect(res.status == .unprocessableEntity)
                let fields = Set(res.errorBody?.error.errors?.map(\.field) ?? [])
                #expect(fields == ["receivedOn", "subject"])
                #expect(res.text.contains("事项不能超过200个字符"))
            }
            // The OpenAPI document describes the body from the same fields.
            try await officer.get("/api/openapi.json") { res in
                let document = try JSONSerialization.jsonObject(with: Data(res.text.utf8)) as? [String: Any]
                let paths = document?["paths"] as? [String: Any]
                let post = (paths?["/api/v1/example/cases"] as? [String: Any])?["post"] as? [String: Any]
                let content = ((post?["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any]
                let schema = content?["schema"] as? [String: Any]
                #expect(Set(schema?["required"] as? [String] ?? []) == ["receivedOn", "subject"])
                let properties = schema?["properties"] as? [String: Any]
                #expect((properties?["subject"] as? [String: Any])?["maxLength"] as? Int == 200)
                #expect((properties?["receivedOn"] as? [String: Any])?["format"] as? String == "date")
            }
            // The sheet's columns are the fields', and a row's broken rule names its column.
            #expect(ExampleSheet.columns.map(\.header) == ["收件日期", "事项"])
            let sheet = Data("收件日期,事项\n2099-01-01,未来事项\n".utf8)
            await #expect {
                _ = try await FazhiApp.importFile(app, kind: "example", data: sheet, fileName: "示例.csv", orgCode: "120102")
            } throws: { error in
                (error as? ImportFailure)?.problems == ["第2行 A列「收件日期」：收件日期不能晚于今天"]
            }
        }
    }

    @Test("A ledger kind the line declares is listed, imported and counted", arguments: TestDatabase.all)
    func ownLedgerKind(_ database: TestDatabase) async throws {
        try await withTestApp(database, modules: ExampleModule.registry) { app in
            #expect(app.modules.bookKind("example.outreach")?.family == .ledger)
            let officer = try await TestClient.api(app, "shili")
            try await officer.get("/api/v1/ledgers") { res in
                #expect(res.status == .ok)
                let kinds = try res.content.decode([BookAPI.KindBody].self)
                #expect(kinds.map(\.code) == ["example.outreach"])
            }
            try await officer.getPage("/ledgers") { res in
                #expect(res.status == .ok && res.text.contains("示例宣传活动") && res.text.contains("href=\"/ledgers\""))
            }
            let template = try XLSXReader().read(try FazhiApp.importTemplate(kind: "example.outreach", modules: app.modules))
            #expect(template.header == ["活动日期", "活动名称"])

            let sheet = Data("活动日期,活动名称\n2024-04-01,《示例办法》进社区\n2024-06-18,示例宣传日\n2023-12-30,上年活动\n".utf8)
            let imported = try await FazhiApp.importFile(app, kind: "example.outreach", data: sheet, fileName: "宣传.csv", orgCode: "120102")
            #expect(imported.added == 3)
            let again = try await FazhiApp.importFile(app, kind: "example.outreach", data: sheet, fileName: "宣传.csv", orgCode: "120102")
            #expect(again.added == 0)
            try await officer.get("/api/v1/ledgers/example.outreach/entries?year=2024") { res in
                let page = try res.content.decode(BookAPI.EntryPage.self)
                #expect(page.total == 2)
            }

            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2024, orgCode: nil)
            #expect(figures["example.outreach_events"] == .count(2))
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2024, orgCode: nil).isEmpty)
            #expect(app.modules.metrics.filter { $0.key == "example.outreach_events" }.count == 1)
        }
    }

    @Test("A book kind or metric declared twice is refused when the registry is built")
    func duplicatesRefused() {
        #expect(throws: DuplicateDeclaration.self) { try ModuleRegistry(Modules.all + [ExampleModule.self, ExampleModule.self]) }
        #expect(throws: DuplicateDeclaration.self) { try ModuleRegistry(Modules.all + [LedgersModule.self]) }
    }

    @Test("Apps that do not run the example module never see it")
    func otherAppsUntouched() async throws {
        #expect(!ModuleRegistry.standard.lines.contains(.example))
        #expect(ModuleRegistry.standard.computation(named: "example.received") == nil)
        #expect(ModuleRegistry.standard.bookKind("example.outreach") == nil)
        #expect(ModuleRegistry.standard.computation(named: "example.outreach_events") == nil)
        #expect(!FazhiApp.importKinds.contains { $0.hasPrefix("example") })
        // Another app in this process may have run the example line (its code is then known process-wide).
        WorkLine.register([.example])
        try await withTestApp(.sqlite) { app in
            #expect(!OpenAPIDocument.endpoints(app.routes.all).contains { $0.path.hasPrefix("/api/v1/example") })
            let admin = try await TestClient.api(app, "admin")
            try await admin.getPage("/admin/users") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains(WorkLine.reconsideration.label))
                #expect(!res.text.contains(WorkLine.example.label))
            }
            try await admin.get("/api/v1/ledgers") { res in
                let codes = try res.content.decode([BookAPI.KindBody].self).map(\.code)
                #expect(codes.contains("legalAid.outreach") && !codes.contains("example.outreach"))
            }
            try await admin.get("/api/v1/ledgers/example.outreach/entries") { res in
                #expect(res.status == .notFound)
            }
            await #expect(throws: FieldError.self) {
                try await FazhiApp.importFile(app, kind: "example.outreach", data: Data("活动日期,活动名称\n".utf8), fileName: "x.csv",
                                              orgCode: "120102")
            }
        }
    }
}
