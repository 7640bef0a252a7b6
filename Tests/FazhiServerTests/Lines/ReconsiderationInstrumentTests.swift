import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@Suite("Reconsideration documents")
struct ReconsiderationInstrumentTests {
    @Test("A decision names the parties with their particulars and the act once, tells the procedure, and decides in the article's words",
          arguments: TestDatabase.all)
    func decisionWording(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            var body = try await registration(app)
            body["act"] = .string("河东区市场监督管理局河市监罚〔2024〕15号行政处罚决定")
            body["actDate"] = .string("2024-02-01")
            let registered = try await officer.register(body)
            try await officer.event(registered.id, ["kind": .string("accept"), "date": .string("2024-03-05"), "version": .int(1)])
            try await officer.event(registered.id, ["kind": .string("decide"), "date": .string("2024-04-10"),
                                                    "outcome": .string("uphold"), "version": .int(2)])
            let instruments = "/api/v1/reconsideration/cases/\(registered.id)/instruments"
            // Not before the officer has written the parts only the officer can write.
            try await officer.send(.POST, instruments, json: ["kind": "decision"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "sections.applicantClaims")
            }
            let written = ["applicantClaims": "申请人称处罚过重。", "respondentReply": "被申请人称事实清楚。",
                           "facts": "2024年1月10日，被申请人检查时发现申请人销售过期食品。", "reasoning": "被申请人认定事实清楚，适用依据正确。"]
            try await officer.send(.PUT, "\(instruments)/decision/draft", json: ["sections": ["facts": written["facts"]!]]) { res in
                let draft = try res.content.decode(InstrumentDraftBody.self)
                #expect(res.status == .ok && draft.version == 1 && draft.missing == ["applicantClaims", "respondentReply", "reasoning"])
            }
            try await officer.send(.PUT, "\(instruments)/decision/draft", json: ["sections": ["facts": String(repeating: "长", count: 20_001)]]) { res in
                #expect(res.status == .unprocessableEntity && res.errorBody?.error.field == "sections.facts")
            }
            try await officer.send(.PUT, "\(instruments)/decision/draft", json: ["sections": written]) { res in
                let draft = try res.content.decode(InstrumentDraftBody.self)
                #expect(draft.version == 2 && draft.missing.isEmpty)
            }
            // The draft page shows the saved text in the preview and offers the generation.
            try await officer.getPage("/reconsideration/\(registered.id)") { res in
                #expect(res.text.contains("/reconsideration/\(registered.id)/drafts/decision"))
            }
            try await officer.getPage("/reconsideration/\(registered.id)/drafts/decision") { res in
                // Each written part stands in the preview where it will print, in a span the page's script fills as the
                // officer types.
                #expect(res.status == .ok && res.text.contains("第2稿")
                    && res.text.contains("经审理查明：<span data-section=\"facts\">2024年1月10日"))
                #expect(res.text.contains("生成《行政复议决定书》"))
            }
            // The page saves a new version from the form; a section left empty is named, and generation waits for it.
            var form = written.reduce(into: [String: String]()) { $0["section-" + $1.key] = $1.value }
            form["section-reasoning"] = ""
            try await officer.postForm("/reconsideration/\(registered.id)/drafts/decision", form) { res in #expect(res.status == .seeOther) }
            try await officer.getPage("/reconsideration/\(registered.id)/drafts/decision") { res in
                #expect(res.text.contains("第3稿") && res.text.contains("尚未撰写：「本机关认为」") && !res.text.contains("生成《行政复议决定书》"))
            }
            form["section-reasoning"] = written["reasoning"]
            try await officer.postForm("/reconsideration/\(registered.id)/drafts/decision", form) { res in #expect(res.status == .seeOther) }
            var issued: InstrumentBody?
            try await officer.send(.POST, instruments, json: ["kind": "decision"]) { res in
                #expect(res.status == .created)
                issued = try res.content.decode(InstrumentBody.self)
            }
            try await officer.get(try #require(issued).printURL) { res in
                #expect(res.status == .ok)
                let text = res.text
                #expect(text.contains("张三，男，1985年3月15日出生，公民身份号码120102198503150011，住址：河东区春华街道某小区。"))
                #expect(text.contains("本机关于2024年3月1日收到；于2024年3月5日依法予以受理，适用普通程序审理。本案现已审理终结。"))
                #expect(text.contains("根据《中华人民共和国行政复议法》第六十八条的规定，本机关决定：维持被申请人河东区市场监督管理局于2024年2月1日作出的河市监罚〔2024〕15号行政处罚决定。"))
                #expect(!text.contains("河东区市场监督管理局河东区市场监督管理局"))
                #expect(text.contains("本机关认为：被申请人认定事实清楚，适用依据正确。"))
            }
        }
    }

