import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Proof of service (送达回证)")
struct ReconsiderationServiceTests {
    /// An accepted case whose copy went out on 2024-03-06 without a known delivery, and its reply notice issued (dated
    /// today: services are recorded from today on).
    private func caseWithReplyNotice(_ officer: TestClient, _ app: Application) async throws -> (ReconsiderationCase, InstrumentBody) {
        let registered = try await officer.register(try await registration(app))
        try await officer.event(registered.id, ["kind": .string("accept"), "date": .string("2024-03-05"), "version": .int(1)])
        let sent = try #require(try await officer.event(registered.id, ["kind": .string("sendCopy"), "date": .string("2024-03-06"),
                                                                        "version": .int(2)]))
        var notice: InstrumentBody?
        try await officer.send(.POST, "/api/v1/reconsideration/cases/\(registered.id)/instruments", json: ["kind": "replyNotice"]) { res in
            #expect(res.status == .created, "\(res.text)")
            notice = try res.content.decode(InstrumentBody.self)
        }
        return (sent, try #require(notice))
    }

    @Test("Serving the reply notice on the respondent starts its reply period on the day served", arguments: TestDatabase.all)
    func serviceStartsTheReplyPeriod(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let (sent, notice) = try await caseWithReplyNotice(officer, app)
            // Before: the period runs from the day sent.
            let replyBefore = try #require(sent.deadlines?.first { $0.ruleKey == "reconsideration.reply" })
            #expect(replyBefore.start == "2024-03-06")
            let services = "/api/v1/reconsideration/cases/\(sent.id)/services"
            let today = ChinaTime.today.description
            let agency = try await app.org(code: "120102-AG-SJ").name
            try await officer.send(.POST, services, json: JSONBody([
                "instrumentID": .string(notice.id.uuidString), "recipientRole": .string("agency"), "recipientName": .string(agency),
                "method": .string("byPost"), "sentOn": .string(today), "servedOn": .string(today),
                "trackingNumber": .string("1151234567890"),
            ])) { res in
                #expect(res.status == .created, "\(res.text)")
                let body = try res.content.decode(ServiceBody.self)
                #expect(body.eventKind == "deliverCopy" && body.methodLabel == "邮寄送达")
            }
            var after: ReconsiderationCase?
            try await officer.get("/api/v1/reconsideration/cases/\(sent.id)") { res in
                after = try res.content.decode(ReconsiderationCase.self)
            }
            let reply = try #require(after?.deadlines?.first { $0.ruleKey == "reconsideration.reply" })
            #expect(reply.start == today && reply.due > replyBefore.due)
            #expect(after?.events?.contains { $0.kind == "deliverCopy" } == true)
            // A second service of the same notice records the proof only: the delivery is known.
            try await officer.send(.POST, services, json: JSONBody([
                "instrumentID": .string(notice.id.uuidString), "recipientRole": .string("agency"), "recipientName": .string(agency),
                "method": .string("byHand"), "servedOn": .string(today),
            ])) { res in
                #expect(res.status == .created, "\(res.text)")
                let body = try res.content.decode(ServiceBody.self)
                #expect(body.eventKind == nil)
            }
            try await officer.get(services) { res in
                let listed = try res.content.decode([ServiceBody].self)
                #expect(listed.map(\.servedOn) == [today, today] && listed.map(\.method) == [.byPost, .byHand])
            }
        }
    }

    @Test("A proof of service that breaks a rule names the field and writes nothing", arguments: TestDatabase.all)
    func badServiceWritesNothing(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let (sent, notice) = try await caseWithReplyNotice(officer, app)
            let agency = try await app.org(code: "120102-AG-SJ").name
            let valid: [String: AnyJSON] = [
                "instrumentID": .string(notice.id.uuidString), "recipientRole": .string("agency"), "recipientName": .string(agency),
                "method": .string("byHand"), "servedOn": .string(ChinaTime.today.description),
            ]
            let cases: [(String, AnyJSON, String)] = [
                ("method", .string("byPost"), "trackingNumber"),
                ("recipientName", .string("李四"), "recipient"),
                ("servedOn", .string("2020-01-01"), "servedOn"),
                ("servedOn", .string(ChinaTime.today.adding(days: 1).description), "servedOn"),
                ("servedOn", .string("2024-13-01"), "servedOn"),
                ("method", .string("pigeon"), "method"),
                ("instrumentID", .string(UUID().uuidString), "instrumentID"),
                ("trackingNumber", .string("单号<script>"), "trackingNumber"),
                ("note", .string(String(repeating: "长", count: 501)), "note"),
            ]
            for (field, value, named) in cases {
                var body = valid
                body[field] = value
                try await officer.send(.POST, "/api/v1/reconsideration/cases/\(sent.id)/services", json: JSONBody(body)) { res in
                    #expect(res.status == .unprocessableEntity, "\(field)=\(value): \(res.text)")
                    let fields = (res.errorBody?.error.errors?.map(\.field) ?? []) + [res.errorBody?.error.field].compactMap { $0 }
                    #expect(fields.contains(named), "\(field)=\(value): \(res.text)")
                }
            }
            #expect(try await ServiceRecord.query(on: app.db).count() == 0)
            let events = try await CaseEventRecord.query(on: app.db).filter(\.$caseRecord.$id == sent.id).count()
            #expect(events == 3)
        }
    }

    @Test("The documents page lists versions, who is still to be served, and records a service from its form",
          arguments: TestDatabase.all)
    func documentsPage(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let (sent, notice) = try await caseWithReplyNotice(officer, app)
            let agency = try await app.org(code: "120102-AG-SJ").name
            let page = "/reconsideration/\(sent.id)/documents"
            try await officer.getPage("/reconsideration/\(sent.id)") { res in
                #expect(res.text.contains("尚待送达：《行政复议答复通知书》：\(agency)") && res.text.contains(page))
            }
            try await officer.getPage(page) { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("《行政复议受理通知书》尚未制作"))
                #expect(res.text.contains("《行政复议答复通知书》尚未送达被申请人 \(agency)"))
                #expect(res.text.contains("登记送达（送达回证）"))
            }
            // Post without the tracking number: the form comes back with the error under its field.
            let form = ["instrumentID": notice.id.uuidString, "recipient": "agency:\(agency)", "method": "byPost",
                        "servedOn": ChinaTime.today.description, "sentOn": ChinaTime.today.description]
            try await officer.postForm("/reconsideration/\(sent.id)/services", form) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("邮寄送达须填写邮件单号"))
            }
            var filled = form
            filled["trackingNumber"] = "1151234567890"
            try await officer.postForm("/reconsideration/\(sent.id)/services", filled) { res in #expect(res.status == .seeOther, "\(res.text)") }
            try await officer.getPage(page) { res in
                #expect(res.text.contains("被申请人 \(agency)：邮寄送达，\(ChinaTime.today.chinese)送达（单号1151234567890）"))
                #expect(!res.text.contains("《行政复议答复通知书》尚未送达"))
            }
            // One who only reads the case sees the page but not the form, and may not post it.
            let viewer = try await TestClient.api(app, "viewer")
            try await viewer.getPage(page) { res in
                #expect(res.status == .ok && !res.text.contains("登记送达（送达回证）"))
            }
            try await viewer.send(.POST, "/api/v1/reconsideration/cases/\(sent.id)/services", json: JSONBody([
                "instrumentID": .string(notice.id.uuidString), "recipientRole": .string("agency"), "recipientName": .string(agency),
                "method": .string("byHand"), "servedOn": .string(ChinaTime.today.description),
            ])) { res in #expect(res.status == .forbidden || res.status == .notFound) }
        }
    }
}
