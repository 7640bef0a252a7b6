import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

extension TestClient {
    /// Registers a normative document through the API; returns its id.
    @discardableResult
    func normativeDocument(_ number: String, title: String, body: String, agency: UUID, publishedOn: String = "2025-03-10",
                           extra: [String: String] = [:], expect status: HTTPStatus = .created, field: String? = nil) async throws -> UUID? {
        var input = ["agencyID": agency.uuidString, "number": number, "title": title, "body": body, "publishedOn": publishedOn]
        input.merge(extra) { $1 }
        var id: UUID?
        try await send(.POST, "/api/v1/normative-documents", json: input) { res in
            #expect(res.status == status, "\(res.text)")
            if let field { #expect(res.errorBody?.error.field == field, "\(res.text)") }
            if res.status == .created { id = try res.content.decode(NormativeDocumentAPI.Body.self).document.id }
        }
        return id
    }

    func normativeSearch(_ q: String, expect status: HTTPStatus = .ok) async throws -> NormativeDocumentIndex.Results? {
        var results: NormativeDocumentIndex.Results?
        let query = q.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? q
        try await get("/api/v1/normative-documents/search?q=\(query)") { res in
            #expect(res.status == status, "\(res.text)")
            if res.status == .ok { results = try res.content.decode(NormativeDocumentIndex.Results.self) }
        }
        return results
    }

    func normativeAction(_ id: UUID, _ body: [String: String], expect status: HTTPStatus = .ok, field: String? = nil) async throws {
        try await send(.POST, "/api/v1/normative-documents/\(id)/actions", json: body) { res in
            #expect(res.status == status, "\(res.text)")
            if let field { #expect(res.errorBody?.error.field == field, "\(res.text)") }
        }
    }
}

@Suite("Law-based administration: normative documents, major decisions, advisers")
struct LawfulAdministrationTests {
    /// An event's body with its version as a number, as the API takes it.
    static func versioned(_ fields: [String: String]) -> JSONBody {
        JSONBody(fields.mapValues { key in AnyJSON.string(key) }.merging(["version": .int(Int(fields["version"] ?? "") ?? 0)]) { $1 })
    }

    static func figure(_ app: Application, _ key: String, year: Int = 2025) async throws -> Int? {
        let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: year, orgCode: nil)
        if case .count(let value)? = figures.values.first(where: { $0.0.key == key })?.1 { return value }
        return nil
    }

    @Test("The register finds 执法 and 行政执法 inside longer text on both databases, confirms phrases, ranks titles first, and keeps scope",
          arguments: TestDatabase.all)
    func search(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let reviewer = try await TestClient.api(app, "shenhe")
            let minzheng = try await TestClient.api(app, "minzheng")
            let civil = try await app.org(code: "120102-AG-MZ").id!
            let market = try await app.org(code: "120102-AG-SJ").id!
            let a = try #require(try await reviewer.normativeDocument("东市监规〔2025〕1号", title: "河东区市场监管行政执法公示办法",
                                                                      body: "第一条 为规范市场监管领域行政执法行为，制定本办法。\n第二条 执法人员应当出示证件。", agency: market))
            let b = try #require(try await minzheng.normativeDocument("东民规〔2025〕2号", title: "河东区养老服务补贴管理办法",
                                                                      body: "第一条 本办法所称养老服务补贴，由区民政局负责发放，并接受执法监督。", agency: civil))
            // Not the phrase: 行政 and 执法 both occur, never adjacent.
            let c = try #require(try await minzheng.normativeDocument("东民规〔2025〕3号", title: "河东区社区服务规定",
                                                                      body: "第一条 行政机关应当加强社区服务。第二条 监督执法由有关部门负责。", agency: civil))
            let two = try #require(try await reviewer.normativeSearch("执法"))
            #expect(Set(two.hits.map(\.id)) == [a, b, c] && two.total == 3)
            #expect(two.hits.first?.id == a)   // the title holds it
            #expect(two.hits.first?.snippet.contains { $0.match && $0.text == "执法" } == true)
            let four = try #require(try await reviewer.normativeSearch("行政执法"))
            #expect(four.hits.map(\.id) == [a])
            #expect(try await reviewer.normativeSearch("养老 补贴")?.hits.map(\.id) == [b])
            #expect(try await reviewer.normativeSearch("ＡＢＣ")?.total == 0)
            _ = try await reviewer.normativeSearch("法", expect: .badRequest)
            _ = try await reviewer.normativeSearch("", expect: .badRequest)
            _ = try await reviewer.normativeSearch(String(repeating: "执法", count: 40), expect: .badRequest)
            // The agency sees its own documents only, in the list and in the search.
            #expect(Set(try #require(try await minzheng.normativeSearch("执法")).hits.map(\.id)) == [b, c])
            try await minzheng.get("/api/v1/normative-documents/\(a)") { res in #expect(res.status == .notFound) }
            try await reviewer.get("/api/v1/normative-documents?status=bogus") { res in #expect(res.status == .badRequest) }
            try await reviewer.get("/api/v1/normative-documents?page=99999999999") { res in #expect(res.status == .badRequest) }
            // Bad input names the field; nothing is written.
            _ = try await minzheng.normativeDocument("东民规2025第4号", title: "x", body: "正文", agency: civil, expect: .unprocessableEntity, field: "number")
            _ = try await minzheng.normativeDocument("东民规〔2025〕2号", title: "重复", body: "正文", agency: civil, expect: .unprocessableEntity, field: "number")
            _ = try await minzheng.normativeDocument("东民规〔2025〕5号", title: "修改", body: "正文", agency: civil,
                                                     extra: ["amends": "东民规〔2019〕99号"], expect: .unprocessableEntity, field: "amends")
            _ = try await minzheng.normativeDocument("东市监规〔2025〕9号", title: "越权", body: "正文", agency: market, expect: .unprocessableEntity, field: "agencyID")
            #expect(try await NormativeDocumentRecord.query(on: app.db).count() == 3)
            // An amendment marks the amended document and leaves it out of the in-force search.
            let d = try #require(try await minzheng.normativeDocument("东民规〔2025〕6号", title: "关于修改养老服务补贴管理办法的决定",
                                                                      body: "将第一条修改为：养老服务补贴由区民政局按月发放。", agency: civil,
                                                                      extra: ["amends": "东民规[2025]2号"]))
            try await minzheng.get("/api/v1/normative-documents/\(b)") { res in
                let body = try res.content.decode(NormativeDocumentAPI.Body.self)
                #expect(body.document.status == "amended" && body.history.contains { $0.summary.contains("东民规〔2025〕6号") })
            }
            try await reviewer.get("/api/v1/normative-documents/search?q=%E5%85%BB%E8%80%81&status=inForce") { res in
                let hits = try res.content.decode(NormativeDocumentIndex.Results.self).hits.map(\.id)
                #expect(hits == [d])
            }
        }
    }

    @Test("Legality review: the agency submits, only the bureau gives the opinion, an unlawful draft cannot be adopted, and the assisted review shows what it resembles",
          arguments: TestDatabase.all)
    func legalityReview(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let reviewer = try await TestClient.api(app, "shenhe")
            let minzheng = try await TestClient.api(app, "minzheng")
            let civil = try await app.org(code: "120102-AG-MZ").id!
            let existing = try #require(try await reviewer.normativeDocument("东民规〔2024〕1号", title: "河东区养老服务补贴管理办法",
                                                                             body: "第一条 为规范本区养老服务补贴发放，制定本办法。第二条 补贴对象为本区户籍老年人。", agency: civil,
                                                                             publishedOn: "2024-03-01"))
            func submit(_ title: String, _ draft: String) async throws -> UUID {
                var id: UUID?
                try await minzheng.send(.POST, "/api/v1/normative-reviews/cases", json: [
                    "submittedOn": "2025-04-01", "title": title, "draft": draft, "orgID": civil.uuidString,
                ]) { res in
                    #expect(res.status == .created, "\(res.text)")
                    id = try res.content.decode(CaseBody<NormativeDocumentModule.Detail>.self).id
                }
                return try #require(id)
            }
            let id = try await submit("河东区养老服务补贴管理办法（修订送审稿）",
                                      "第一条 为规范本区养老服务补贴发放，制定本办法。第二条 补贴对象为本区户籍老年人。\n第十二条 申领补贴须经区民政局审批。第二十条 违反本办法的，处五千元罚款。")
            try await minzheng.get("/api/v1/normative-reviews/cases/\(id)") { res in
                let body = try res.content.decode(CaseBody<NormativeDocumentModule.Detail>.self)
                let deadline = try #require(body.deadlines?.first { $0.ruleKey == "normativeDocument.legalityReview" })
                #expect(deadline.due == "2025-04-23" && deadline.basis.contains("国办发〔2018〕115号") && deadline.basis.contains("待核实"))
            }
            // The agency acts on its submission but may not give the opinion.
            try await minzheng.send(.POST, "/api/v1/normative-reviews/cases/\(id)/events", json: Self.versioned([
                "kind": "giveOpinion", "date": "2025-04-10", "opinion": "lawful", "version": "1",
            ])) { res in #expect(res.status == .forbidden, "\(res.text)") }
            try await minzheng.getPage("/normative-reviews/\(id)") { res in
                #expect(res.status == .ok)
                #expect(!res.text.contains("出具合法性审核意见"))
            }
            try await reviewer.getPage("/normative-reviews/\(id)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("出具合法性审核意见"))
                #expect(res.text.contains("辅助审查") && res.text.contains("东民规〔2024〕1号"))   // the similar document in force
                #expect(res.text.contains("可能冲突") && res.text.contains("/normative-documents/\(existing)"))
                #expect(res.text.contains("行政许可") && res.text.contains("行政处罚") && res.text.contains("href=\"#s-"))
            }
            // Unlawful needs its articles; once unlawful, adoption is refused; then the agency withdraws.
            try await reviewer.send(.POST, "/api/v1/normative-reviews/cases/\(id)/events", json: Self.versioned([
                "kind": "giveOpinion", "date": "2025-04-10", "opinion": "unlawful", "text": "第十二条增设行政许可", "version": "1",
            ])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "articles")
            }
            try await reviewer.send(.POST, "/api/v1/normative-reviews/cases/\(id)/events", json: Self.versioned([
                "kind": "giveOpinion", "date": "2025-04-10", "opinion": "unlawful", "text": "第十二条增设行政许可", "articles": "《行政许可法》第十七条", "version": "1",
            ])) { res in #expect(res.status == .created, "\(res.text)") }
            try await minzheng.send(.POST, "/api/v1/normative-reviews/cases/\(id)/events", json: Self.versioned([
                "kind": "adopt", "date": "2025-04-15", "version": "2",
            ])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("不得提交审议"))
            }
            try await reviewer.send(.POST, "/api/v1/normative-reviews/cases/\(id)/instruments", json: ["kind": "opinionLetter"]) { res in
                #expect(res.status == .created, "\(res.text)")
            }
            let second = try await submit("河东区临时救助实施办法（送审稿）", "第一条 为做好临时救助工作，制定本办法。")
            try await reviewer.send(.POST, "/api/v1/normative-reviews/cases/\(second)/events", json: Self.versioned([
                "kind": "giveOpinion", "date": "2025-04-11", "opinion": "lawful", "version": "1",
            ])) { res in #expect(res.status == .created, "\(res.text)") }
            try await minzheng.send(.POST, "/api/v1/normative-reviews/cases/\(second)/events", json: Self.versioned([
                "kind": "adopt", "date": "2025-04-20", "documentNumber": "东民规〔2025〕1号", "version": "2",
            ])) { res in #expect(res.status == .created, "\(res.text)") }
            #expect(try await Self.figure(app, "normative_docs.legality_reviews") == 2)
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2025, orgCode: nil).isEmpty)
        }
    }

    @Test("Filing, filing review and correction, post-evaluation and a clean-up campaign are each counted when done", arguments: TestDatabase.all)
    func filingAndCleanup(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let reviewer = try await TestClient.api(app, "shenhe")
            let minzheng = try await TestClient.api(app, "minzheng")
            let civil = try await app.org(code: "120102-AG-MZ").id!
            let a = try #require(try await minzheng.normativeDocument("东民规〔2025〕1号", title: "河东区殡葬管理办法", body: "第一条 殡葬管理。", agency: civil,
                                                                      publishedOn: "2025-01-10"))
            let b = try #require(try await minzheng.normativeDocument("东民规〔2025〕2号", title: "河东区社区服务办法", body: "第一条 社区服务。", agency: civil,
                                                                      publishedOn: "2025-02-10", extra: ["validityYears": "0"]))
            try await minzheng.normativeAction(a, ["kind": "filingReview", "date": "2025-02-01", "result": "noProblem"], expect: .forbidden)
            try await reviewer.normativeAction(a, ["kind": "filingReview", "date": "2025-02-01", "result": "noProblem"], expect: .unprocessableEntity, field: "kind")
            try await minzheng.normativeAction(a, ["kind": "file", "date": "2025-03-01"])   // late: due 2025-02-09
            try await minzheng.normativeAction(a, ["kind": "file", "date": "2025-03-02"], expect: .unprocessableEntity, field: "kind")
            try await reviewer.normativeAction(a, ["kind": "filingReview", "date": "2025-03-05", "result": "problemFound"], expect: .unprocessableEntity, field: "note")
            try await reviewer.normativeAction(a, ["kind": "filingReview", "date": "2025-03-05", "result": "problemFound", "note": "第三条缺乏依据"])
            try await reviewer.get("/api/v1/normative-documents?filing=uncorrected") { res in
                let ids = try res.content.decode(NormativeDocumentAPI.Page.self).documents.map(\.id)
                #expect(ids == [a])
            }
            try await reviewer.get("/api/v1/normative-documents?filing=late") { res in
                let ids = try res.content.decode(NormativeDocumentAPI.Page.self).documents.map(\.id)
                #expect(ids.contains(a))
            }
            try await minzheng.normativeAction(a, ["kind": "correct", "date": "2025-03-20", "note": "已删除第三条"])
            try await reviewer.normativeAction(b, ["kind": "postEvaluate", "date": "2025-06-01"], expect: .unprocessableEntity, field: "note")
            try await reviewer.normativeAction(b, ["kind": "postEvaluate", "date": "2025-06-01", "note": "实施效果良好"])
            #expect(try await Self.figure(app, "normative_docs.filings") == 1)
            #expect(try await Self.figure(app, "normative_docs.post_evaluations") == 1)
            // A campaign over the agency's documents: closing waits for every decision; a repeal changes the status.
            var campaign: NormativeCleanups.CampaignBody?
            try await minzheng.send(.POST, "/api/v1/normative-documents/cleanups", json: ["title": "专项清理", "startedOn": "2025-07-01"]) { res in
                #expect(res.status == .forbidden)
            }
            try await reviewer.send(.POST, "/api/v1/normative-documents/cleanups", json: [
                "title": "2025年涉企规范性文件专项清理", "startedOn": "2025-07-01", "agencyID": civil.uuidString,
            ]) { res in
                #expect(res.status == .created, "\(res.text)")
                campaign = try res.content.decode(NormativeCleanups.CampaignBody.self)
            }
            let opened = try #require(campaign)
            #expect(opened.total == 2)
            try await reviewer.send(.POST, "/api/v1/normative-documents/cleanups/\(opened.id)/close", json: ["date": "2025-07-20"]) { res in
                #expect(res.status == .unprocessableEntity && res.text.contains("2件文件未作出清理决定"))
            }
            let itemA = try #require(opened.items.first { $0.documentID == a }), itemB = try #require(opened.items.first { $0.documentID == b })
            try await reviewer.send(.POST, "/api/v1/normative-documents/cleanups/\(opened.id)/items/\(itemA.id)", json: ["decision": "repeal", "date": "2025-07-10"]) { res in
                #expect(res.status == .unprocessableEntity && res.errorBody?.error.field == "note")
            }
            try await reviewer.send(.POST, "/api/v1/normative-documents/cleanups/\(opened.id)/items/\(itemA.id)", json: [
                "decision": "repeal", "date": "2025-07-10", "note": "已不适应工作实际",
            ]) { res in #expect(res.status == .ok, "\(res.text)") }
            try await reviewer.send(.POST, "/api/v1/normative-documents/cleanups/\(opened.id)/items/\(itemB.id)", json: ["decision": "keep", "date": "2025-07-10"]) { res in
                #expect(res.status == .ok, "\(res.text)")
            }
            #expect(try await Self.figure(app, "normative_docs.cleanups") == 0)
            try await reviewer.send(.POST, "/api/v1/normative-documents/cleanups/\(opened.id)/close", json: ["date": "2025-07-20"]) { res in
                #expect(res.status == .ok, "\(res.text)")
            }
            #expect(try await Self.figure(app, "normative_docs.cleanups") == 1)
            #expect(try await NormativeDocumentRecord.find(a, on: app.db)?.status == "repealed")
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2025, orgCode: nil).isEmpty)
            // The pages: the register, a document, the search, the clean-up queue and the campaign.
            for path in ["/normative-documents", "/normative-documents/\(a)", "/normative-documents/search?q=%E6%AE%A1%E8%91%AC",
                         "/normative-documents/expiring", "/normative-documents/cleanups", "/normative-documents/cleanups/\(opened.id)"] {
                try await reviewer.getPage(path) { res in #expect(res.status == .ok, "\(path)") }
            }
        }
    }

    @Test("A major decision cannot be taken while a procedure is missing; the review needs its seven working days", arguments: TestDatabase.all)
    func majorDecision(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "juece")
            var id: UUID?
            try await officer.send(.POST, "/api/v1/major-decisions/cases", json: [
                "listedOn": "2025-02-10", "title": "河东区老旧小区改造实施方案", "organ": "河东区人民政府",
            ]) { res in
                #expect(res.status == .created, "\(res.text)")
                id = try res.content.decode(CaseBody<MajorDecisionModule.Detail>.self).id
            }
            let decision = try #require(id)
            var version = 1
            func event(_ fields: [String: String], expect status: HTTPStatus = .created, field: String? = nil, contains: String? = nil) async throws {
                var body = fields.mapValues { AnyJSON.string($0) }
                body["version"] = .int(version)
                try await officer.send(.POST, "/api/v1/major-decisions/cases/\(decision)/events", json: JSONBody(body)) { res in
                    #expect(res.status == status, "\(res.text)")
                    if let field { #expect(res.errorBody?.error.field == field, "\(res.text)") }
                    if let contains { #expect(res.text.contains(contains), "\(res.text)") }
                    if res.status == .created { version += 1 }
                }
            }
            try await event(["kind": "decide", "date": "2025-03-01"], expect: .unprocessableEntity, contains: "公众参与")
            try await event(["kind": "publicParticipation", "date": "2025-03-20", "commentFrom": "2025-03-01", "commentTo": "2025-03-15", "evidence": "公告"],
                            expect: .unprocessableEntity, field: "shortenedReason")
            try await event(["kind": "publicParticipation", "date": "2025-04-02", "commentFrom": "2025-03-01", "commentTo": "2025-03-30", "evidence": "征求意见公告"])
            try await event(["kind": "expertArgument", "date": "2025-04-05", "evidence": "专家论证意见"])
            try await event(["kind": "exempt", "date": "2025-04-06", "procedure": "legalityReview", "reason": "无需"], expect: .unprocessableEntity, field: "procedure")
            try await event(["kind": "exempt", "date": "2025-04-06", "procedure": "riskAssessment", "reason": "不涉及群众切身利益"])
            try await event(["kind": "collectiveDiscussion", "date": "2025-04-07", "meeting": "区政府常务会议", "evidence": "纪要"],
                            expect: .unprocessableEntity, contains: "第二十五条")
            try await event(["kind": "legalityReview", "date": "2025-04-10", "submittedOn": "2025-04-07", "opinion": "lawful", "evidence": "审查意见书"],
                            expect: .unprocessableEntity, field: "submittedOn", contains: "七个工作日")
            try await event(["kind": "legalityReview", "date": "2025-04-17", "submittedOn": "2025-04-07", "opinion": "lawful", "evidence": "审查意见书"])
            try await event(["kind": "decide", "date": "2025-04-18"], expect: .unprocessableEntity, contains: "集体讨论决定")
            try await event(["kind": "collectiveDiscussion", "date": "2025-04-20", "meeting": "区政府第45次常务会议", "evidence": "会议纪要"])
            try await event(["kind": "decide", "date": "2025-04-20"])
            try await event(["kind": "postEvaluate", "date": "2025-12-01", "conclusion": "达到预期"])
            #expect(try await Self.figure(app, "decision.legality_reviews") == 1)
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2025, orgCode: nil).isEmpty)
            try await officer.getPage("/major-decisions/\(decision)") { res in
                #expect(res.status == .ok && res.text.contains("不需履行") && res.text.contains("审查意见书"))
            }
        }
    }

    @Test("Public-lawyer coverage: the units that should have one, which do, and the rate", arguments: TestDatabase.all)
    func coverage(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "guwen")
            for (name, category) in [("河东区民政局", "政府部门"), ("河东区教育局", "政府部门")] {
                try await officer.send(.POST, "/api/v1/legal-advisers/units", json: ["name": name, "category": category]) { res in
                    #expect(res.status == .created, "\(res.text)")
                }
            }
            try await officer.send(.POST, "/api/v1/legal-advisers/units", json: ["name": "河东区民政局", "category": "政府部门"]) { res in
                #expect(res.status == .unprocessableEntity && res.errorBody?.error.field == "name")
            }
            try await officer.send(.POST, "/api/v1/legal-advisers/units", json: ["name": "某单位", "category": "企业"]) { res in
                #expect(res.status == .unprocessableEntity && res.errorBody?.error.field == "category")
            }
            let office = try await app.org(code: "120102-FZ")
            let kind = LegalAdviserBooks.publicLawyers
            let values = ["name": "李公律", "unit": "河东区民政局", "certificate": "", "activeFrom": "2024-01-01"]
            try await app.db.transaction { tx in
                _ = try await BookWriter(db: tx, kind: kind, org: office.id!, actor: .command("test"))
                    .insert([SheetValidator.Row(number: 1, values: values, naturalKey: kind.naturalKey(of: values))], importID: nil)
            }
            try await officer.get("/api/v1/legal-advisers/coverage") { res in
                let coverage = try res.content.decode(LegalAdviserCoverage.Coverage.self)
                #expect(coverage.bureaus.count == 1 && coverage.bureaus[0].required == 2 && coverage.bureaus[0].covered == 1 && coverage.bureaus[0].percent == 50)
                #expect(coverage.units.first?.name == "河东区教育局" && coverage.units.first?.covered == false)
            }
            try await officer.getPage("/legal-advisers/coverage") { res in #expect(res.status == .ok && res.text.contains("未覆盖")) }
            #expect(try await Self.figure(app, "public_lawyers.units", year: 2025) == 1)
        }
    }
}

