import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

/// The text messages a test's app would have sent (the SMS provider is the one thing outside our control).
final class RecordedTextMessages: TextMessageSender, @unchecked Sendable {
    private let lock = NIOLock()
    private var messages: [(phone: String, text: String)] = []

    func send(_ text: String, to phone: String, logger: Logger) async throws {
        lock.withLock { messages.append((phone, text)) }
    }

    var sent: [(phone: String, text: String)] { lock.withLock { messages } }

    /// The last one-time code sent to `phone`.
    func code(for phone: String) -> String? {
        guard let text = sent.last(where: { $0.phone == phone && $0.text.contains("验证码") })?.text,
              let range = text.range(of: #"\d{6}"#, options: .regularExpression) else { return nil }
        return String(text[range])
    }
}

/// A resident's browser on the portal: the session cookie and the session's CSRF token.
struct PortalBrowser {
    let app: Application
    let token: String
    let csrf: String

    var cookie: HTTPHeaders { ["Cookie": "\(PortalSessions.cookieName)=\(token)"] }

    /// Signs in (and the first time signs up) with `phone` through the code the app sends.
    static func signIn(_ app: Application, phone: String, messages: RecordedTextMessages, address: String = "127.0.0.1") async throws -> PortalBrowser {
        try await app.testing().test(.POST, "/portal/login", beforeRequest: { try $0.content.encode(["phone": phone], as: .urlEncodedForm) },
                                     afterResponse: { res in #expect(res.status == .ok, "\(res.body.string)") })
        let code = try #require(messages.code(for: phone))
        var token = ""
        try await app.testing().test(.POST, "/portal/login/verify", beforeRequest: {
            try $0.content.encode(["phone": phone, "code": code], as: .urlEncodedForm)
        }, afterResponse: { res in
            #expect(res.status == .seeOther)
            token = res.headers.setCookie?[PortalSessions.cookieName]?.string ?? ""
        })
        let session = try #require(try await PortalSession.query(on: app.db).filter(\.$tokenHash == StaffSessions.digest(token)).first())
        return PortalBrowser(app: app, token: token, csrf: session.csrfToken)
    }

    func get(_ path: String, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        try await app.testing().test(.GET, path, headers: cookie, afterResponse: check)
    }

    func post(_ path: String, _ fields: [String: String], csrf withToken: Bool = true, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        var fields = fields
        if withToken { fields[CSRFMiddleware.field] = csrf }
        try await app.testing().test(.POST, path, headers: cookie, beforeRequest: { try $0.content.encode(fields, as: .urlEncodedForm) },
                                     afterResponse: check)
    }

    func upload(_ path: String, filename: String, data: Data, draftID: String? = nil, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        let boundary = "----fazhi-test-boundary"
        var body = Data()
        func part(_ name: String, _ value: String) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        part(CSRFMiddleware.field, csrf)
        if let draftID { part("draftID", draftID) }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/pdf\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = cookie
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(data: body), afterResponse: check)
    }

    /// Submits a valid reconsideration application (`PortalTests.application`, with `changes`) under a new draft id and
    /// returns it as stored (its case opened).
    func submitReconsideration(_ changes: [String: String] = [:]) async throws -> PortalApplicationRecord {
        let draftID = UUID()
        var form = try await PortalTests.application(app).merging(changes) { $1 }
        form["draftID"] = draftID.uuidString
        form["action"] = "submit"
        try await post("/portal/apply/reconsideration", form) { res in #expect(res.status == .seeOther, "\(res.body.string)") }
        return try #require(try await PortalApplicationRecord.find(draftID, on: app.db))
    }

    /// Gives the account its name and ID number.
    func completeProfile(name: String = "赵网民", idNumber: String = "11010519491231002X") async throws {
        try await post("/portal/profile", ["kind": "person", "name": name, "idNumber": idNumber]) { res in
            #expect(res.status == .seeOther, "\(res.body.string)")
        }
    }
}

@Suite("The public portal: sign-up by code, online application through the line's rules, following, electronic service")
struct PortalTests {
    static let pdf = Data("%PDF-1.4\n% evidence\n".utf8)

    static func withPortal(_ database: TestDatabase, _ body: (Application, RecordedTextMessages) async throws -> Void) async throws {
        try await withTestApp(database) { app in
            let messages = RecordedTextMessages()
            app.textMessages = messages
            try await body(app, messages)
        }
    }

    static func application(_ app: Application, knewOn: CivilDate = ChinaTime.today) async throws -> [String: String] {
        let respondent = try await app.org(code: "120102-AG-SJ")
        return ["respondentID": respondent.id!.uuidString, "act": "东市监罚〔2026〕15号行政处罚决定", "knewOn": knewOn.description,
                "informedOfRight": "on", "request": "撤销该行政处罚决定", "serviceConsent": "on"]
    }

    @Test("A resident signs up by code, gives a checked ID number, applies with evidence once, and the case waits for acceptance",
          arguments: TestDatabase.all)
    func applyOnline(_ database: TestDatabase) async throws {
        try await Self.withPortal(database) { app, messages in
            let resident = try await PortalBrowser.signIn(app, phone: "13900001111", messages: messages)
            // Not yet who they are: applying sends them to the profile first.
            try await resident.get("/portal/apply/reconsideration") { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.hasPrefix("/portal/profile") == true)
            }
            try await resident.post("/portal/profile", ["kind": "person", "name": "赵网民", "idNumber": "110105194912310021"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("校验位"))
            }
            try await resident.completeProfile()

            // A draft, kept as the resident goes, with evidence; a file that is not what its name says is refused.
            let draftID = UUID().uuidString
            var form = try await Self.application(app)
            form["draftID"] = draftID
            form["action"] = "save"
            try await resident.post("/portal/apply/reconsideration", form) { res in #expect(res.status == .ok) }
            try await resident.upload("/portal/apply/reconsideration/files", filename: "处罚决定书.pdf", data: Self.pdf, draftID: draftID) { res in
                #expect(res.status == .seeOther)
            }
            try await resident.upload("/portal/apply/reconsideration/files", filename: "证据.pdf", data: Data("MZ\u{0}\u{0}binary".utf8),
                                      draftID: draftID) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("不是可接受的文件类型"))
            }

            // A rule of the line (learned of the act after applying) is refused under its field; the draft stays a draft.
            form["action"] = "submit"
            form["knewOn"] = ChinaTime.today.adding(days: 3).description
            try await resident.post("/portal/apply/reconsideration", form) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("知道行政行为之日不能晚于申请之日"))
            }
            #expect(try await PortalApplicationRecord.find(UUID(uuidString: draftID), on: app.db)?.state == "draft")
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .reconsideration).filter(\.$title ~~ "东市监罚〔2026〕15号").count() == 0)

            // Submitted twice (a double click): one application, one case.
            form["knewOn"] = ChinaTime.today.description
            for _ in 0..<2 {
                try await resident.post("/portal/apply/reconsideration", form) { res in
                    #expect(res.status == .seeOther)
                    #expect(res.headers.first(name: .location)?.hasPrefix("/portal/matters/\(draftID)") == true)
                }
            }
            let submitted = try #require(try await PortalApplicationRecord.find(UUID(uuidString: draftID), on: app.db))
            #expect(submitted.state == "submitted")
            #expect(submitted.serviceConsentAt != nil)
            let cases = try await CaseRecord.query(on: app.db).filter(\.$title ~~ "东市监罚〔2026〕15号").all()
            #expect(cases.count == 1)
            let record = try #require(cases.first)
            #expect(record.id == submitted.caseID)
            #expect(record.state == "awaitingAcceptance")
            #expect(try await AttachmentRecord.query(on: app.db).filter(\.$caseRecord.$id == record.id!).count() == 1)
            #expect(try await PortalUpload.query(on: app.db).count() == 0)

            // The officer sees it in 待受理, marked as an online application.
            let officer = try await TestClient.api(app, "fuyi")
            try await officer.get("/api/v1/reconsideration/cases?queue=awaitingAcceptance&pageSize=200") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(record.caseNumber))
                let page = try res.content.decode(CaseQueuePage.self)
                #expect(page.rows.first { $0.caseNumber == record.caseNumber }?.viaPortal == true)
            }
            let staffPage = try await TestClient.api(app, "fuyi")
            try await staffPage.getPage("/reconsideration?queue=awaitingAcceptance") { res in
                #expect(res.body.string.contains("网上申请"))
            }
            try await officer.get("/api/v1/reconsideration/cases/\(record.id!)") { res in
                #expect(res.body.string.contains("\"channel\":\"online\""))
            }

            // The resident follows it: status in plain words, the next deadline with its basis, the receipt code.
            try await resident.get("/portal/matters/\(draftID)") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("正在审查是否受理"))
                #expect(res.body.string.contains("行政复议法》第三十条"))
                #expect(res.body.string.contains(record.caseNumber))
            }
        }
    }

    @Test("The acceptance notice reaches the resident: a text message, the document in the portal, its opening recorded as service",
          arguments: TestDatabase.all)
    func electronicService(_ database: TestDatabase) async throws {
        try await Self.withPortal(database) { app, messages in
            let resident = try await PortalBrowser.signIn(app, phone: "13900002222", messages: messages)
            try await resident.completeProfile()
            let submitted = try await resident.submitReconsideration()
            let draftID = submitted.id!.uuidString
            let record = try #require(submitted.caseID)

            let officer = try await TestClient.api(app, "fuyi")
            _ = try await officer.event(record, ["kind": .string("accept"), "date": .string(ChinaTime.today.description), "version": .int(1)])
            var instrumentID: UUID?
            try await officer.send(.POST, "/api/v1/reconsideration/cases/\(record)/instruments", json: ["kind": "acceptanceNotice"]) { res in
                #expect(res.status == .created, "\(res.body.string)")
                instrumentID = try res.content.decode(InstrumentBody.self).id
            }
            let instrument = try #require(instrumentID)
            #expect(messages.sent.contains { $0.phone == "13900002222" && $0.text.contains("受理通知书") })

            try await resident.get("/portal/matters/\(draftID)") { res in
                #expect(res.body.string.contains("/portal/matters/\(draftID)/documents/\(instrument)"))
                #expect(res.body.string.contains("未读"))
            }
            #expect(try await ServiceRecord.query(on: app.db).filter(\.$instrument.$id == instrument).count() == 0)
            for _ in 0..<2 {
                try await resident.get("/portal/matters/\(draftID)/documents/\(instrument)") { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("受理通知书"))
                }
            }
            // Opened twice, served once: by electronic service, the day and time on the case's proof of service.
            let services = try await ServiceRecord.query(on: app.db).filter(\.$instrument.$id == instrument).all()
            #expect(services.count == 1)
            #expect(services.first?.method == .electronic)
            #expect(services.first?.servedOn == ChinaTime.today.description)
            #expect(services.first?.note?.contains("网上服务平台打开文书") == true)
            try await officer.get("/api/v1/reconsideration/cases/\(record)/services") { res in
                #expect(res.body.string.contains("electronic"))
            }
        }
    }

    @Test("A resident sees only their own matters; a receipt code follows one matter without an account", arguments: TestDatabase.all)
    func ownMattersOnly(_ database: TestDatabase) async throws {
        try await Self.withPortal(database) { app, messages in
            let owner = try await PortalBrowser.signIn(app, phone: "13900003333", messages: messages)
            try await owner.completeProfile()
            var form = try await Self.application(app)
            let draftID = UUID().uuidString
            form["draftID"] = draftID
            form["action"] = "submit"
            try await owner.post("/portal/apply/reconsideration", form) { res in #expect(res.status == .seeOther) }
            let application = try #require(try await PortalApplicationRecord.find(UUID(uuidString: draftID), on: app.db))
            let receipt = try ReceiptCode(try app.dataProtection.decrypt(try #require(application.receiptEncrypted)))

            let other = try await PortalBrowser.signIn(app, phone: "13900004444", messages: messages)
            try await other.completeProfile(name: "钱他人", idNumber: "120102198503150011")
            try await other.get("/portal/matters/\(draftID)") { res in #expect(res.status == .notFound) }
            try await other.get("/portal/matters/\(draftID)/documents/\(UUID())") { res in #expect(res.status == .notFound) }
            try await other.upload("/portal/matters/\(draftID)/files", filename: "补正.pdf", data: Self.pdf) { res in
                #expect(res.status == .notFound)
            }
            // Naming the owner's application as one's own draft does not take it over.
            form["action"] = "save"
            try await other.post("/portal/apply/reconsideration", form) { res in #expect(res.status == .notFound) }
            try await other.get("/portal/matters") { res in #expect(!res.body.string.contains(draftID)) }
            // Without a session: the sign-in page.
            try await app.testing().test(.GET, "/portal/matters/\(draftID)") { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.hasPrefix("/portal/login") == true)
            }
            // A signed-in form without the session's token is refused.
            try await owner.post("/portal/profile", ["kind": "person", "name": "赵网民", "idNumber": "11010519491231002X"], csrf: false) { res in
                #expect(res.status == .forbidden)
            }

            try await app.testing().test(.POST, "/portal/track", beforeRequest: {
                try $0.content.encode(["code": receipt.description.lowercased()], as: .urlEncodedForm)
            }, afterResponse: { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("正在审查是否受理"))
            })
            try await app.testing().test(.POST, "/portal/track", beforeRequest: {
                try $0.content.encode(["code": "ABC"], as: .urlEncodedForm)
            }, afterResponse: { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("查询码应为12位"))
            })
            try await app.testing().test(.POST, "/portal/track", beforeRequest: {
                try $0.content.encode(["code": ReceiptCode().description], as: .urlEncodedForm)
            }, afterResponse: { res in #expect(res.status == .notFound) })
        }
    }

    @Test("A mediation request goes to the committee the resident chooses, the other side checked like at the counter",
          arguments: TestDatabase.all)
    func mediationRequest(_ database: TestDatabase) async throws {
        try await Self.withPortal(database) { app, messages in
            let resident = try await PortalBrowser.signIn(app, phone: "13900001212", messages: messages)
            try await resident.completeProfile()
            let committee = try #require(try await Org.query(on: app.db).filter(\.$kind == .mediationCommittee).sort(\.$code).first())
            try await resident.get("/portal/apply/mediation") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(committee.name))
                #expect(res.body.string.contains("邻里纠纷"))
            }
            let type = try #require(try await DisputeType.all(on: app.db).first)
            var form = ["draftID": UUID().uuidString, "action": "submit", "disputeType": type.code, "respondentKind": "person",
                        "respondentName": "钱邻居", "respondentIdNumber": "120102198503150012", "summary": "楼上漏水致楼下墙面受损，协商未果"]
            // No committee chosen, and a wrong check digit on the other side: both under their fields, nothing opened.
            try await resident.post("/portal/apply/mediation", form) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("请选择申请受理的机构"))
            }
            form["orgID"] = committee.id!.uuidString
            try await resident.post("/portal/apply/mediation", form) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("id=\"f-respondentIdNumber-error\""))
            }
            form["respondentIdNumber"] = "120102198503150011"
            try await resident.post("/portal/apply/mediation", form) { res in #expect(res.status == .seeOther, "\(res.body.string)") }
            let application = try #require(try await PortalApplicationRecord.find(UUID(uuidString: form["draftID"]!), on: app.db))
            let record = try #require(try await CaseRecord.find(application.caseID, on: app.db))
            #expect(record.line == .mediation)
            #expect(record.$org.id == committee.id)
            #expect(record.state == "received")
            try await resident.get("/portal/matters/\(application.id!)") { res in
                #expect(res.body.string.contains("人民调解委员会将尽快联系您"))
                #expect(res.body.string.contains("钱邻居"))
            }
        }
    }

    @Test("A legal-aid application: the line's self-check tells the resident where they stand as they fill it in; the centre receives it",
          arguments: TestDatabase.all)
    func legalAidApplication(_ database: TestDatabase) async throws {
        try await Self.withPortal(database) { app, messages in
            let resident = try await PortalBrowser.signIn(app, phone: "13900003434", messages: messages)
            try await resident.completeProfile()
            try await resident.get("/portal/apply/legal-aid") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("填写家庭人口和家庭月收入后"))
            }
            let caseType = try #require(try await LegalAidCaseType.all(on: app.db).first)
            var form = ["draftID": UUID().uuidString, "action": "save", "matter": "civil", "caseType": caseType.code, "householdMembers": "3",
                        "monthlyIncome": "30000", "assets": "0", "summary": "被拖欠2026年6月至10月工资共计32,000元，请求援助追索"]
            try await resident.post("/portal/apply/legal-aid", form) { res in
                #expect(res.body.string.contains("可能不符合经济困难标准"))
            }
            form["claimsWagesOrInjury"] = "on"
            form["statusMigrantWorker"] = "on"
            try await resident.post("/portal/apply/legal-aid", form) { res in
                #expect(res.body.string.contains("可能符合法律援助条件"))
                #expect(res.body.string.contains("务工证明"))
            }
            form["action"] = "submit"
            try await resident.post("/portal/apply/legal-aid", form) { res in #expect(res.status == .seeOther, "\(res.body.string)") }
            let application = try #require(try await PortalApplicationRecord.find(UUID(uuidString: form["draftID"]!), on: app.db))
            let record = try #require(try await CaseRecord.find(application.caseID, on: app.db))
            #expect(record.line == .legalAid)
            #expect(record.state == "applied")
            #expect(try await Org.find(record.$org.id, on: app.db)?.kind == .legalAidCentre)
            try await resident.get("/portal/matters/\(application.id!)") { res in
                #expect(res.body.string.contains("法律援助中心正在审查"))
            }
        }
    }

    @Test("A notary application goes to the office chosen, in its 待受理 queue, with the half-day booked; a full half-day is refused, the booking moved, the office sees its day",
          arguments: TestDatabase.all)
    func notaryApplication(_ database: TestDatabase) async throws {
        try await Self.withPortal(database) { app, messages in
            let resident = try await PortalBrowser.signIn(app, phone: "13900005656", messages: messages)
            try await resident.completeProfile()
            let office = try #require(try await Org.query(on: app.db).filter(\.$kind == .notaryOffice).first())
            let type = try #require(try await NotaryMatterType.all(on: app.db).first)
            let calendar = try await CalendarStore(db: app.db).calendar()
            let slots = AppointmentSlot.bookable(from: ChinaTime.today, workingDays: 10, calendar: calendar)
            #expect(slots.count == 20)
            #expect(slots.allSatisfy { calendar.isWorkingDay($0.day) && $0.day > ChinaTime.today })
            try await resident.get("/portal/apply/notary") { res in
                #expect(res.body.string.contains(slots[0].label + "（余8个名额）"))
            }
            var form = ["draftID": UUID().uuidString, "action": "submit", "orgID": office.id!.uuidString, "matterType": type.code,
                        "purpose": "办理房产继承过户", "summary": "申请人继承其父遗留的房产一处"]
            // No half-day, or one not offered (today): under the field, the draft kept, nothing opened.
            try await resident.post("/portal/apply/notary", form) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("请选择预约到场时间"))
            }
            form["appointment"] = AppointmentSlot(day: ChinaTime.today, period: .morning).code
            try await resident.post("/portal/apply/notary", form) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("预约到场时间须为今后10个工作日内的上午或下午"))
            }
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .notary).filter(\.$org.$id == office.id!).count() == 0)

            // One visitor a half-day: the first resident has it.
            try await Setting(key: PortalAppointments.capacitySetting, value: "1").create(on: app.db)
            form["appointment"] = slots[1].code
            try await resident.post("/portal/apply/notary", form) { res in #expect(res.status == .seeOther, "\(res.body.string)") }
            let application = try #require(try await PortalApplicationRecord.find(UUID(uuidString: form["draftID"]!), on: app.db))
            let record = try #require(try await CaseRecord.find(application.caseID, on: app.db))
            #expect(record.line == .notary)
            #expect(record.$org.id == office.id)
            #expect(record.state == "received")
            let booked = try #require(try await PortalAppointments.of(caseID: record.id!, on: app.db))
            #expect(booked.slot == slots[1])
            try await resident.get("/portal/matters/\(application.id!)") { res in
                #expect(res.body.string.contains(slots[1].label + "，" + office.name))
            }

            // A second resident finds it full.
            let other = try await PortalBrowser.signIn(app, phone: "13900005657", messages: messages)
            try await other.completeProfile()
            var second = form
            second["draftID"] = UUID().uuidString
            try await other.get("/portal/apply/notary") { res in #expect(res.body.string.contains(slots[1].label + "（已约满）")) }
            try await other.post("/portal/apply/notary", second) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains(slots[1].label + "已约满，请另选时间"))
            }
            let draft = try #require(try await PortalApplicationRecord.find(UUID(uuidString: second["draftID"]!), on: app.db))
            #expect(draft.state == "draft")
            #expect(draft.caseID == nil)

            // The first moves to another half-day, freeing theirs, which the second then books.
            try await resident.post("/portal/matters/\(application.id!)/appointment", ["appointment": slots[1].code]) { res in
                #expect(res.status == .seeOther, "\(res.body.string)")
            }
            try await resident.post("/portal/matters/\(application.id!)/appointment", ["appointment": "2099-01-01-am"]) { res in
                #expect(res.status == .unprocessableEntity)
            }
            try await resident.post("/portal/matters/\(application.id!)/appointment", ["appointment": slots[3].code]) { res in
                #expect(res.status == .seeOther)
            }
            #expect(try await PortalAppointments.of(caseID: record.id!, on: app.db)?.slot == slots[3])
            try await other.post("/portal/apply/notary", second) { res in #expect(res.status == .seeOther, "\(res.body.string)") }
            // Another's matter cannot be rebooked.
            try await other.post("/portal/matters/\(application.id!)/appointment", ["appointment": slots[5].code]) { res in
                #expect(res.status == .notFound)
            }

            // The office's officer sees the day's visitors; an officer of another line does not see the page's entries.
            let officer = try await TestClient.api(app, "gongzheng")
            try await officer.getPage("/appointments?day=\(slots[3].day)") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(record.caseNumber))
            }
            try await officer.getPage("/appointments?day=not-a-day") { res in #expect(res.status == .badRequest) }
            let reviewer = try await TestClient.api(app, "fuyi")
            try await reviewer.getPage("/appointments?day=\(slots[3].day)") { res in
                #expect(!res.body.string.contains(record.caseNumber))
            }
        }
    }

    @Test("Residents racing for the places of a half-day: each gets one while one is free, none gets a place twice, and a place held by a closed case is free again",
          arguments: TestDatabase.all)
    func bookingRace(_ database: TestDatabase) async throws {
        try await Self.withPortal(database) { app, messages in
            let office = try #require(try await Org.query(on: app.db).filter(\.$kind == .notaryOffice).first())
            let type = try #require(try await NotaryMatterType.all(on: app.db).first)
            let calendar = try await CalendarStore(db: app.db).calendar()
            let slots = AppointmentSlot.bookable(from: ChinaTime.today, workingDays: 10, calendar: calendar)
            try await Setting(key: PortalAppointments.capacitySetting, value: "3").create(on: app.db)
            // Four residents each with a notarisation booked on the second half-day.
            var cases: [UUID] = []
            var accounts: [UUID] = []
            for number in 0..<4 {
                let resident = try await PortalBrowser.signIn(app, phone: "1390000800\(number)", messages: messages)
                try await resident.completeProfile()
                let form = ["draftID": UUID().uuidString, "action": "submit", "orgID": office.id!.uuidString, "matterType": type.code,
                            "purpose": "办理房产继承过户", "summary": "申请人继承房产一处", "appointment": slots[number < 3 ? 1 : 2].code]
                try await resident.post("/portal/apply/notary", form) { res in #expect(res.status == .seeOther, "\(res.body.string)") }
                let application = try #require(try await PortalApplicationRecord.find(UUID(uuidString: form["draftID"]!), on: app.db))
                cases.append(try #require(application.caseID))
                accounts.append(application.$account.id)
            }
            // All four move to the fourth half-day at once: three places, so three have one, each a different place,
            // and the fourth is told it is full — never "just taken" while a place is free.
            let policy = AppointmentPolicy(capacity: 8, workingDaysAhead: 10, purpose: "")
            let outcomes = await withTaskGroup(of: Int?.self) { group in
                for index in 0..<4 {
                    group.addTask {
                        do {
                            return try await app.db.transaction { tx in
                                try await PortalAppointments.book(slots[3].code, policy: policy, office: office.id!, caseID: cases[index],
                                                                  account: accounts[index], today: ChinaTime.today, calendar: calendar, on: tx).seat
                            }
                        } catch {
                            #expect("\(error)".contains("已约满"), "\(error)")
                            return nil
                        }
                    }
                }
                var seats: [Int?] = []
                for await seat in group { seats.append(seat) }
                return seats
            }
            #expect(outcomes.compactMap { $0 }.sorted() == [1, 2, 3])
            // The case left without a place closes (withdrawn at the counter): its old place on the second half-day is
            // no longer held, and the half-day offers it again.
            let left = try await PortalAppointment.query(on: app.db).all().filter { $0.slot != slots[3] }
            #expect(left.count == 1)
            let unplaced = try #require(left.first)
            let record = try #require(try await CaseRecord.find(unplaced.caseID, on: app.db))
            record.isOpen = false
            try await record.update(on: app.db)
            let offers = try await PortalAppointments.offers(policy, office: office.id!, today: ChinaTime.today, calendar: calendar, on: app.db)
            #expect(offers.first { $0.slot == slots[3] }?.free == 0)
            #expect(offers.first { $0.slot == unplaced.slot }?.free == 3)
        }
    }

    @Test("Codes are limited per number, expire after wrong tries, and are used once", arguments: TestDatabase.all)
    func codeLimits(_ database: TestDatabase) async throws {
        try await Self.withPortal(database) { app, messages in
            func ask(_ phone: String) async throws -> HTTPStatus {
                var status = HTTPStatus.ok
                try await app.testing().test(.POST, "/portal/login", beforeRequest: { try $0.content.encode(["phone": phone], as: .urlEncodedForm) },
                                             afterResponse: { res in
                    status = res.status
                    if res.status == .tooManyRequests { #expect(res.headers.first(name: .retryAfter) != nil) }
                })
                return status
            }
            #expect(try await ask("022-23456789") == .unprocessableEntity)
            #expect(try await ask("13900005555") == .ok)
            #expect(try await ask("13900005555") == .tooManyRequests)
            let code = try #require(messages.code(for: "13900005555"))
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 0..<OneTimeCode.maxAttempts {
                try await app.testing().test(.POST, "/portal/login/verify", beforeRequest: {
                    try $0.content.encode(["phone": "13900005555", "code": wrong], as: .urlEncodedForm)
                }, afterResponse: { res in #expect(res.status == .unprocessableEntity) })
            }
            // Given up after the wrong tries: the right code no longer opens a session.
            try await app.testing().test(.POST, "/portal/login/verify", beforeRequest: {
                try $0.content.encode(["phone": "13900005555", "code": code], as: .urlEncodedForm)
            }, afterResponse: { res in #expect(res.status == .unprocessableEntity) })
            #expect(try await PortalAccount.query(on: app.db).count() == 0)
        }
    }
}

@Suite("The portal's IDOR matrix: every portal route, one resident against another's records")
struct PortalIDORTests {
    @Test("Another resident's application, document and upload are not found on any portal route; a script in a field comes back escaped",
          arguments: TestDatabase.all)
    func residentAgainstResident(_ database: TestDatabase) async throws {
        try await PortalTests.withPortal(database) { app, messages in
            // The owner: a submitted application with a served document, and a draft with an upload.
            let owner = try await PortalBrowser.signIn(app, phone: "13900006666", messages: messages)
            try await owner.completeProfile()
            var form = try await PortalTests.application(app)
            form["act"] = "<script>alert(1)</script>东市监罚〔2026〕16号"
            let submittedID = UUID().uuidString
            form["draftID"] = submittedID
            form["action"] = "submit"
            try await owner.post("/portal/apply/reconsideration", form) { res in #expect(res.status == .seeOther, "\(res.body.string)") }
            let caseID = try #require(try await PortalApplicationRecord.find(UUID(uuidString: submittedID), on: app.db)?.caseID)
            let officer = try await TestClient.api(app, "fuyi")
            _ = try await officer.event(caseID, ["kind": .string("accept"), "date": .string(ChinaTime.today.description), "version": .int(1)])
            var instrumentID = UUID()
            try await officer.send(.POST, "/api/v1/reconsideration/cases/\(caseID)/instruments", json: ["kind": "acceptanceNotice"]) { res in
                instrumentID = try res.content.decode(InstrumentBody.self).id
            }
            let draftID = UUID().uuidString
            try await owner.upload("/portal/apply/reconsideration/files", filename: "证据.pdf", data: PortalTests.pdf, draftID: draftID) { res in
                #expect(res.status == .seeOther)
            }
            let upload = try #require(try await PortalUpload.query(on: app.db).first())
            try await owner.get("/portal/matters/\(submittedID)") { res in
                #expect(res.status == .ok)
                #expect(!res.body.string.contains("<script>alert(1)</script>"))
                #expect(res.body.string.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            }

            let intruder = try await PortalBrowser.signIn(app, phone: "13900007777", messages: messages)
            try await intruder.completeProfile(name: "孙旁人", idNumber: "120102198503150011")
            let values = ["kind": "reconsideration", "id": submittedID, "document": instrumentID.uuidString, "file": upload.id!.uuidString,
                          "token": "not-a-visit-of-theirs"]
            var walked = 0
            for route in RouteCatalogue.pages(app) where route.path.hasPrefix("/portal") && !route.parameters.isEmpty {
                // `{kind}` alone names no one's record: the form is the intruder's own.
                guard route.parameters != ["kind"] else { continue }
                let unknown = route.parameters.filter { values[$0] == nil }
                #expect(unknown.isEmpty, "a portal route with a parameter the matrix cannot fill: \(route)")
                let path = route.filled { name, _ in values[name] ?? "" }
                walked += 1
                if route.method == .GET {
                    try await intruder.get(path) { res in
                        #expect(res.status == .notFound, "\(route): \(res.status)")
                        #expect(!res.body.string.contains("东市监罚〔2026〕16号"))
                    }
                } else if path.hasSuffix("/files") {
                    try await intruder.upload(path, filename: "补正.pdf", data: PortalTests.pdf, draftID: draftID) { res in
                        #expect(res.status == .notFound, "\(route): \(res.status)")
                    }
                } else {
                    try await intruder.post(path, ["draftID": route.parameters.contains("file") ? draftID : submittedID, "action": "save"]) { res in
                        #expect(res.status == .notFound, "\(route): \(res.status)")
                    }
                }
            }
            #expect(walked >= 4)
            // The routes of `{kind}` alone, naming the owner's application in the form: not found either.
            try await intruder.post("/portal/apply/reconsideration", ["draftID": submittedID, "action": "submit"]) { res in
                #expect(res.status == .notFound)
            }
            try await intruder.upload("/portal/apply/reconsideration/files", filename: "证据.pdf", data: PortalTests.pdf, draftID: draftID) { res in
                #expect(res.status == .notFound)
            }
            // Nothing of the owner's changed.
            #expect(try await PortalUpload.query(on: app.db).count() == 1)
            #expect(try await PortalApplicationRecord.find(UUID(uuidString: submittedID), on: app.db)?.$account.id != nil)
            #expect(try await ServiceRecord.query(on: app.db).filter(\.$instrument.$id == instrumentID).count() == 0)
        }
    }
}
