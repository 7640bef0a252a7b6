import Fluent
import FazhiCore
import Vapor

/// Special clean-up campaigns (专项清理): the bureau opens one over the documents in force (of one agency or all, or
/// those due to expire), decides each — keep, amend, repeal, declare expired — and closes it when every one is decided;
/// a repeal or an expiry changes the document's status in the decision's transaction. `normative_docs.cleanups` counts
/// campaigns closed in the year.
enum NormativeCleanups {
    /// The most documents one campaign holds.
    static let maximumItems = 2_000

    struct Input: Content {
        var title: String?
        var startedOn: String?
        /// An agency's id, or blank for every agency in scope.
        var agencyID: String?
        /// Only documents due to expire within six months.
        var expiringOnly: Bool?
    }

    struct Decision: Content {
        var decision: String?
        var date: String?
        var note: String?
    }

    struct CampaignBody: Content {
        struct Item: Content {
            let id: UUID
            let documentID: UUID
            let number: String
            let title: String
            let agency: String
            let expiresOn: String?
            let decision: String?
            let decisionLabel: String?
            let decidedOn: String?
            let note: String?
        }

        let id: UUID
        let title: String
        let startedOn: String
        let closedOn: String?
        let decided: Int
        let total: Int
        let items: [Item]
    }

    static func routes(_ routes: RoutesBuilder) {
        let api = routes.grouped("api", "v1", "normative-documents", "cleanups")
        api.get { req async throws -> [CampaignBody] in
            var bodies: [CampaignBody] = []
            for campaign in try await campaigns(req) { bodies.append(try await body(campaign, on: req.db, items: false)) }
            return bodies
        }.openAPI("专项清理列表", tag: "normative-documents")
        api.post { req async throws -> Response in
            _ = try await office(req)
            let campaign = try await open(try req.content.decode(Input.self), req: req)
            let response = Response(status: .created)
            try response.content.encode(try await body(campaign, on: req.db, items: true))
            return response
        }.openAPI("开展专项清理：{title, startedOn, agencyID（空为全部）, expiringOnly}", tag: "normative-documents",
                  body: ["type": "object", "required": ["title", "startedOn"]], responses: [201: "已开展", 403: "无权限", 422: "输入有误"])
        api.get(":id") { req async throws -> CampaignBody in
            try await body(try await find(req), on: req.db, items: true)
        }.openAPI("专项清理详情：每件文件的清理结果", tag: "normative-documents", responses: [200: "成功", 404: "不存在"])
        api.post(":id", "items", ":item") { req async throws -> CampaignBody in
            let campaign = try await find(req)
            _ = try await office(req)
            try await decide(campaign, item: req.parameters.get("item", as: UUID.self), try req.content.decode(Decision.self), req: req)
            return try await body(campaign, on: req.db, items: true)
        }.openAPI("作出清理决定：{decision: keep|amend|repeal|declareExpired, date, note}", tag: "normative-documents",
                  body: ["type": "object", "required": ["decision", "date"]], responses: [200: "已决定", 404: "不存在", 422: "不符合规则"])
        api.post(":id", "close") { req async throws -> CampaignBody in
            let campaign = try await find(req)
            _ = try await office(req)
            try await close(campaign, date: try req.content.decode(Decision.self).date, req: req)
            return try await body(campaign, on: req.db, items: true)
        }.openAPI("结束专项清理（每件文件均已作出决定）：{date}", tag: "normative-documents",
                  body: ["type": "object", "required": ["date"]], responses: [200: "已结束", 422: "尚有文件未作决定"])
        let pages = routes.grouped("normative-documents", "cleanups")
        pages.get(use: listPage)
        pages.post(use: openPage)
        pages.get(":id", use: showPage)
        pages.post(":id", "items", ":item", use: decidePage)
        pages.post(":id", "close", use: closePage)
    }

    /// Who writes: the database, the user's scope, the actor for the audit log.
    struct Context {
        let db: Database
        let scope: Scope
        let actor: AuditActor
    }