    @Test("An organisation applicant is printed with its credit code and, on its own line, its legal representative",
          arguments: TestDatabase.all)
    func legalRepresentative(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            var body = try await registration(app)
            let company: [String: AnyJSON] = ["kind": .string("organisation"), "name": .string("天津东晟物业管理有限公司"),
                                              "creditCode": .string("91120102MA05L1XG8L"), "address": .string("河东区大直沽街道某路1号"),
                                              "legalRepresentative": .string("王五")]
            // A person has no legal representative: the field is named.
            var person = body
            person["applicants"] = .array([.object(["kind": .string("person"), "name": .string("张三"), "legalRepresentative": .string("王五")])])
            try await officer.send(.POST, "/api/v1/reconsideration/cases", json: JSONBody(person)) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "applicants[0].legalRepresentative", "\(res.text)")
            }
            body["applicants"] = .array([.object(company)])
            let registered = try await officer.register(body)
            #expect(registered.parties?.first?.legalRepresentative == "王五")
            try await officer.event(registered.id, ["kind": .string("reject"), "date": .string("2024-03-05"),
                                                    "reason": .string("申请不属于行政复议范围"), "version": .int(1)])
            var issued: InstrumentBody?
            try await officer.send(.POST, "/api/v1/reconsideration/cases/\(registered.id)/instruments", json: ["kind": "rejectionDecision"]) { res in
                #expect(res.status == .created, "\(res.text)")
                issued = try res.content.decode(InstrumentBody.self)
            }
            try await officer.get(try #require(issued).printURL) { res in
                #expect(res.text.contains("天津东晟物业管理有限公司，统一社会信用代码91120102MA05L1XG8L，住所地：河东区大直沽街道某路1号。"))
                #expect(res.text.contains("法定代表人") && res.text.contains("王五。"))
            }
        }
    }

    @Test("Documents are generated from the case, archived as versions, and open as .docx", arguments: TestDatabase.all)
    func issue(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let registered = try await officer.register(try await registration(app))
            // Not available before the case allows it.
            try await officer.send(.POST, "/api/v1/reconsideration/cases/\(registered.id)/instruments",
                                   json: ["kind": "acceptanceNotice"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "kind")
            }
            try await officer.event(registered.id, ["kind": .string("accept"), "date": .string("2024-03-05"), "version": .int(1)])
            var first: InstrumentBody?
            try await officer.send(.POST, "/api/v1/reconsideration/cases/\(registered.id)/instruments",
                                   json: ["kind": "acceptanceNotice"]) { res in
                #expect(res.status == .created)
                first = try res.content.decode(InstrumentBody.self)
            }
            let instrument = try #require(first)
            #expect(instrument.version == 1)
            #expect(instrument.number == "东政复〔2024〕1号")

            var docx = Data()
            try await officer.get(instrument.docxURL) { res in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType)?.contains("wordprocessingml") == true)
                docx = Data(buffer: res.body)
            }
            let archive = try Archive(data: docx, accessMode: .read)
            var xml = Data()
            _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
            let text = String(decoding: xml, as: UTF8.self)
            #expect(text.contains("受理通知书"))
            #expect(text.contains("东政复〔2024〕1号"))
            #expect(text.contains("第三十条"))
            #expect(text.contains("2024年3月5日"))
            #expect(text.contains("河东区人民政府"))
            #expect(archive["word/styles.xml"] != nil)

            try await officer.get(instrument.printURL) { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("张三"))
            }
            // Regenerating adds a version and supersedes the first.
            try await officer.send(.POST, "/api/v1/reconsideration/cases/\(registered.id)/instruments",
                                   json: ["kind": "acceptanceNotice"]) { res in
                let second = try res.content.decode(InstrumentBody.self)
                #expect(second.version == 2)
            }
            try await officer.get("/api/v1/reconsideration/cases/\(registered.id)/instruments") { res in
                let list = try res.content.decode([InstrumentBody].self)
                #expect(list.count == 2)
                #expect(list.filter(\.superseded).map(\.version) == [1])
            }
            // Another station's staff cannot download it.
            let station = try await TestClient.api(app, "chunhua")
            try await station.get(instrument.docxURL) { res in #expect(res.status == .notFound) }
        }
    }

    @Test("The case page shows deadlines with their basis, actions and documents", arguments: [TestDatabase.sqlite])
    func casePage(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let registered = try await officer.register(try await registration(app))
            try await officer.getPage("/reconsideration/\(registered.id)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("东政复〔2024〕1号"))
                #expect(res.text.contains("依据：《中华人民共和国行政复议法》第三十条"))
                #expect(res.text.contains("value=\"accept\""))
                #expect(res.text.contains("张*"))
                #expect(!res.text.contains("120102198503150011"))
            }
            // Accept through the form; a stale form is refused with 409.
            try await officer.postForm("/reconsideration/\(registered.id)/events",
                                       ["kind": "accept", "date": "2024-03-05", "procedure": "ordinary", "version": "1"]) { res in
                #expect(res.status == .seeOther)
            }
            try await officer.postForm("/reconsideration/\(registered.id)/events",
                                       ["kind": "sendCopy", "date": "2024-03-06", "version": "1"]) { res in
                #expect(res.status == .conflict)
                #expect(res.text.contains("已被他人修改"))
            }
            try await officer.getPage("/reconsideration?queue=open") { res in
                #expect(res.text.contains("东政复〔2024〕1号"))
            }
            try await officer.getPage("/reconsideration/new") { res in #expect(res.status == .ok) }
        }
    }
}
