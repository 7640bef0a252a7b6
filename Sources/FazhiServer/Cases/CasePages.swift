import Fluent
import FazhiCore
import Vapor

/// The pages every case line shares — the queue, the case page with its facts, deadlines, actions, handler,
/// parties and timeline, and the posts that record events and assign handlers. A line supplies what differs:
/// its facts, the form of each event kind, and its registration form; which events the page offers is the rules' say.
struct CasePages<Rules: CaseLineRules, Detail: Content> {
    let api: CaseAPI<Rules, Detail>
    /// The URL of the line's pages, e.g. `/<line code>`.
    let base: String
    let title: String
    let agencyHeader: String
    /// Links above the queue (registration, ledgers), shown to users who may act in the line.
    let queueLinks: [(String, String)]
    /// The line's facts for the case page: label and text.
    let facts: @Sendable (CaseRecord, Rules.Dossier, Detail) -> [(String, String)]
    /// The form of each event kind a person records on the case page (title, fields). The page offers those the rules
    /// allow now (`CaseLineRules.allowedEvents`), and the rules decide each one, exactly as for the API.
    let forms: [CaseViews.Action]
    /// A warning shown above the facts (e.g. a late application), if any.
    var warning: @Sendable (Rules.Dossier, Detail) -> String? = { _, _ in nil }
    /// The options of the forms' choices that come from stored records (the mediators of the case's committee), by
    /// field name: they replace the options the form declares.
    var choices: @Sendable (Database, CaseRecord) async throws -> [String: [(String, String)]] = { _, _ in [:] }
    /// Sections of the line's own below the deadlines (the documents in force a draft resembles, the sentences a
    /// reviewer must check), read when the page is drawn.
    var panels: @Sendable (Database, CaseRecord, Rules.Dossier, Detail) async throws -> [Markup] = { _, _, _, _ in [] }

    var line: WorkLine { Rules.line }

    func register(_ routes: RoutesBuilder) {
        let segment = PathComponent(stringLiteral: String(base.dropFirst()))
        routes.get(segment, use: queue)
        routes.get(segment, "export.xlsx", use: export)
        routes.get(segment, ":id", use: detail)
        routes.post(segment, ":id", "events", use: recordEvent)
        routes.post(segment, ":id", "assign", use: assign)
        routes.post(segment, ":id", "instruments", use: issueInstrument)
        registerDrafts(routes, segment: segment)
        registerDocuments(routes, segment: segment)
        routes.post(segment, ":id", "attachments", limit: BodyLimit.attachment, use: attach)
    }

    @Sendable func queue(_ req: Request) async throws -> Response {
        let page = try await api.list(req)
        let scope = try req.scope
        return try await req.page(title) {
            if scope.homeOrg(for: line) != nil, !queueLinks.isEmpty {
                el("p", .class("actions")) {
                    for (path, label) in queueLinks { el("a", .class("button"), .href(path)) { label } }
                }
            }
            CaseViews.queueTabs(base: base, queues: api.queues, current: page.queue)
            el("p", .class("actions")) {
                el("a", .class("button"), .href("\(base)/export.xlsx?" + ListWorkbook.query(["queue": page.queue,
                                                                                          "sort": (try? req.query.get(String.self, at: "sort")) ?? ""]))) {
                    "导出 Excel"
                }
            }
            CaseViews.queueTable(page, base: base, agencyHeader: agencyHeader)
        }
    }

    /// The queue on screen as .xlsx: every case of it (not just the page), the same columns.
    @Sendable func export(_ req: Request) async throws -> Response {
        let page = try await api.list(req, all: true)
        let queueName = api.queues.first { $0.key == page.queue }?.title ?? page.queue
        return try ListWorkbook.response(
            name: "\(title)\(queueName)", headers: ["案号", "案件", agencyHeader, "状态", "收到日期", "已等待（天）", "下一期限", "届满日期", "承办人"],
            rows: page.rows.map { row in
                [.string(row.caseNumber), .string(row.title), .string(row.agencyName ?? ""), .string(row.stateLabel),
                 .string(row.receivedOn), .number(Double(row.daysWaiting)), .string(row.nextDeadline?.title ?? ""),
                 .string(row.nextDeadline?.due ?? ""), .string(row.handlerName ?? "")]
            })
    }

    @Sendable func detail(_ req: Request) async throws -> Response {
        try await render(req, error: nil)
    }

    func render(_ req: Request, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let record = try await current.scope.findCase(line, req.parameters.get("id", as: UUID.self), on: req.db)
        let reveal = (try? req.query.get(String.self, at: "reveal")) == "1"
        if reveal {
            try current.scope.requireAct(on: record)
            try await AuditLog.record(on: req.db, actor: current.actor, action: "reveal", entityType: "case",
                                      entityID: record.id!.uuidString, before: nil, after: ["parties": "full"])
        }
        return try await CasePageView.page(req, try await model(req, record: record, reveal: reveal), error: error, status: status)
    }

    /// The case page of `record` as the signed-in user sees it.
    func model(_ req: Request, record: CaseRecord, reveal: Bool) async throws -> CasePageModel {
        try await model(reading: try await req.caseReading(), scope: try req.scope, record: record, reveal: reveal, today: ChinaTime.today)
    }

