import Fluent
import FazhiCore
import Vapor

/// The JSON API every case line shares: queues, one case, recording an event, assigning the handler.
/// A line supplies its rules, its queues and how to read its detail; registration is the line's own.
struct CaseAPI<Rules: CaseLineRules, Detail: Content> {
    /// The URL segment: `/api/v1/<path>/cases`.
    let path: String
    let queues: [CaseQueue]
    let detail: @Sendable (Database, CaseRecord, Rules.Dossier) async throws -> Detail
    /// The formal documents of the line.
    var instruments: [InstrumentTemplate<Rules.Dossier>] = []
    /// The detail fields the document templates print (act, request …).
    var instrumentFields: @Sendable (Detail) -> [String: String] = { _ in [:] }
    /// The line's check of a posted event against stored records, which may complete it (a mediator of the case's
    /// committee, with the name the event carries); throws a `FieldError` naming the field. Runs for the API and the
    /// pages alike, before the rules decide.
    var prepare: @Sendable (Database, CaseRecord, Rules.Event) async throws -> Rules.Event = { _, _, event in event }
    /// The line's completion of an event inside the transaction that records it, after the case's version is claimed:
    /// what must be allocated with the event and never twice (a certificate's number, with its row). Runs for the API
    /// and the pages alike; if the rules then refuse the event, the transaction and the allocation roll back.
    var complete: CaseWorkflow<Rules>.Completion?
    /// Whether one who acts on the case may record an event of `kind` (a legality review's opinion is the reviewing
    /// office's, not the submitting agency's, though both act on the case). The page offers only these; the API and the
    /// page refuse the others with a 403. Every kind, by default.
    var mayRecord: @Sendable (Scope, CaseRecord, String) -> Bool = { _, _, _ in true }

    var line: WorkLine { Rules.line }

    /// Refuses `event` when the acting user may not record its kind on `record` (`mayRecord`).
    func requireMayRecord(_ event: Rules.Event, scope: Scope, on record: CaseRecord) throws {
        guard mayRecord(scope, record, event.kind) else {
            throw Abort(.forbidden, reason: "您不能在本案登记「\(event.summary)」：该事项由其他机构办理")
        }
    }

    func register(_ routes: RoutesBuilder) {
        let cases = routes.grouped("api", "v1", PathComponent(stringLiteral: path), "cases")
        let label = line.label
        cases.get(use: list).openAPI("\(label)工作队列：queue=\(queues.map(\.key).joined(separator: "|"))，page，sort", tag: path)
        cases.get(":id", use: show).openAPI("\(label)案件详情（期限、时间线、当事人；reveal=true 显示完整个人信息）", tag: path,
                                            responses: [200: "成功", 404: "不存在或不在范围内"])
        cases.post(":id", "events", use: recordEvent).openAPI(
            "记录\(label)案件事件：{\"kind\",\"date\",…,\"version\"}；非法流转 422，版本过期 409", tag: path,
            body: ["type": "object", "required": ["kind", "date", "version"]],
            responses: [201: "已记录", 409: "版本过期，未作任何修改", 422: "不符合办案规则（message 说明依据）"])
        cases.post(":id", "assign", use: assign).openAPI("指定或更换承办人（科室负责人）", tag: path,
                                                         body: ["type": "object", "required": ["handlerID", "version"]],
                                                         responses: [200: "已指定", 409: "版本过期", 422: "输入有误"])
        cases.get(":id", "instruments", use: listInstruments).openAPI("本案已制作的文书（各版本，含 .docx 与打印版链接）", tag: path)
        cases.post(":id", "instruments", use: issueInstrument).openAPI(
            "制作文书：{\"kind\": \"\(instruments.map(\.kind).joined(separator: "|"))\"}；重新制作即生成新版本", tag: path,
            body: ["type": "object", "required": ["kind"]], responses: [201: "已制作", 422: "当前状态不能制作该文书"])
        registerDrafts(cases)
        registerServices(cases)
        cases.get(":id", "attachments", use: listAttachments).openAPI("本案证据与附件", tag: path)
        cases.post(":id", "attachments", limit: BodyLimit.attachment, use: attach).openAPI(
            "上传证据或附件（multipart：file，category）", tag: path,
            body: ["type": "object", "required": ["file", "category"],
                   "properties": ["file": ["type": "string", "contentMediaType": "application/octet-stream"], "category": ["type": "string"]]],
            responses: [201: "已上传", 422: "输入有误"], bodyType: "multipart/form-data")
    }

    /// The queue's context; `export` reads from the replica when one serves (an export may trail by a second or two,
    /// the queue on screen may not).
    func context(_ req: Request, export: Bool = false) async throws -> CaseQueue.Context {
        let current = try req.requireCurrent()
        return CaseQueue.Context(db: export ? req.readDB : req.db, userID: current.user.id!, today: ChinaTime.today,
                                 calendar: try await req.calendarStore.calendar(), line: line, scope: current.scope,
                                 timing: req.timing)
    }

