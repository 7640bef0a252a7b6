import FazhiCore
import Fluent
import Foundation
import Vapor

/// A user's own reminders: the inbox (`/account/inbox`) and the channels they choose (`/account/reminders`), with the
/// same in the API under `/api/v1/me`. Each reads and changes only the signed-in user's own records: another user's
/// notice is 404.
enum ReminderPages {
    static let inboxPath = "/account/inbox"
    static let channelsPath = "/account/reminders"
    static let pageSize = 20

    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("account", "inbox", use: inboxPage)
        routes.post("account", "inbox", ":id", "read", use: markReadFromForm)
        routes.post("account", "inbox", "read-all", use: markAllReadFromForm)
        routes.get("account", "reminders", use: channelsPage)
        routes.post("account", "reminders", use: saveChannelsFromForm)
        routes.get("api", "v1", "me", "inbox", use: inbox)
            .openAPI("我的消息提醒（每日到期提醒、超期督办；page 分页，每页 20 条，最新在前）", tag: "reminders")
        routes.post("api", "v1", "me", "inbox", ":id", "read", use: markRead).openAPI(
            "标记一条消息提醒为已读", tag: "reminders", responses: [200: "已读", 404: "没有这条消息（或不是本人的）"])
        routes.get("api", "v1", "me", "reminder-channels", use: channels).openAPI("我的提醒方式（站内消息之外：电子邮件、短信）", tag: "reminders")
        routes.put("api", "v1", "me", "reminder-channels", use: saveChannels).openAPI(
            "设置我的提醒方式（选择电子邮件或短信时须填写相应地址）", tag: "reminders",
            body: OpenAPIDocument.object(["email": "string", "phone": "string", "byEmail": "boolean", "bySMS": "boolean"]),
            responses: [200: "已保存", 422: "地址格式不正确，或选择了提醒方式而未填地址"])
    }

    struct NoticeBody: Content {
        let id: UUID
        let kind: String
        let title: String
        let lines: [NoticeLine]
        let createdAt: Date
        let readAt: Date?

        init(_ notice: InboxNotice) {
            id = notice.id!
            kind = notice.kind
            title = notice.title
            lines = notice.lines
            createdAt = notice.createdAt
            readAt = notice.readAt
        }
    }

    struct InboxBody: Content {
        let unread: Int
        let total: Int
        let page: Int
        let pageSize: Int
        let notices: [NoticeBody]
    }

    static func listing(_ req: Request) async throws -> InboxBody {
        let user = try req.requireCurrent().user.id!
        let paging = try Paging.from(req, size: pageSize)
        let query = InboxNotice.query(on: req.db).filter(\.$userID == user)
        let total = try await query.count()
        let notices = try await InboxNotice.query(on: req.db).filter(\.$userID == user).sort(\.$createdAt, .descending)
            .sort(\.$id, .descending).range(paging.range).all()
        return InboxBody(unread: try await Notices.unreadCount(of: user, on: req.db), total: total, page: paging.page,
                         pageSize: pageSize, notices: notices.map(NoticeBody.init))
    }

    static func inbox(_ req: Request) async throws -> InboxBody { try await listing(req) }

    /// Marks the user's own notice read; another's, or none, is 404.
    static func read(_ req: Request) async throws -> InboxNotice {
        let user = try req.requireCurrent().user.id!
        guard let id = req.parameters.get("id", as: UUID.self),
              let notice = try await InboxNotice.query(on: req.db).filter(\.$id == id).filter(\.$userID == user).first() else {
            throw Abort(.notFound, reason: "没有这条消息")
        }
        if notice.readAt == nil {
            notice.readAt = Date()
            try await notice.update(on: req.db)
        }
        return notice
    }

    static func markRead(_ req: Request) async throws -> NoticeBody { NoticeBody(try await read(req)) }

    static func markReadFromForm(_ req: Request) async throws -> Response {
        _ = try await read(req)
        return req.redirect(to: inboxPath)
    }

    static func markAllReadFromForm(_ req: Request) async throws -> Response {
        let user = try req.requireCurrent().user.id!
        try await InboxNotice.query(on: req.db).filter(\.$userID == user).filter(\.$readAt == nil).set(\.$readAt, to: Date()).update()
        return req.redirect(to: inboxPath)
    }

    static func inboxPage(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let listing = try await listing(req)
        return try await req.page("消息提醒") {
            el("p", .class("hint")) {
                "每个工作日 8 时，系统把您承办案件的到期情况发到这里；科室负责人另收本科室法定期限超期的督办提醒。"
                el("a", .href(channelsPath)) { "设置同时用电子邮件或短信提醒" }
                "。"
            }
            el("p") { "未读 \(listing.unread) 条，共 \(listing.total) 条。" }
            if listing.unread > 0 {
                el("form", Attribute("method", "post"), Attribute("action", "\(inboxPath)/read-all"), .class("inline")) {
                    csrfField(current.session.csrfToken)
                    el("button", .type("submit")) { "全部标为已读" }
                }
            }
            if listing.notices.isEmpty { el("p", .class("empty")) { "暂无消息" } }
            for notice in listing.notices {
                el("article", .class(notice.readAt == nil ? "card notice unread" : "card notice")) {
                    el("h2") {
                        if notice.readAt == nil { badge("未读", tone: "info") }
                        " " + notice.title
                    }
                    el("p", .class("hint")) { TableDateFormat.format(notice.createdAt, withTime: true) }
                    el("ul") {
                        for line in notice.lines {
                            el("li") { if let href = line.href { el("a", .href(href)) { line.text } } else { line.text } }
                        }
                    }
                    if notice.readAt == nil {
                        el("form", Attribute("method", "post"), Attribute("action", "\(inboxPath)/\(notice.id)/read"), .class("inline")) {
                            csrfField(current.session.csrfToken)
                            el("button", .type("submit")) { "标为已读" }
                        }
                    }
                }
            }
            pager(page: listing.page, total: listing.total, pageSize: pageSize, base: inboxPath, query: [:])
        }
    }

    // MARK: Channels

    struct ChannelsInput: Content {
        var email: String?
        var phone: String?
        var byEmail: Bool?
        var bySMS: Bool?
    }

    struct ChannelsBody: Content {
        let email: String?
        let phone: String?
        let byEmail: Bool
        let bySMS: Bool
    }

    static func stored(_ user: UUID, on db: Database) async throws -> ReminderChannels? {
        try await ReminderChannels.query(on: db).filter(\.$userID == user).first()
    }

    static func channels(_ req: Request) async throws -> ChannelsBody {
        let stored = try await stored(try req.requireCurrent().user.id!, on: req.db)
        return ChannelsBody(email: stored?.email, phone: stored?.phone, byEmail: stored?.byEmail ?? false, bySMS: stored?.bySMS ?? false)
    }

    /// Checks and stores the user's channels: an address for each channel chosen, each in its form; audited.
    static func save(_ input: ChannelsInput, req: Request) async throws -> ChannelsBody {
        let current = try req.requireCurrent()
        let email = input.email?.trimmingCharacters(in: .whitespaces).nonEmpty
        let typedPhone = input.phone?.trimmingCharacters(in: .whitespaces).nonEmpty
        let byEmail = input.byEmail ?? false, bySMS = input.bySMS ?? false
        var errors = ValidationErrors()
        if let email, !ReminderAddress.isEmail(email) {
            errors.add("email", "电子邮箱格式不正确（如 zhangsan@hedong.gov.cn，不超过 254 个字符）")
        } else if byEmail, email == nil {
            errors.add("email", "选择用电子邮件提醒时须填写电子邮箱")
        }
        // A text message reaches a mobile only: the number as `PhoneNumber` reads it (spaces dropped), of kind mobile.
        let mobile = typedPhone.flatMap { try? PhoneNumber($0) }.flatMap { $0.kind == .mobile ? $0 : nil }
        let phone = mobile?.value
        if typedPhone != nil, mobile == nil {
            errors.add("phone", "手机号码应为 11 位数字，以 1 开头，第二位为 3 至 9")
        } else if bySMS, phone == nil {
            errors.add("phone", "选择用短信提醒时须填写手机号码")
        }
        try errors.throwIfAny()
        let user = current.user.id!
        try await req.db.transaction { tx in
            let record = try await stored(user, on: tx) ?? {
                let fresh = ReminderChannels()
                fresh.id = UUID()
                fresh.userID = user
                return fresh
            }()
            let before = record.$byEmail.value == nil ? nil : ["email": record.email ?? "", "phone": record.phone ?? "",
                                                               "byEmail": String(record.byEmail), "bySMS": String(record.bySMS)]
            record.email = email
            record.phone = phone
            record.byEmail = byEmail
            record.bySMS = bySMS
            record.updatedAt = Date()
            try await record.save(on: tx)
            try await AuditLog.record(on: tx, actor: current.actor, action: "reminders:channels", entityType: "user", entityID: user.uuidString,
                                      before: before, after: ["email": email ?? "", "phone": phone ?? "", "byEmail": String(byEmail), "bySMS": String(bySMS)])
        }
        return ChannelsBody(email: email, phone: phone, byEmail: byEmail, bySMS: bySMS)
    }

    static func saveChannels(_ req: Request) async throws -> ChannelsBody {
        try await save(try req.content.decode(ChannelsInput.self), req: req)
    }

    static func saveChannelsFromForm(_ req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        let input = ChannelsInput(email: form["email"], phone: form["phone"], byEmail: form["byEmail"] == "on", bySMS: form["bySMS"] == "on")
        do {
            _ = try await save(input, req: req)
            return req.redirect(to: channelsPath + "?saved=1")
        } catch let errors as ValidationErrors {
            var state = FormState(values: form, errors: errors)
            state.values["byEmail"] = input.byEmail == true ? "on" : ""
            state.values["bySMS"] = input.bySMS == true ? "on" : ""
            return try await channelsForm(req, state: state, status: .unprocessableEntity)
        }
    }

    static func channelsPage(_ req: Request) async throws -> Response {
        let body = try await channels(req)
        var state = FormState()
        state.values = ["email": body.email ?? "", "phone": body.phone ?? "", "byEmail": body.byEmail ? "on" : "", "bySMS": body.bySMS ? "on" : ""]
        return try await channelsForm(req, state: state, saved: req.query[String.self, at: "saved"] == "1")
    }

    static func channelsForm(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok, saved: Bool = false) async throws -> Response {
        let current = try req.requireCurrent()
        return try await req.page("提醒方式", status: status) {
            if saved { notice("已保存", tone: "ok") }
            el("p", .class("hint")) { "站内消息始终保留在“消息提醒”中；另可选择同时用电子邮件或短信提醒（短信只提示标题）。" }
            errorSummary(state)
            el("form", Attribute("method", "post"), Attribute("action", channelsPath), .class("card")) {
                csrfField(current.session.csrfToken)
                textField("email", label: "电子邮箱", state: state, type: "email", autocomplete: "email")
                checkbox("byEmail", label: "用电子邮件提醒", checked: state["byEmail"] == "on")
                textField("phone", label: "手机号码", state: state, type: "tel", autocomplete: "tel")
                checkbox("bySMS", label: "用短信提醒", checked: state["bySMS"] == "on")
                submitButton("保存")
            }
        }
    }

    private static func checkbox(_ name: String, label: String, checked: Bool) -> Markup {
        el("div", .class("field checkbox")) {
            el("input", attributes: [.type("checkbox"), .id("f-" + name), .name(name)] + (checked ? [Attribute("checked", "checked")] : []))
            el("label", .for("f-" + name)) { label }
        }
    }
}

/// The forms an address may take.
enum ReminderAddress {
    static func isEmail(_ text: String) -> Bool {
        // Printable ASCII only (0x21–0x7E): no control characters, no address a relay without SMTPUTF8 would refuse.
        guard text.utf8.count <= 254, text.utf8.allSatisfy({ (0x21...0x7E).contains($0) }),
              !text.contains(where: { $0 == "<" || $0 == ">" || $0 == "," }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }
}
