import Fluent
import FazhiCore
import SQLKit
import Vapor

/// Applying online: the form of a line's application (`PortalApplication`), kept as a draft as the resident goes (every
/// change is saved; the page's script saves without a click, the button saves too), evidence uploaded into the draft,
/// and submission — once: the draft is claimed by one conditional update, so a double click or a retried request makes
/// one case, and a refused submission (a rule of the line) leaves the draft as it was, each error under its field.
enum PortalApplyPages {
    /// Uploads: at most this many files (each within `PortalUploads.maxSize`) on one application.
    static let maxFiles = 10
    /// Applications one account may submit in a day; more is abuse, not a resident's need.
    static let submissionsPerDay = 10

    static func routes(_ portal: RoutesBuilder) {
        portal.get("apply", ":kind", use: form)
        portal.post("apply", ":kind", use: post)
        portal.post("apply", ":kind", "files", limit: BodyLimit.portalUpload, use: upload)
        portal.post("apply", ":kind", "files", ":file", "delete", use: deleteUpload)
    }

    static func application(_ req: Request) throws -> PortalApplication {
        let code = req.parameters.get("kind") ?? ""
        guard let application = req.modules.portalApplications.first(where: { $0.code == code }) else {
            throw Abort(.notFound, reason: "没有这类网上申请")
        }
        return application
    }

    /// The resident's open draft of this kind, if any.
    static func draft(of application: PortalApplication, account: PortalAccount, on db: Database) async throws -> PortalApplicationRecord? {
        try await PortalApplicationRecord.query(on: db).filter(\.$account.$id == account.id!).filter(\.$kind == application.code)
            .filter(\.$state == "draft").sort(\.$updatedAt, .descending).first()
    }

    static func form(_ req: Request) async throws -> Response {
        let application = try application(req)
        let resident = try req.requireResident()
        guard resident.account.hasProfile else { return req.redirect(to: "/portal/profile?next=/portal/apply/\(application.code)") }
        let draft = try await draft(of: application, account: resident.account, on: req.db)
        return try await render(req, application, resident: resident, draft: draft, state: FormState(values: draft?.values ?? [:]))
    }