    func queue(named key: String?) throws -> CaseQueue {
        guard let key, !key.isEmpty else { return queues.first ?? .all }
        guard let queue = queues.first(where: { $0.key == key }) else {
            throw FieldError(field: "queue", message: "队列须为：\(queues.map(\.key).joined(separator: "、"))")
        }
        return queue
    }

    @Sendable func list(_ req: Request) async throws -> CaseQueuePage {
        try await list(req, all: false)
    }

    /// The queue named in the request (`queue`, `sort`, `page`); `all` puts every case of it on one page (exports).
    func list(_ req: Request, all: Bool) async throws -> CaseQueuePage {
        let scope = try req.scope
        guard scope.canRead(line) else { throw Abort(.forbidden, reason: "您没有查看“\(line.label)”案件的权限") }
        let queue = try queue(named: try? req.query.get(String.self, at: "queue"))
        let paging = all ? Paging(size: ListWorkbook.maximumRows) : try Paging.from(req, size: CaseQueue.pageSize)
        return try await queue.page(context: try await context(req, export: all), paging: paging, sort: try? req.query.get(String.self, at: "sort"))
    }

    @Sendable func show(_ req: Request) async throws -> CaseBody<Detail> {
        let current = try req.requireCurrent()
        let record = try await current.scope.findCase(line, req.parameters.get("id", as: UUID.self), on: req.db)
        let reveal = (try? req.query.get(Bool.self, at: "reveal")) ?? false
        if reveal {
            try current.scope.requireAct(on: record)
            try await AuditLog.record(on: req.db, actor: current.actor, action: "reveal", entityType: "case",
                                      entityID: record.id!.uuidString, before: nil, after: ["parties": "full"])
        }
        let dossier = try await CaseWorkflow<Rules>.dossier(of: record, on: req.db, calendar: try await req.calendarStore.calendar())
        return try await req.caseReading().body(record, detail: try await detail(req.db, record, dossier), today: ChinaTime.today,
                                                full: true, reveal: reveal)
    }

    /// The body of an event request: the line's event plus the version the client last saw.
    struct Versioned: Content {
        let version: Int?
    }

    @Sendable func recordEvent(_ req: Request) async throws -> Response {
        let (current, record) = try await actingOn(req)
        guard let version = try req.content.decode(Versioned.self).version else {
            throw FieldError(field: "version", message: "请提供案件当前版本号（version），以免覆盖他人的修改")
        }
        let event = try await prepare(req.db, record, try req.content.decode(Rules.Event.self))
        try requireMayRecord(event, scope: current.scope, on: record)
        try await CaseWorkflow<Rules>(db: req.db, calendar: try await req.calendarStore.calendar(), actor: current.actor)
            .record(event, on: record, expectedVersion: version, completing: complete)
        return try await answer(req, with: record, status: .created)
    }

    /// The whole case (deadlines, timeline, parties masked, the line's detail) as the response body.
    func answer(_ req: Request, with record: CaseRecord, status: HTTPResponseStatus) async throws -> Response {
        let dossier = try await CaseWorkflow<Rules>.dossier(of: record, on: req.db, calendar: try await req.calendarStore.calendar())
        let response = Response(status: status)
        try response.content.encode(try await req.caseReading().body(record, detail: try await detail(req.db, record, dossier),
                                                                     today: ChinaTime.today, full: true))
        return response
    }

    /// The case in the request's `:id`, for one who acts on it: found and checked before the body is read, so one who may
    /// not act learns nothing from how the body is refused.
    func actingOn(_ req: Request) async throws -> (CurrentSession, CaseRecord) {
        let current = try req.requireCurrent()
        let record = try await current.scope.findCase(line, req.parameters.get("id", as: UUID.self), on: req.db)
        try current.scope.requireAct(on: record)
        return (current, record)
    }

    @Sendable func listInstruments(_ req: Request) async throws -> [InstrumentBody] {
        let record = try await req.scope.findCase(line, req.parameters.get("id", as: UUID.self), on: req.db)
        return try await InstrumentRecord.query(on: req.db).filter(\.$caseRecord.$id == record.id!)
            .sort(\.$issuedAt, .descending).all().map(InstrumentBody.init)
    }

    @Sendable func listAttachments(_ req: Request) async throws -> [AttachmentBody] {
        let record = try await req.scope.findCase(line, req.parameters.get("id", as: UUID.self), on: req.db)
        return try await AttachmentRecord.query(on: req.db).filter(\.$caseRecord.$id == record.id!)
            .sort(\.$uploadedAt).all().map(AttachmentBody.init)
    }

    struct AttachInput: Content {
        var file: File?
        var category: String?
    }

    @Sendable func attach(_ req: Request) async throws -> Response {
        let response = Response(status: .created)
        try response.content.encode(AttachmentBody(try await attach(req, input: try req.content.decode(AttachInput.self))))
        return response
    }