    static func context(_ req: Request) throws -> Context {
        let current = try req.requireCurrent()
        return Context(db: req.db, scope: current.scope, actor: current.actor)
    }

    /// The office that runs campaigns: one who acts in the line at an org that is not an agency.
    static func office(_ req: Request) async throws -> Org { try await office(try context(req)) }

    static func office(_ c: Context) async throws -> Org {
        for grant in c.scope.grants where grant.role.acts(in: .normativeDocument, grantLine: grant.line) {
            if let org = try await Org.find(grant.orgID, on: c.db), org.kind != .agency { return org }
        }
        throw Abort(.forbidden, reason: "专项清理由司法局组织，您没有权限")
    }

    static func campaigns(_ req: Request) async throws -> [NormativeCleanupCampaign] {
        let orgIDs = try NormativeDocumentAPI.readable(req)
        return try await NormativeCleanupCampaign.query(on: req.db).filter(\.$org.$id ~~ orgIDs).sort(\.$startedOn, .descending).limit(500).all()
    }

    static func find(_ req: Request) async throws -> NormativeCleanupCampaign {
        let orgIDs = try NormativeDocumentAPI.readable(req)
        guard let id = req.parameters.get("id", as: UUID.self), let campaign = try await NormativeCleanupCampaign.find(id, on: req.db),
              orgIDs.contains(campaign.$org.id) else { throw Abort(.notFound, reason: "没有找到该专项清理") }
        return campaign
    }

    static func open(_ input: Input, req: Request) async throws -> NormativeCleanupCampaign {
        try await open(input, try context(req), today: ChinaTime.today)
    }

    static func open(_ input: Input, _ c: Context, today: CivilDate) async throws -> NormativeCleanupCampaign {
        let office = try await office(c)
        var errors = ValidationErrors()
        let title = (input.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 100 { errors.add("title", "清理名称不能为空，且不超过100个字符") }
        if let problem = PlainText.problem(title, field: "title", label: "清理名称") { errors.errors.append(problem) }
        let started = NormativeDocumentRegister.date(input.startedOn, "startedOn", "开始日期", required: true, notAfter: today, &errors)
        let subtree = Set(try await Org.query(on: c.db).filter(\.$path =~ office.path).all(\.$id))
        let readable = c.scope.readableOrgIDs(.normativeDocument).intersection(subtree)
        var orgIDs = Array(readable)
        if let text = input.agencyID?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if let id = UUID(uuidString: text), readable.contains(id) { orgIDs = [id] } else { errors.add("agencyID", "制定机关不在您的范围内") }
        }
        try errors.throwIfAny()
        var documents = NormativeDocumentRecord.query(on: c.db).filter(\.$org.$id ~~ (orgIDs.isEmpty ? [UUID()] : orgIDs))
            .filter(\.$status == NormativeDocumentStatus.inForce.rawValue)
        if input.expiringOnly == true {
            documents = documents.filter(\.$expiresOn != nil).filter(\.$expiresOn <= today.adding(days: 183).description)
        }
        let ids = try await documents.sort(\.$publishedOn).limit(maximumItems + 1).all(\.$id)
        if ids.isEmpty { throw FieldError(field: "agencyID", message: "范围内没有现行有效的文件，无需清理") }
        if ids.count > maximumItems {
            throw FieldError(field: "agencyID", message: "一次专项清理最多\(maximumItems)件文件，请按制定机关分别开展")
        }
        let campaign = NormativeCleanupCampaign()
        campaign.id = UUID()
        campaign.$org.id = office.id!
        campaign.title = title
        campaign.startedOn = started!.description
        try await c.db.transaction { tx in
            try await campaign.create(on: tx)
            for id in ids {
                let item = NormativeCleanupItem()
                item.id = UUID()
                item.$campaign.id = campaign.id!
                item.$document.id = id
                try await item.create(on: tx)
            }
            try await AuditLog.record(on: tx, actor: c.actor, action: "create", entityType: "normativeCleanup", entityID: campaign.id!.uuidString,
                                      before: nil, after: ["title": title, "documents": String(ids.count)])
        }
        return campaign
    }