    static func render(_ req: Request, _ application: PortalApplication, resident: ResidentSession, draft: PortalApplicationRecord?,
                       state: FormState, status: HTTPResponseStatus = .ok, notice: String? = nil) async throws -> Response {
        let offices = try await application.offices?(req.db) ?? []
        let chosen = state["orgID"].isEmpty ? nil : UUID(uuidString: state["orgID"]).flatMap { id in offices.first { $0.id == id }?.id }
        let office = application.offices == nil ? try await PortalIntake.office(for: application.line, on: req.db) : chosen ?? offices.first?.id
        var agencies: [Org] = []
        if let office { agencies = try await OrgDirectory.agencies(servingOrg: office, on: req.db) }
        let options = agencies.map { ($0.id!.uuidString, $0.name) }
        var lookups: [String: [(String, String)]] = [:]
        if let office {
            for field in application.fields {
                if case .lookup(let lookup) = field.kind { lookups[field.name] = try await lookup.load(req.db, office).map { ($0.code, $0.label) } }
            }
        }
        var uploads: [PortalUpload] = []
        if let draft { uploads = try await PortalUpload.query(on: req.db).filter(\.$application.$id == draft.id!).sort(\.$uploadedAt).all() }
        let advice = try await application.advice?(state.values, req.db) ?? []
        var offers: [PortalAppointments.Offer] = []
        if let policy = application.appointments, let office {
            offers = try await PortalAppointments.offers(policy, office: office, today: ChinaTime.today, calendar: try await req.calendarStore.calendar(),
                                                         on: req.db)
        }
        let account = resident.account
        let csrf = resident.session.csrfToken
        let base = "/portal/apply/\(application.code)"
        // The draft's id, chosen here for a draft not yet saved: the form and its uploads name it, so a second click or a
        // retried post finds the application the first one made instead of making another.
        let draftID = (draft?.id ?? UUID()).uuidString
        return req.portalPage(application.title, status: status) {
            if office == nil {
                el("p", .class("alert error")) { "本项网上申请暂未开通，请到窗口办理。" }
            }
            if let notice { el("p", .class("alert"), Attribute("role", "status")) { notice } }
            el("details", .class("card guidance"), .flag("open", draft == nil)) {
                el("summary") { "申请须知" }
                el("ul") { for line in application.guidance { el("li") { line } } }
            }
            el("section", .class("card")) {
                el("h2") { "申请人" }
                el("p") { "\(account.name ?? "")（\(account.kind == "organisation" ? "单位" : "个人")） " }
                if let message = state.errors.message(for: "profile") {
                    el("p", .class("error"), .id("f-profile")) { message }
                }
                el("p") { el("a", .href("/portal/profile?next=\(base)")) { "修改我的资料" } }
            }
            el("form", Attribute("method", "post"), Attribute("action", base), .class("card"), Attribute("novalidate", nil), .id("application"),
               .data("autosave", base)) {
                errorSummary(state)
                csrfField(csrf)
                el("input", .type("hidden"), .name("draftID"), .value(draftID))
                if application.offices != nil {
                    selectField("orgID", label: "申请受理的机构", options: offices.map { ($0.id.uuidString, $0.name) }, state: state, required: true)
                }
                for field in application.fields { field.formMarkup(state: state, agencies: options, lookups: lookups) }
                if let policy = application.appointments {
                    PortalAppointments.field(offers, policy: policy, state: state, residentChoosesOffice: application.offices != nil)
                }
                el("div", .class("field checkbox")) {
                    el("input", .type("checkbox"), .id("f-serviceConsent"), .name("serviceConsent"), .flag("checked", state["serviceConsent"] == "on"))
                    el("label", .for("f-serviceConsent")) { "我同意以电子方式送达文书：文书发送到本平台「我的事项」，我打开文书的时间即为送达时间" }
                }
                el("p", .class("hint"), .id("autosave-status"), Attribute("role", "status")) {
                    draft.map { "草稿已保存（\(TableDateFormat.format($0.updatedAt, withTime: true))）" } ?? ""
                }
                el("div", .class("actions")) {
                    el("button", .type("submit"), .name("action"), .value("save"), .class("button")) { "保存草稿" }
                    el("button", .type("submit"), .name("action"), .value("submit"), .class("primary")) { "提交申请" }
                }
            }
            if !advice.isEmpty {
                el("section", .class("card"), .id("advice"), Attribute("role", "status")) {
                    el("h2") { "初步审查（仅供参考，以审查决定为准）" }
                    for line in advice { el("p") { line } }
                }
            }
            el("section", .class("card"), .id("evidence")) {
                el("h2") { "证据材料" }
                if let message = state.errors.message(for: "file") {
                    el("p", .class("error"), .id("f-file-error")) { message }
                }
                if uploads.isEmpty {
                    el("p") { "尚未上传。" }
                } else {
                    el("ul", .class("uploads")) {
                        for upload in uploads {
                            el("li") {
                                "\(upload.filename)（\(ByteCountFormatter.string(fromByteCount: Int64(upload.size), countStyle: .file))）"
                                el("form", Attribute("method", "post"), Attribute("action", "\(base)/files/\(upload.id!)/delete"), .class("inline")) {
                                    csrfField(csrf)
                                    el("button", .type("submit"), .class("link")) { "删除" }
                                }
                            }
                        }
                    }
                }
                if uploads.count < maxFiles {
                    el("form", Attribute("method", "post"), Attribute("action", "\(base)/files"), Attribute("enctype", "multipart/form-data")) {
                        csrfField(csrf)
                        el("input", .type("hidden"), .name("draftID"), .value(draftID))
                        el("div", .class("field")) {
                            el("label", .for("f-file")) { "选择文件（PDF、JPG、PNG 或 Word，每个不超过10MB，最多\(maxFiles)个）" }
                            el("input", .type("file"), .id("f-file"), .name("file"), Attribute("accept", ".pdf,.jpg,.jpeg,.png,.docx"), .flag("required"))
                        }
                        submitButton("上传")
                    }
                }
            }
        }
    }