extension TestClient {
    /// One record of each kind the law-based-administration lines keep, `text` in their free text, for the access and
    /// escaping matrices: keyed by the URL segment before the record's id (a major decision, a legality review, a
    /// document of the register, a clean-up campaign) and `cleanup-item` for the campaign's document.
    func lawfulAdministrationRecords(agency: UUID, text: String, serial: Int, year: Int) async throws -> [String: UUID] {
        var records: [String: UUID] = [:]
        let title = String(text.prefix(100))
        try await send(.POST, "/api/v1/major-decisions/cases", json: ["listedOn": "\(year)-02-10", "title": title, "organ": String(text.prefix(60))]) { res in
            #expect(res.status == .created, "\(res.text)")
            records["major-decisions"] = try res.content.decode(CaseBody<MajorDecisionModule.Detail>.self).id
        }
        try await send(.POST, "/api/v1/normative-reviews/cases", json: [
            "submittedOn": "\(year)-03-02", "title": title, "draft": text + "。第二条 违反本办法的，处以罚款。", "orgID": agency.uuidString,
        ]) { res in
            #expect(res.status == .created, "\(res.text)")
            records["normative-reviews"] = try res.content.decode(CaseBody<NormativeDocumentModule.Detail>.self).id
        }
        records["normative-documents"] = try await normativeDocument("测规〔\(year)〕\(serial)号", title: title, body: text + "\n第二条 执法。", agency: agency,
                                                                   publishedOn: "\(year)-03-10")
        try await send(.POST, "/api/v1/normative-documents/cleanups", json: [
            "title": title, "startedOn": "\(year)-06-01", "agencyID": agency.uuidString,
        ]) { res in
            #expect(res.status == .created, "\(res.text)")
            let campaign = try res.content.decode(NormativeCleanups.CampaignBody.self)
            records["cleanups"] = campaign.id
            records["cleanup-item"] = campaign.items.first?.id
        }
        return records
    }
}