    /// The case page of `record` as a user with `scope` sees it on `today`, read through `reading`.
    func model(reading: CaseReading, scope: Scope, record: CaseRecord, reveal: Bool, today: CivilDate) async throws -> CasePageModel {
        let db = reading.db
        let dossier = try await CaseWorkflow<Rules>.dossier(of: record, on: db, calendar: reading.calendar)
        let detail = try await api.detail(db, record, dossier)
        let body = try await reading.body(record, detail: detail, today: today, full: true, reveal: reveal)
        let canAct = scope.canAct(line, at: record.$org.id)
        let canAssign = scope.canAssign(line, at: record.$org.id)
        let instruments = try await InstrumentRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).sort(\.$issuedAt, .descending).all()
        let available = api.instruments.filter { $0.isAvailable(dossier) }
        let services = try await ServiceRecord.query(on: db).filter(\.$caseID == record.id!).all()
        let choices = canAct ? try await self.choices(db, record) : [:]
        let due = DocumentsDue(templates: api.instruments, dossier: dossier, instruments: instruments, services: services,
                               recipients: try await ServiceRecorder<Rules>.recipients(of: record, on: db))
        return CasePageModel(
            record: record, base: base, warning: warning(dossier, detail),
            facts: facts(record, dossier, detail).map { CasePageModel.Fact(label: $0.0, value: $0.1) },
            handlerName: try await record.$handler.get(on: db)?.displayName,
            deadlines: body.deadlines ?? [],
            panels: try await panels(db, record, dossier, detail),
            canAct: canAct, actions: canAct ? offered(dossier).filter { api.mayRecord(scope, record, $0.kind) }.map { $0.choosing(from: choices) } : [],
            instruments: instruments,
            issuable: canAct ? available.map { ($0.kind, $0.title) } : [],
            unissued: due.unissued,
            unserved: due.unserved.map { "《\($0.title)》：\($0.recipient.name)" },
            writable: canAct ? available.filter { !$0.sections.isEmpty }.map { ($0.kind, $0.title) } : [],
            canAssign: canAssign, handlers: canAssign ? try await handlers(db, scope: scope) : [],
            attachments: try await AttachmentRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).sort(\.$uploadedAt).all(),
            parties: body.parties ?? [], revealed: reveal, events: body.events ?? [])
    }

    /// The forms of the events the rules allow on `dossier`, in the rules' order.
    func offered(_ dossier: Rules.Dossier) -> [CaseViews.Action] {
        Rules.allowedEvents(for: dossier).compactMap { kind in forms.first { $0.kind == kind } }
    }

    /// Users who may act in the line, within the assigner's scope.
    func handlers(_ db: Database, scope: Scope) async throws -> [(String, String)] {
        let grants = try await RoleGrant.query(on: db).with(\.$user).all()
        var seen = Set<UUID>()
        return grants.filter { $0.role.acts(in: line, grantLine: $0.line) && $0.user.active
            && scope.visibleOrgIDs.contains($0.user.$org.id) }
            .compactMap { grant in seen.insert(grant.user.id!).inserted ? (grant.user.id!.uuidString, grant.user.displayName) : nil }
    }

    @Sendable func recordEvent(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let record = try await current.scope.findCase(line, req.parameters.get("id", as: UUID.self), on: req.db)
        try current.scope.requireAct(on: record)
        let form = try req.content.decode([String: String].self)
        let calendar = try await req.calendarStore.calendar()
        do {
            // The form only types the fields; the rules decide, in the workflow, as for the API.
            guard let action = forms.first(where: { $0.kind == form["kind"] }) else {
                throw FieldError(field: "kind", message: "当前状态下不能办理该事项")
            }
            guard let version = form["version"].flatMap(Int.init) else { throw FieldError(field: "version", message: "缺少版本号") }
            let event = try await api.prepare(req.db, record, try JSONDecoder().decode(Rules.Event.self,
                                                                                       from: try CaseViews.eventJSON(from: form, action: action)))
            try api.requireMayRecord(event, scope: current.scope, on: record)
            try await CaseWorkflow<Rules>(db: req.db, calendar: calendar, actor: current.actor)
                .record(event, on: record, expectedVersion: version, completing: api.complete)
            return req.redirect(to: "\(base)/\(record.id!)")
        } catch let error as DomainError {
            return try await render(req, error: error.message, status: .unprocessableEntity)
        } catch is DecodingError {
            return try await render(req, error: "表单填写不完整或格式有误，请检查日期等必填项", status: .unprocessableEntity)
        } catch let abort as Abort where abort.status == .conflict {
            return try await render(req, error: abort.reason, status: .conflict)
        }
    }

    @Sendable func attach(_ req: Request) async throws -> Response {
        do {
            let attachment = try await api.attach(req, input: try req.content.decode(CaseAPI<Rules, Detail>.AttachInput.self))
            return req.redirect(to: "\(base)/\(attachment.$caseRecord.id)")
        } catch let error as DomainError {
            return try await render(req, error: error.message, status: .unprocessableEntity)
        } catch let errors as ValidationErrors {
            return try await render(req, error: errors.errors.map(\.message).joined(separator: "；"), status: .unprocessableEntity)
        }
    }

    @Sendable func issueInstrument(_ req: Request) async throws -> Response {
        do {
            let instrument = try await api.issue(req, kind: try req.content.decode([String: String].self)["kind"])
            return req.redirect(to: "\(base)/\(instrument.$caseRecord.id)")
        } catch let error as DomainError {
            return try await render(req, error: error.message, status: .unprocessableEntity)
        }
    }

    @Sendable func assign(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let record = try await current.scope.findCase(line, req.parameters.get("id", as: UUID.self), on: req.db)
        let form = try req.content.decode([String: String].self)
        do {
            try await CaseAssignment(db: req.db, scope: current.scope, actor: current.actor)
                .assign(record, to: form["handlerID"].flatMap(UUID.init(uuidString:)), expectedVersion: form["version"].flatMap(Int.init))
            return req.redirect(to: "\(base)/\(record.id!)")
        } catch let error as DomainError {
            return try await render(req, error: error.message, status: .unprocessableEntity)
        } catch let abort as Abort where abort.status == .conflict {
            return try await render(req, error: abort.reason, status: .conflict)
        }
    }
}