    /// The application the form names by `draftID` (created with that id the first time), or the resident's open draft
    /// of this kind; 404 for an id that is another account's. It may already be submitted (a second click).
    static func record(_ form: [String: String], of application: PortalApplication, account: PortalAccount, on db: Database) async throws
        -> PortalApplicationRecord {
        let id = form["draftID"].flatMap(UUID.init(uuidString:))
        if let id, let existing = try await PortalApplicationRecord.find(id, on: db) {
            guard existing.$account.id == account.id, existing.kind == application.code else { throw Abort(.notFound, reason: "没有找到该申请") }
            return existing
        }
        if id == nil, let draft = try await draft(of: application, account: account, on: db) { return draft }
        try await RateLimit.hit("portal.draft:\(account.id!)", limit: 20, window: 86_400, what: "新建申请", on: db)
        let now = Date()
        let draft = PortalApplicationRecord()
        draft.id = id ?? UUID()
        draft.$account.id = account.id!
        draft.kind = application.code
        draft.state = "draft"
        draft.values = [:]
        draft.createdAt = now
        draft.updatedAt = now
        try await draft.create(on: db)
        return draft
    }

    /// Keeps the form's values of the application's fields on the draft.
    static func save(_ form: [String: String], into draft: PortalApplicationRecord, of application: PortalApplication, on db: Database) async throws {
        var values: [String: String] = [:]
        for key in application.formKeys + application.extraKeys {
            if let value = form[key] { values[key] = String(value.prefix(4000)) }
        }
        values["serviceConsent"] = form["serviceConsent"] == "on" ? "on" : ""
        draft.values = values
        draft.updatedAt = Date()
        try await draft.update(on: db)
    }

    static func post(_ req: Request) async throws -> Response {
        let application = try application(req)
        let resident = try req.requireResident()
        let form = try req.content.decode([String: String].self)
        let draft = try await record(form, of: application, account: resident.account, on: req.db)
        guard draft.state == "draft" else {
            // Submitted already (a second click, a retry, an old tab): the matter it became, never a second application.
            if req.headers.first(name: "X-Autosave") != nil { return Response(status: .conflict) }
            return req.redirect(to: "/portal/matters/\(draft.id!)")
        }
        try await save(form, into: draft, of: application, on: req.db)
        if req.headers.first(name: "X-Autosave") != nil {
            return Response(status: .noContent)
        }
        guard form["action"] == "submit" else {
            return try await render(req, application, resident: resident, draft: draft, state: FormState(values: draft.values),
                                    notice: "草稿已保存。")
        }
        do {
            let submitted = try await submit(draft, of: application, resident: resident, req: req)
            return req.redirect(to: "/portal/matters/\(submitted.id!)?submitted=1")
        } catch let errors as ValidationErrors {
            return try await render(req, application, resident: resident, draft: draft, state: FormState(values: draft.values, errors: errors),
                                    status: .unprocessableEntity)
        }
    }