    static func decide(_ campaign: NormativeCleanupCampaign, item id: UUID?, _ input: Decision, req: Request) async throws {
        try await decide(campaign, item: id, input, try context(req), today: ChinaTime.today)
    }

    static func decide(_ campaign: NormativeCleanupCampaign, item id: UUID?, _ input: Decision, _ c: Context, today: CivilDate) async throws {
        _ = try await office(c)
        guard campaign.closedOn == nil else { throw FieldError(field: "decision", message: "该专项清理已于\(campaign.closedOn!)结束") }
        guard let id, let item = try await NormativeCleanupItem.query(on: c.db).filter(\.$id == id).filter(\.$campaign.$id == campaign.id!).first() else {
            throw Abort(.notFound, reason: "该文件不在本次清理范围内")
        }
        guard let decision = CleanupDecision(rawValue: input.decision ?? "") else {
            throw FieldError(field: "decision", message: "清理决定须为：" + CleanupDecision.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))
        }
        if item.decision != nil { throw FieldError(field: "decision", message: "该文件已作出清理决定") }
        var errors = ValidationErrors()
        let date = NormativeDocumentRegister.date(input.date, "date", "决定日期", required: true, notAfter: today, &errors)
        try errors.throwIfAny()
        if date!.description < campaign.startedOn { throw FieldError(field: "date", message: "决定日期不能早于清理开始日期\(campaign.startedOn)") }
        let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > 1_000 { throw FieldError(field: "note", message: "说明不能超过1000个字符") }
        if decision != .keep, note.isEmpty { throw FieldError(field: "note", message: "\(decision.label)的，须写明理由") }
        let document = try await NormativeDocumentRecord.find(item.$document.id, on: c.db)!
        item.decision = decision.rawValue
        item.decidedOn = date!.description
        item.note = note.nonEmpty
        try await c.db.transaction { tx in
            try await item.update(on: tx)
            if decision.resultingStatus != .inForce, document.documentStatus == .inForce {
                document.status = decision.resultingStatus.rawValue
                try await document.update(on: tx)
            }
            try await NormativeDocumentHistory(documentID: document.id!, on: date!.description,
                                               summary: "专项清理「\(campaign.title)」：\(decision.label)" + (note.isEmpty ? "" : "（\(note)）"),
                                               actor: c.actor.name).create(on: tx)
            try await AuditLog.record(on: tx, actor: c.actor, action: "decide", entityType: "normativeCleanup", entityID: campaign.id!.uuidString,
                                      before: nil, after: ["document": document.number, "decision": decision.rawValue])
        }
    }

    static func close(_ campaign: NormativeCleanupCampaign, date text: String?, req: Request) async throws {
        try await close(campaign, date: text, try context(req), today: ChinaTime.today)
    }

    static func close(_ campaign: NormativeCleanupCampaign, date text: String?, _ c: Context, today: CivilDate) async throws {
        _ = try await office(c)
        guard campaign.closedOn == nil else { throw FieldError(field: "date", message: "该专项清理已于\(campaign.closedOn!)结束") }
        var errors = ValidationErrors()
        let date = NormativeDocumentRegister.date(text, "date", "结束日期", required: true, notAfter: today, &errors)
        try errors.throwIfAny()
        let open = try await NormativeCleanupItem.query(on: c.db).filter(\.$campaign.$id == campaign.id!).filter(\.$decision == nil).count()
        if open > 0 { throw FieldError(field: "date", message: "尚有\(open)件文件未作出清理决定，不能结束专项清理") }
        let last = try await NormativeCleanupItem.query(on: c.db).filter(\.$campaign.$id == campaign.id!).all(\.$decidedOn).compactMap { $0 }.max() ?? campaign.startedOn
        if date!.description < last { throw FieldError(field: "date", message: "结束日期不能早于最后一项清理决定的日期\(last)") }
        campaign.closedOn = date!.description
        try await c.db.transaction { tx in
            try await campaign.update(on: tx)
            try await AuditLog.record(on: tx, actor: c.actor, action: "close", entityType: "normativeCleanup", entityID: campaign.id!.uuidString,
                                      before: nil, after: ["closedOn": date!.description])
        }
    }

    static func body(_ campaign: NormativeCleanupCampaign, on db: Database, items withItems: Bool) async throws -> CampaignBody {
        let items = try await NormativeCleanupItem.query(on: db).filter(\.$campaign.$id == campaign.id!).with(\.$document).all()
        let decided = items.filter { $0.decision != nil }.count
        let rows = withItems ? items.sorted { $0.document.number < $1.document.number }.map { item in
            CampaignBody.Item(id: item.id!, documentID: item.document.id!, number: item.document.number, title: item.document.title,
                              agency: item.document.agencyName, expiresOn: item.document.expiresOn, decision: item.decision,
                              decisionLabel: item.decision.flatMap { CleanupDecision(rawValue: $0)?.label }, decidedOn: item.decidedOn, note: item.note)
        } : []
        return CampaignBody(id: campaign.id!, title: campaign.title, startedOn: campaign.startedOn, closedOn: campaign.closedOn, decided: decided,
                            total: items.count, items: rows)
    }

    @Sendable static func listPage(_ req: Request) async throws -> Response {
        try await renderList(req, state: FormState(values: ["startedOn": ChinaTime.today.description]))
    }

    static func renderList(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        var rows: [[Markup]] = []
        for campaign in try await campaigns(req) {
            let body = try await body(campaign, on: req.db, items: false)
            rows.append([el("a", .href("/normative-documents/cleanups/\(campaign.id!)")) { campaign.title }, .text(campaign.startedOn),
                         .text("\(body.decided)/\(body.total)"), badge(campaign.closedOn.map { "\($0)结束" } ?? "进行中", tone: campaign.closedOn == nil ? "info" : "ok")])
        }
        let mayOpen = (try? await office(req)) != nil
        let agencies = try await NormativeDocumentPages.agencyOptions(req)
        let bar = try NormativeDocumentPages.links(req)
        return try await req.page("专项清理", status: status) {
            bar
            errorSummary(state)
            dataTable(headers: ["清理名称", "开始日期", "已决定/文件数", "状态"], rows: rows, empty: "尚未开展专项清理")
            if mayOpen {
                el("h2") { "开展专项清理" }
                el("form", Attribute("method", "post"), Attribute("action", "/normative-documents/cleanups"), .class("card")) {
                    csrfField(current.session.csrfToken)
                    textField("title", label: "清理名称", state: state, required: true, hint: "如：涉及不平等对待企业的规范性文件专项清理")
                    textField("startedOn", label: "开始日期", state: state, type: "date", required: true)
                    selectField("agencyID", label: "制定机关", options: agencies, state: state, blank: "全部制定机关")
                    el("div", .class("field")) {
                        el("label") {
                            el("input", .type("checkbox"), .name("expiringOnly"), .value("true"), .flag("checked", state["expiringOnly"] == "true"))
                            " 仅清理半年内到期的文件"
                        }
                    }
                    submitButton("开展清理")
                }
            }
        }
    }

    @Sendable static func openPage(_ req: Request) async throws -> Response {
        _ = try await office(req)
        let form = try req.content.decode([String: String].self)
        do {
            let campaign = try await open(.init(title: form["title"], startedOn: form["startedOn"], agencyID: form["agencyID"],
                                                expiringOnly: form["expiringOnly"] == "true"), req: req)
            return req.redirect(to: "/normative-documents/cleanups/\(campaign.id!)")
        } catch let errors as ValidationErrors {
            return try await renderList(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        } catch let error as FieldError {
            return try await renderList(req, state: FormState(values: form, errors: ValidationErrors([error])), status: .unprocessableEntity)
        }
    }

    @Sendable static func showPage(_ req: Request) async throws -> Response {
        try await renderCampaign(req, error: nil)
    }

    static func renderCampaign(_ req: Request, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let campaign = try await find(req)
        let body = try await body(campaign, on: req.db, items: true)
        let isOffice = (try? await office(req)) != nil
        let mayDecide = campaign.closedOn == nil && isOffice
        let csrf = current.session.csrfToken
        let today = ChinaTime.today.description
        return try await req.page("专项清理：\(campaign.title)", status: status) {
            if let error { notice(error, tone: "error") }
            el("p") { "开始日期 \(campaign.startedOn)；已决定 \(body.decided) / \(body.total) 件" + (campaign.closedOn.map { "；\($0)结束" } ?? "") }
            dataTable(headers: ["文号", "文件名称", "制定机关", "有效期至", "清理决定"], rows: body.items.map { item in
                let decision: Markup = if let label = item.decisionLabel {
                    .text("\(item.decidedOn ?? "") \(label)" + (item.note.map { "（\($0)）" } ?? ""))
                } else if mayDecide {
                    el("form", Attribute("method", "post"), Attribute("action", "/normative-documents/cleanups/\(campaign.id!)/items/\(item.id)"), .class("inline-form")) {
                        csrfField(csrf)
                        el("input", .type("hidden"), .name("date"), .value(today))
                        el("select", .name("decision"), .aria("label", "清理决定：\(item.number)")) {
                            for decision in CleanupDecision.allCases { el("option", .value(decision.rawValue)) { decision.label } }
                        }
                        el("input", .type("text"), .name("note"), Attribute("placeholder", "理由（继续有效可不填）"), .aria("label", "理由：\(item.number)"))
                        el("button", .type("submit")) { "决定" }
                    }
                } else {
                    .text("未决定")
                }
                return [el("a", .href("/normative-documents/\(item.documentID)")) { item.number }, .text(item.title), .text(item.agency),
                        .text(item.expiresOn ?? "未规定"), decision]
            })
            if mayDecide {
                el("form", Attribute("method", "post"), Attribute("action", "/normative-documents/cleanups/\(campaign.id!)/close"), .class("card")) {
                    csrfField(csrf)
                    textField("date", label: "结束日期", state: FormState(values: ["date": today]), type: "date", required: true)
                    submitButton("结束专项清理")
                }
            }
            el("p") { el("a", .href("/normative-documents/cleanups")) { "返回专项清理" } }
        }
    }

    @Sendable static func decidePage(_ req: Request) async throws -> Response {
        let campaign = try await find(req)
        _ = try await office(req)
        let form = try req.content.decode([String: String].self)
        do {
            try await decide(campaign, item: req.parameters.get("item", as: UUID.self), .init(decision: form["decision"], date: form["date"], note: form["note"]), req: req)
            return req.redirect(to: "/normative-documents/cleanups/\(campaign.id!)")
        } catch let error as FieldError {
            return try await renderCampaign(req, error: error.message, status: .unprocessableEntity)
        } catch let errors as ValidationErrors {
            return try await renderCampaign(req, error: errors.errors.map(\.message).joined(separator: "；"), status: .unprocessableEntity)
        }
    }

    @Sendable static func closePage(_ req: Request) async throws -> Response {
        let campaign = try await find(req)
        _ = try await office(req)
        let form = try req.content.decode([String: String].self)
        do {
            try await close(campaign, date: form["date"], req: req)
            return req.redirect(to: "/normative-documents/cleanups/\(campaign.id!)")
        } catch let error as FieldError {
            return try await renderCampaign(req, error: error.message, status: .unprocessableEntity)
        } catch let errors as ValidationErrors {
            return try await renderCampaign(req, error: errors.errors.map(\.message).joined(separator: "；"), status: .unprocessableEntity)
        }
    }
}