    /// Attaches the uploaded file to the case in the request's `:id`.
    func attach(_ req: Request, input: AttachInput) async throws -> AttachmentRecord {
        let (current, record) = try await actingOn(req)
        guard let file = input.file else { throw FieldError(field: "file", message: "请选择要上传的文件") }
        return try await Attachments.attach(file, category: input.category, to: record, actor: current.actor, on: req.db)
    }

    struct IssueInput: Content {
        let kind: String?
    }

    @Sendable func issueInstrument(_ req: Request) async throws -> Response {
        let instrument = try await issue(req, kind: try req.content.decode(IssueInput.self).kind)
        let response = Response(status: .created)
        try response.content.encode(InstrumentBody(instrument))
        return response
    }

    /// Issues the document `kind` for the case in the request's `:id`.
    func issue(_ req: Request, kind: String?) async throws -> InstrumentRecord {
        let (current, record) = try await actingOn(req)
        guard let template = instruments.first(where: { $0.kind == kind }) else {
            throw FieldError(field: "kind", message: "文书种类须为：\(instruments.map { "\($0.kind)（\($0.title)）" }.joined(separator: "、"))")
        }
        let (issuer, dossier, fields) = try await documentInputs(req, record: record, actor: current.actor)
        let instrument = try await issuer.issue(template, for: record, dossier: dossier, fields: fields, today: ChinaTime.today)
        // An applicant who applied on the portal is told by text message that a document awaits them there.
        await PortalNotices.documentIssued(instrument, on: record, req: req)
        return instrument
    }

    /// What writing a document of `record` reads, for issuing it and for the draft page's preview alike: the issuer (in
    /// the organ the line declares), the folded case and the line's fields.
    func documentInputs(_ req: Request, record: CaseRecord, actor: AuditActor) async throws
        -> (InstrumentIssuer<Rules>, Rules.Dossier, [String: String]) {
        let dossier = try await CaseWorkflow<Rules>.dossier(of: record, on: req.db, calendar: try await req.calendarStore.calendar())
        let fields = instrumentFields(try await detail(req.db, record, dossier))
        let issuer = InstrumentIssuer<Rules>(db: req.db, protection: req.dataProtection, actor: actor,
                                             declaredOrgan: req.modules.instrumentOrgans[line] ?? .bureau)
        return (issuer, dossier, fields)
    }

    struct AssignInput: Content {
        let handlerID: UUID?
        let version: Int?
    }

    @Sendable func assign(_ req: Request) async throws -> CaseBody<Detail> {
        let current = try req.requireCurrent()
        let record = try await current.scope.findCase(line, req.parameters.get("id", as: UUID.self), on: req.db)
        let input = try req.content.decode(AssignInput.self)
        try await CaseAssignment(db: req.db, scope: current.scope, actor: current.actor)
            .assign(record, to: input.handlerID, expectedVersion: input.version)
        return try await req.caseReading().body(record, detail: Optional<Detail>.none, today: ChinaTime.today, full: false)
    }
}

/// The office head assigns or reassigns a case's handler: checked against the version, audited.
struct CaseAssignment {
    let db: Database
    let scope: Scope
    let actor: AuditActor

    /// The handler named for a case of `line` at `org`: an active user the assigner can see, holding a role that acts in
    /// the line at that org (so the handler can work the case). Otherwise a field error on `handlerID`.
    static func handler(_ id: UUID?, line: WorkLine, org: UUID, scope: Scope, on db: Database) async throws -> User {
        guard let id else { throw FieldError(field: "handlerID", message: "请选择承办人") }
        guard let handler = try await scope.colleagues(on: db).filter(\.$id == id).first(), handler.active else {
            throw FieldError(field: "handlerID", message: "承办人不存在、已停用或不在您的管理范围内")
        }
        guard let caseOrg = try await Org.find(org, on: db) else { throw Abort(.notFound) }
        let grants = try await RoleGrant.query(on: db).filter(\.$user.$id == id).with(\.$org).all()
        guard grants.contains(where: { $0.role.acts(in: line, grantLine: $0.line) && caseOrg.path.hasPrefix($0.org.path) }) else {
            throw FieldError(field: "handlerID", message: "\(handler.displayName)没有在本机构办理“\(line.label)”案件的权限")
        }
        return handler
    }

    func assign(_ record: CaseRecord, to handlerID: UUID?, expectedVersion: Int?) async throws {
        guard scope.canAssign(record.line, at: record.$org.id) else {
            throw Abort(.forbidden, reason: "只有科室负责人（领导角色）可以指定承办人")
        }
        guard let expectedVersion else { throw FieldError(field: "version", message: "请提供案件当前版本号（version）") }
        _ = try await Self.handler(handlerID, line: record.line, org: record.$org.id, scope: scope, on: db)
        guard record.version == expectedVersion else { throw CaseRecord.staleVersion }
        let before = record.snapshot
        try await db.transaction { tx in
            try await record.claimVersion(expected: expectedVersion, on: tx)
            record.$handler.id = handlerID
            try await record.update(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "assign", entityType: "case", entityID: record.id!.uuidString,
                                      before: before, after: record.snapshot)
        }
    }
}