    /// Submits the draft once: claims it by a conditional update (state `draft` → `submitted`) in the transaction that
    /// opens the case, moves its uploads into the case's attachments and gives it a receipt code. A draft already
    /// submitted (a second click) is returned as it is. A refused registration rolls everything back, the draft kept.
    static func submit(_ draft: PortalApplicationRecord, of application: PortalApplication, resident: ResidentSession,
                       req: Request) async throws -> PortalApplicationRecord {
        let account = resident.account
        guard account.hasProfile else { throw ValidationErrors([FieldError(field: "profile", message: "请先在「我的资料」中填写实名信息")]) }
        let office: UUID
        if let offices = application.offices {
            // The office the resident chose, from the list offered.
            guard let chosen = draft.values["orgID"].flatMap(UUID.init(uuidString:)),
                  try await offices(req.db).contains(where: { $0.id == chosen }) else {
                throw ValidationErrors([FieldError(field: "orgID", message: "请选择申请受理的机构")])
            }
            office = chosen
        } else {
            guard let intake = try await PortalIntake.office(for: application.line, on: req.db) else {
                throw Abort(.serviceUnavailable, reason: "本项网上申请暂未开通，请到窗口办理")
            }
            office = intake
        }
        let calendar = try await req.calendarStore.calendar()
        if let policy = application.appointments {
            // Checked before the day's limit counts the attempt: a half-day not chosen costs the resident nothing.
            _ = try PortalAppointments.checkedSlot(draft.values["appointment"], policy: policy, today: ChinaTime.today, calendar: calendar)
        }
        try await RateLimit.hit("portal.submit:\(account.id!)", limit: submissionsPerDay, window: 86_400, what: "提交申请", on: req.db)
        let claimed = try await submit(draft, of: application, account: account, office: office, db: req.db,
                                       calendar: calendar, protection: req.dataProtection, today: ChinaTime.today)
        if !claimed { req.logger.info("portal application \(draft.id!) was already submitted") }
        guard let stored = try await PortalApplicationRecord.find(draft.id, on: req.db) else { throw Abort(.notFound) }
        return stored
    }

    /// The write behind a submission, for the form and the demo alike: claims the draft (state `draft` → `submitted`,
    /// one conditional update) and, in the same transaction, opens the case through the line's registration as of
    /// `today`, books the visit where the application asks for one, moves the uploads into the case's attachments and
    /// gives the application its receipt code. False when the draft was already submitted (nothing written).
    static func submit(_ draft: PortalApplicationRecord, of application: PortalApplication, account: PortalAccount, office: UUID, db: Database,
                       calendar: WorkingCalendar, protection: DataProtection, today: CivilDate, at now: Date = Date()) async throws -> Bool {
        let applicant = try PortalProfile.applicant(account, protection: protection)
        if let policy = application.appointments {
            _ = try PortalAppointments.checkedSlot(draft.values["appointment"], policy: policy, today: today, calendar: calendar)
        }
        let receipt = ReceiptCode()
        let consent = draft.values["serviceConsent"] == "on"
        return try await db.transaction { tx -> Bool in
            let rows = try await tx.sql.raw("""
                UPDATE portal_applications SET state = 'submitted', submitted_at = \(bind: now), updated_at = \(bind: now) \
                WHERE id = \(bind: draft.id!) AND state = 'draft' RETURNING id
                """).all()
            guard !rows.isEmpty else { return false }
            let record = try await application.submit(PortalSubmission(
                form: draft.values, applicant: applicant, office: office, db: tx, actor: .resident(account), calendar: calendar,
                protection: protection, today: today))
            if let policy = application.appointments {
                try await PortalAppointments.book(draft.values["appointment"], policy: policy, office: office, caseID: record.id!, account: account.id!,
                                                  today: today, calendar: calendar, on: tx)
            }
            for upload in try await PortalUpload.query(on: tx).filter(\.$application.$id == draft.id!).all() {
                let attachment = AttachmentRecord()
                attachment.id = UUID()
                attachment.$caseRecord.id = record.id!
                attachment.category = "证据"
                attachment.filename = upload.filename
                attachment.contentType = upload.contentType
                attachment.size = upload.size
                attachment.sha256 = upload.sha256
                attachment.data = upload.data
                attachment.uploadedBy = PortalUploads.uploader
                attachment.uploadedAt = upload.uploadedAt
                try await attachment.create(on: tx)
                try await upload.delete(on: tx)
            }
            try await tx.sql.update(PortalApplicationRecord.schema)
                .set("case_id", to: record.id!)
                .set("receipt_hash", to: protection.lookupHash(receipt.value))
                .set("receipt_encrypted", to: try protection.encrypt(receipt.value))
                .set("service_consent_at", to: consent ? now : nil)
                .where("id", .equal, draft.id!).run()
            try await AuditLog.record(on: tx, actor: .resident(account), action: "portal:apply", entityType: "case",
                                      entityID: record.id!.uuidString, before: nil,
                                      after: ["application": draft.id!.uuidString, "kind": application.code, "caseNumber": record.caseNumber,
                                              "serviceConsent": consent ? "yes" : "no"])
            return true
        }
    }

