import Fluent
import FazhiCore
import Vapor

/// Following a matter: the resident's own applications (never another's: every lookup is by the signed-in account), a
/// matter's status in plain words, its running deadlines with their legal basis, its history, the documents served on
/// the applicant — opening one is its electronic service (电子送达), recorded on the case with the time — and further
/// material while the case is open. The same status, deadlines and history by receipt code, without an account.
enum PortalMatterPages {
    static func routes(_ portal: RoutesBuilder) {
        portal.get("matters", use: list)
        portal.get("matters", ":id", use: matter)
        portal.post("matters", ":id", "appointment", use: rebook)
        portal.get("matters", ":id", "documents", ":document", use: document)
        portal.post("matters", ":id", "files", limit: BodyLimit.portalUpload, use: supplement)
        portal.get("track", use: trackForm)
        portal.post("track", use: track)
    }

    static func list(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let applications = try await PortalApplicationRecord.query(on: req.db).filter(\.$account.$id == resident.account.id!)
            .sort(\.$updatedAt, .descending).limit(200).all()
        let caseIDs = applications.compactMap(\.caseID)
        let cases = try await CaseRecord.query(on: req.db).filter(\.$id ~~ (caseIDs.isEmpty ? [UUID()] : caseIDs)).all()
        let byID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id!, $0) })
        let kinds = Dictionary(uniqueKeysWithValues: req.modules.portalApplications.map { ($0.code, $0) })
        return req.portalPage("我的事项") {
            if !resident.account.hasProfile {
                el("p", .class("alert")) { "请先"; el("a", .href("/portal/profile")) { "填写实名信息" }; "，再提交申请。" }
            }
            if applications.isEmpty {
                el("p") { "您还没有申请。"; el("a", .href("/portal")) { "去申请" } }
            }
            el("ul", .class("portal-cards matters")) {
                for application in applications {
                    let kind = kinds[application.kind]
                    let record = application.caseID.flatMap { byID[$0] }
                    el("li", .class("portal-card")) {
                        el("h2") { kind?.title ?? application.kind }
                        if let record {
                            el("p") { el("span", .class("badge")) { record.stateLabel }; " 案号：\(record.caseNumber)" }
                            el("p") { "提交于 \(TableDateFormat.format(application.submittedAt ?? application.updatedAt, withTime: true))" }
                            el("a", .class("button"), .href("/portal/matters/\(application.id!)")) { "查看进度" }
                        } else {
                            el("p") { el("span", .class("badge")) { "草稿" }; " 最后保存于 \(TableDateFormat.format(application.updatedAt, withTime: true))" }
                            el("a", .class("button"), .href("/portal/apply/\(application.kind)")) { "继续填写" }
                        }
                    }
                }
            }
        }
    }

    /// The resident's submitted application `:id` and its case; 404 for anyone else's (no hint that it exists).
    static func owned(_ req: Request, resident: ResidentSession) async throws -> (PortalApplicationRecord, CaseRecord, PortalApplication) {
        guard let id = req.parameters.get("id", as: UUID.self),
              let application = try await PortalApplicationRecord.query(on: req.db).filter(\.$id == id)
                .filter(\.$account.$id == resident.account.id!).first(),
              let caseID = application.caseID, let record = try await CaseRecord.find(caseID, on: req.db),
              let kind = req.modules.portalApplications.first(where: { $0.code == application.kind })
        else { throw Abort(.notFound, reason: "没有找到该事项") }
        return (application, record, kind)
    }

    static func matter(_ req: Request) async throws -> Response {
        try await render(req, appointmentState: FormState())
    }

    static func render(_ req: Request, appointmentState: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let resident = try req.requireResident()
        let (application, record, kind) = try await owned(req, resident: resident)
        let appointment = try await appointmentMarkup(application: application, record: record, kind: kind, csrf: resident.session.csrfToken,
                                                      state: appointmentState, req: req)
        let progress = try await Progress.load(record, kind: kind, on: req.db)
        let receipt = try application.receiptEncrypted.map { try ReceiptCode(try req.dataProtection.decrypt($0)) }
        let justSubmitted = (try? req.query.get(String.self, at: "submitted")) == "1"
        let consented = application.serviceConsentAt != nil
        let particulars = try await Self.particulars(of: application, kind: kind, on: req.db)
        let rating = try await PortalRatings.matterMarkup(application: application, record: record, csrf: resident.session.csrfToken, on: req.db)
        return req.portalPage(kind.title, status: status) {
            if justSubmitted {
                el("div", .class("alert success"), Attribute("role", "status")) {
                    el("p") { "申请已提交。" }
                    if let receipt { el("p") { "查询码：" ; el("strong", .class("receipt")) { receipt.description }; "（请妥善保存，可凭此码查询进度）" } }
                }
            } else if let receipt {
                el("p") { "查询码：" ; el("strong", .class("receipt")) { receipt.description } }
            }
            progress.markup
            appointment
            rating
            el("section", .class("card")) {
                el("h2") { "申请内容" }
                el("dl", .class("particulars")) {
                    for (label, value) in particulars {
                        el("dt") { label }
                        el("dd") { value }
                    }
                }
            }
            el("section", .class("card"), .id("documents")) {
                el("h2") { "文书" }
                if progress.documents.isEmpty {
                    el("p") { "暂无送达给您的文书。" }
                } else {
                    el("ul", .class("documents")) {
                        for document in progress.documents {
                            el("li") {
                                el("a", .href("/portal/matters/\(application.id!)/documents/\(document.instrument.id!)")) { document.instrument.title }
                                " \(document.instrument.dated.description)"
                                if let served = document.served {
                                    el("span", .class("badge")) { "已送达 \(served)" }
                                } else {
                                    el("span", .class("badge warn")) { "未读" }
                                }
                            }
                        }
                    }
                }
                el("p", .class("hint")) {
                    consented ? "您已同意电子送达：打开文书的时间即为送达时间。" : "您未同意电子送达，文书将以直接送达或邮寄方式送达；此处仅供查看。"
                }
            }
            if record.isOpen {
                el("section", .class("card"), .id("supplement")) {
                    el("h2") { "补充材料" }
                    el("p") { "收到补正通知或需要补充证据的，请在此上传（PDF、JPG、PNG 或 Word，每个不超过10MB）。" }
                    el("form", Attribute("method", "post"), Attribute("action", "/portal/matters/\(application.id!)/files"),
                       Attribute("enctype", "multipart/form-data")) {
                        csrfField(resident.session.csrfToken)
                        el("div", .class("field")) {
                            el("label", .for("f-file")) { "选择文件" }
                            el("input", .type("file"), .id("f-file"), .name("file"), Attribute("accept", ".pdf,.jpg,.jpeg,.png,.docx"), .flag("required"))
                        }
                        submitButton("上传")
                    }
                }
            }
        }
    }

    /// What the resident applied with, field by field as the form asked it (an agency by its name, a box as 是/否).
    static func particulars(of application: PortalApplicationRecord, kind: PortalApplication, on db: Database) async throws
        -> [(String, String)] {
        let values = application.values
        var shown: [(String, String)] = []
        for field in kind.fields {
            let value = values[field.name] ?? ""
            switch field.kind {
            case .parties(let role, let label, _):
                let name = values[role + "Name"] ?? ""
                shown.append((label, name.isEmpty ? "—" : name))
            case .lookup(let lookup):
                let office = application.values["orgID"].flatMap(UUID.init(uuidString:))
                let options = try await office.asyncMap { try await lookup.load(db, $0) } ?? []
                shown.append((field.label, options.first { $0.code == value }?.label ?? (value.isEmpty ? "—" : value)))
            case .flag: shown.append((field.label, value == "on" ? "是" : "否"))
            case .agency:
                let name = try await UUID(uuidString: value).asyncMap { try await Org.find($0, on: db)?.name }
                shown.append((field.label, name ?? "—"))
            case .choice(let options, _): shown.append((field.label, options.first { $0.code == value }?.label ?? (value.isEmpty ? "—" : value)))
            default: shown.append((field.label, value.isEmpty ? "—" : value))
            }
        }
        return shown
    }

    /// Opens a document served on the applicant. The first opening by an applicant who agreed to electronic service is
    /// its service: recorded on the case (`ServiceRecord`, method 电子送达, the time in its note) through the line's
    /// rules, which may record the service's event with it.
    static func document(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let (application, record, kind) = try await owned(req, resident: resident)
        guard let id = req.parameters.get("document", as: UUID.self),
              let instrument = try await InstrumentRecord.query(on: req.db).filter(\.$id == id).filter(\.$caseRecord.$id == record.id!).first(),
              !instrument.superseded, kind.servedKinds.contains(instrument.kind)
        else { throw Abort(.notFound, reason: "没有找到该文书") }
        if application.serviceConsentAt != nil {
            try await serve(instrument, on: record, kind: kind, account: resident.account, req: req)
        }
        return Response.html(instrument.html)
    }

    static func serve(_ instrument: InstrumentRecord, on record: CaseRecord, kind: PortalApplication, account: PortalAccount,
                      req: Request) async throws {
        let applicants = try await PartyRecord.query(on: req.db).filter(\.$caseRecord.$id == record.id!).filter(\.$role == "applicant").all()
        guard let party = applicants.first(where: { $0.name == account.name }) ?? applicants.first else { return }
        let already = try await ServiceRecord.query(on: req.db).filter(\.$instrument.$id == instrument.id!)
            .filter(\.$recipientRole == party.role).filter(\.$recipientName == party.name).first()
        guard already == nil else { return }
        let now = Date()
        let today = ChinaTime.today
        let service = DocumentService(
            recipientRole: party.role, recipientName: party.name, method: .electronic, sentOn: instrument.dated <= today ? instrument.dated : nil,
            servedOn: today, note: "受送达人于\(TableDateFormat.format(now, withTime: true))在网上服务平台打开文书（申请时已同意电子送达）")
        do {
            try await kind.serve(service, instrument, record, PortalServiceContext(
                db: req.db, calendar: try await req.calendarStore.calendar(), actor: .resident(account), today: today))
        } catch {
            // The document is still shown; the office records the service by hand if the rules refused this one.
            req.logger.warning("electronic service of \(instrument.id!) not recorded: \(String(reflecting: error))")
        }
    }

    /// The half-day booked with the application, and while the case is open and the day not yet come, a form to book
    /// another; nothing when the application books no visit.
    static func appointmentMarkup(application: PortalApplicationRecord, record: CaseRecord, kind: PortalApplication, csrf: String,
                                  state: FormState, req: Request) async throws -> Markup {
        guard let policy = kind.appointments, let booked = try await PortalAppointments.of(caseID: record.id!, on: req.db),
              let slot = booked.slot else { return .group {} }
        let office = try await Org.find(booked.officeID, on: req.db)?.name ?? ""
        let canChange = record.isOpen && slot.day > ChinaTime.today
        let offers = canChange ? try await PortalAppointments.offers(policy, office: booked.officeID, today: ChinaTime.today,
                                                                     calendar: try await req.calendarStore.calendar(), on: req.db) : []
        return el("section", .class("card"), .id("appointment")) {
            el("h2") { "预约到场" }
            el("p", .class("lead")) { "\(slot.label)，\(office)" }
            el("p") { "\(policy.purpose)。" }
            if canChange {
                el("form", Attribute("method", "post"), Attribute("action", "/portal/matters/\(application.id!)/appointment"), Attribute("novalidate", nil)) {
                    errorSummary(state)
                    csrfField(csrf)
                    PortalAppointments.field(offers, policy: policy, state: state, residentChoosesOffice: false)
                    submitButton("改约到所选时间")
                }
            }
        }
    }

    /// Moves the booking to another half-day offered: the old seat is freed in the same transaction.
    static func rebook(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let (application, record, kind) = try await owned(req, resident: resident)
        guard let policy = kind.appointments, let booked = try await PortalAppointments.of(caseID: record.id!, on: req.db),
              let slot = booked.slot else { throw Abort(.notFound, reason: "该事项没有预约") }
        guard record.isOpen, slot.day > ChinaTime.today else { throw Abort(.conflict, reason: "预约当天及之后不能改约，请联系受理机构") }
        let form = try req.content.decode([String: String].self)
        let calendar = try await req.calendarStore.calendar()
        do {
            try await req.db.transaction { tx in
                let moved = try await PortalAppointments.book(form["appointment"], policy: policy, office: booked.officeID, caseID: record.id!,
                                                              account: resident.account.id!, today: ChinaTime.today, calendar: calendar, on: tx)
                try await AuditLog.record(on: tx, actor: .resident(resident.account), action: "portal:rebook", entityType: "case",
                                          entityID: record.id!.uuidString, before: ["appointment": slot.code],
                                          after: ["appointment": moved.slot?.code ?? ""])
            }
        } catch let errors as ValidationErrors {
            return try await render(req, appointmentState: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
        return req.redirect(to: "/portal/matters/\(application.id!)#appointment")
    }

    static func supplement(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let (application, record, _) = try await owned(req, resident: resident)
        guard record.isOpen else { throw Abort(.conflict, reason: "该事项已办结，不能再上传材料") }
        try await RateLimit.hit("portal.upload:\(resident.account.id!)", limit: 60, window: 3600, what: "上传文件", on: req.db)
        struct Upload: Content { var file: File? }
        let body = try req.content.decode(Upload.self)
        // The attachment's type is then its name's extension, which the check matched against the bytes.
        let (file, _) = try PortalUploads.check(body.file)
        let count = try await AttachmentRecord.query(on: req.db).filter(\.$caseRecord.$id == record.id!)
            .filter(\.$uploadedBy == PortalUploads.uploader).count()
        guard count < 30 else { throw ValidationErrors([FieldError(field: "file", message: "网上上传的材料已达30个，请到窗口提交")]) }
        _ = try await Attachments.attach(File(data: file.data, filename: file.filename), category: "补正材料", to: record, actor: .resident(resident.account), on: req.db,
                                         uploadedBy: PortalUploads.uploader)
        return req.redirect(to: "/portal/matters/\(application.id!)#supplement")
    }

    // MARK: By receipt code

    static func trackForm(_ req: Request) async throws -> Response {
        trackPage(req, state: FormState())
    }

    private static func trackPage(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok, progress: Progress? = nil) -> Response {
        req.portalPage("进度查询", status: status) {
            el("form", Attribute("method", "post"), Attribute("action", "/portal/track"), .class("card"), Attribute("novalidate", nil)) {
                errorSummary(state)
                if let resident = req.resident { csrfField(resident.session.csrfToken) }
                textField("code", label: "查询码", state: state, required: true, hint: "提交申请时获得的12位查询码，如 7K2M-9QXD-4TFA")
                submitButton("查询")
            }
            if let progress {
                progress.markup
                el("p", .class("hint")) { "文书须登录后查看。" }
            }
        }
    }

    static func track(_ req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        do {
            try await RateLimit.hit("portal.track:\(req.clientIP)", limit: 30, window: 3600, what: "查询", on: req.db)
        } catch let limited as RateLimited {
            let response = trackPage(req, state: FormState(values: form, errors: ValidationErrors([FieldError(field: "code", message: limited.message)])),
                                     status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(limited.retryAfter))
            return response
        }
        let code: ReceiptCode
        do {
            code = try ReceiptCode(form["code"] ?? "")
        } catch {
            return trackPage(req, state: FormState(values: form, errors: ValidationErrors([error])), status: .unprocessableEntity)
        }
        guard let application = try await PortalApplicationRecord.query(on: req.db)
                .filter(\.$receiptHash == req.dataProtection.lookupHash(code.value)).first(),
              let caseID = application.caseID, let record = try await CaseRecord.find(caseID, on: req.db),
              let kind = req.modules.portalApplications.first(where: { $0.code == application.kind })
        else {
            return trackPage(req, state: FormState(values: form, errors: ValidationErrors([FieldError(field: "code", message: "没有找到该查询码对应的事项，请核对")])),
                             status: .notFound)
        }
        return trackPage(req, state: FormState(values: form), progress: try await Progress.load(record, kind: kind, on: req.db))
    }
}

/// Where a matter stands, as the applicant is shown it.
struct Progress {
    struct Document {
        let instrument: InstrumentRecord
        /// When it was served on the applicant, if it was.
        let served: String?
    }

    let record: CaseRecord
    let words: String
    let deadlines: [CaseDeadlineRecord]
    let events: [CaseEventRecord]
    let documents: [Document]

    static func load(_ record: CaseRecord, kind: PortalApplication, on db: Database) async throws -> Progress {
        let deadlines = try await CaseDeadlineRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).filter(\.$completedOn == nil)
            .sort(\.$dueOn).all()
        let events = try await CaseEventRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).sort(\.$seq).all()
        let instruments = try await InstrumentRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).filter(\.$superseded == false)
            .sort(\.$issuedAt).all().filter { kind.servedKinds.contains($0.kind) }
        let services = try await ServiceRecord.query(on: db).filter(\.$caseID == record.id!).filter(\.$recipientRole == "applicant").all()
        let documents = instruments.map { instrument in
            Document(instrument: instrument, served: services.first { $0.$instrument.id == instrument.id }.map { "\($0.servedOn)（\($0.method.label)）" })
        }
        return Progress(record: record, words: kind.residentWords(record.state) ?? record.stateLabel, deadlines: deadlines, events: events,
                        documents: documents)
    }

    var markup: Markup {
        .group {
            el("section", .class("card status")) {
                el("h2") { "办理状态" }
                el("p") { el("span", .class("badge")) { record.stateLabel }; " 案号：\(record.caseNumber)" }
                el("p", .class("lead")) { words }
                if !deadlines.isEmpty {
                    el("h3") { "下一步与期限" }
                    el("ul", .class("deadlines")) {
                        for deadline in deadlines {
                            el("li") {
                                el("strong") { deadline.title }
                                "：\(deadline.paused ? "已暂停计算" : "\(deadline.dueOn) 前")"
                                el("span", .class("basis")) { "依据：\(deadline.basis)" }
                            }
                        }
                    }
                }
            }
            el("section", .class("card")) {
                el("h2") { "办理记录" }
                el("ol", .class("history")) {
                    for event in events {
                        el("li") { el("time") { event.occurredOn }; " \(event.summary)" }
                    }
                }
            }
        }
    }
}