    static func upload(_ req: Request) async throws -> Response {
        let application = try application(req)
        let resident = try req.requireResident()
        struct Upload: Content {
            var file: File?
            var draftID: String?
        }
        let body = try req.content.decode(Upload.self)
        let base = "/portal/apply/\(application.code)"
        let form = ["draftID": body.draftID ?? ""]
        var draft = try await draft(of: application, account: resident.account, on: req.db)
        func refuse(_ message: String, status: HTTPResponseStatus = .unprocessableEntity) async throws -> Response {
            try await render(req, application, resident: resident, draft: draft, state: FormState(values: draft?.values ?? [:],
                             errors: ValidationErrors([FieldError(field: "file", message: message)])), status: status)
        }
        do {
            try await RateLimit.hit("portal.upload:\(resident.account.id!)", limit: 60, window: 3600, what: "上传文件", on: req.db)
        } catch let limited as RateLimited {
            return try await refuse(limited.message, status: .tooManyRequests)
        }
        let file: File, type: UploadType
        do {
            (file, type) = try PortalUploads.check(body.file)
        } catch {
            return try await refuse(error.message)
        }
        let target = try await record(form, of: application, account: resident.account, on: req.db)
        guard target.state == "draft" else { return req.redirect(to: "/portal/matters/\(target.id!)") }
        draft = target
        let count = try await PortalUpload.query(on: req.db).filter(\.$application.$id == target.id!).count()
        guard count < maxFiles else { return try await refuse("每份申请最多上传\(maxFiles)个文件") }
        let data = Data(buffer: file.data)
        let upload = PortalUpload()
        upload.id = UUID()
        upload.$application.id = target.id!
        upload.filename = String(file.filename.suffix(200))
        upload.contentType = type.contentType
        upload.size = data.count
        upload.sha256 = SHA256.hash(data: data).hexString
        upload.data = data
        upload.uploadedAt = Date()
        try await upload.create(on: req.db)
        return req.redirect(to: base + "#evidence")
    }

    static func deleteUpload(_ req: Request) async throws -> Response {
        let application = try application(req)
        let resident = try req.requireResident()
        guard let draft = try await draft(of: application, account: resident.account, on: req.db),
              let id = req.parameters.get("file", as: UUID.self),
              let upload = try await PortalUpload.query(on: req.db).filter(\.$id == id).filter(\.$application.$id == draft.id!).first()
        else { throw Abort(.notFound) }
        try await upload.delete(on: req.db)
        return req.redirect(to: "/portal/apply/\(application.code)#evidence")
    }
}

/// How the portal takes a file from an applicant, with the draft and into an open case alike.
enum PortalUploads {
    static let maxSize = 10 * 1024 * 1024
    /// Who the case's attachments name as the uploader of a file that came from the portal.
    static let uploader = "申请人（网上申请）"

    /// The file and its type, recognised by its bytes; a `FieldError` on `file` when there is none, it is larger than
    /// `maxSize`, or its bytes are not an accepted type or not the type its name says.
    static func check(_ file: File?) throws(FieldError) -> (File, UploadType) {
        try UploadCheck.check(file, maxSize: maxSize)
    }
}
