import Fluent
import FazhiCore
import Vapor

/// One entry's page (`/ledgers/{kind}/{id}`, `/registers/{kind}/{id}`): its values, and — for a kind that takes files
/// (`BookKind.attachmentTypes`) — its files with the upload form; the routes that add, download and remove those files.
/// Every read and write goes through `EntryAttachments`, so the entry's scope is asked first.
enum BookEntryPage {
    /// What the page shows one viewer.
    struct Model {
        let kind: any BookKind
        let entry: BookEntries.Listed
        let attachments: [EntryAttachment]
        /// May record the kind at the entry's org: correct it, add and remove files.
        let canAct: Bool
        let csrf: String
    }

    struct UploadInput: Content {
        var file: File?
    }

    static func routes(_ base: RoutesBuilder, _ family: BookFamily) {
        base.get(":kind", ":id") { req in try await show(req, family) }
        base.post(":kind", ":id", "attachments", limit: BodyLimit.attachment) { req in try await upload(req, family) }
        base.get(":kind", ":id", "attachments", ":attachment") { req in try await download(req, family) }
        base.post(":kind", ":id", "attachments", ":attachment", "delete") { req in try await remove(req, family) }
    }

    static func path(_ kind: any BookKind, _ entry: UUID) -> String { BookPages.path(kind, "/\(entry)") }

    static func model(_ req: Request, _ kind: any BookKind) async throws -> Model {
        let current = try req.requireCurrent()
        let (entry, attachments) = try await EntryAttachments(db: req.db, scope: current.scope, kind: kind).list(entryID(req))
        return Model(kind: kind, entry: entry, attachments: attachments,
                     canAct: current.scope.canAct(kind.line, at: entry.orgID), csrf: current.session.csrfToken)
    }

    static func show(_ req: Request, _ family: BookFamily, errors: ValidationErrors = ValidationErrors(),
                     status: HTTPResponseStatus = .ok) async throws -> Response {
        let model = try await model(req, try await BookPages.kind(req, family))
        return try await req.page(title(model), status: status, view(model, errors: errors))
    }

    static func upload(_ req: Request, _ family: BookFamily) async throws -> Response {
        let kind = try await BookPages.kind(req, family)
        let current = try req.requireCurrent()
        let input = try req.content.decode(UploadInput.self)
        do {
            let attachment = try await EntryAttachments(db: req.db, scope: current.scope, kind: kind)
                .attach(input.file, to: entryID(req), actor: current.actor)
            return req.redirect(to: path(kind, attachment.entryID) + "#attachments")
        } catch let error as FieldError {
            return try await show(req, family, errors: ValidationErrors([error]), status: .unprocessableEntity)
        }
    }

    /// The file's bytes as a download (pages and API alike).
    static func download(_ req: Request, _ family: BookFamily) async throws -> Response {
        let kind = try await BookPages.kind(req, family)
        let attachment = try await EntryAttachments(db: req.db, scope: try req.scope, kind: kind)
            .download(req.parameters.get("attachment", as: UUID.self), of: entryID(req), actor: try req.requireCurrent().actor)
        return Attachments.fileResponse(attachment.data, contentType: attachment.contentType, filename: attachment.filename)
    }

    static func remove(_ req: Request, _ family: BookFamily) async throws -> Response {
        let kind = try await BookPages.kind(req, family)
        let current = try req.requireCurrent()
        let entry = entryID(req)
        try await EntryAttachments(db: req.db, scope: current.scope, kind: kind)
            .remove(req.parameters.get("attachment", as: UUID.self), of: entry, actor: current.actor)
        return req.redirect(to: BookPages.path(kind, "/\(entry?.uuidString ?? "")#attachments"))
    }

    static func entryID(_ req: Request) -> UUID? { req.parameters.get("id").flatMap(UUID.init(uuidString:)) }

    static func title(_ model: Model) -> String {
        let name = model.entry.values["title"] ?? model.entry.values["name"] ?? ""
        return "\(model.kind.name)：\(name)"
    }

    /// Draws the model: the values in the kind's column order, then the files.
    static func view(_ model: Model, errors: ValidationErrors) -> [Markup] {
        let kind = model.kind, entry = model.entry
        var markup: [Markup] = [
            el("p", .class("actions")) {
                el("a", .href(BookPages.path(kind)), .class("button")) { "返回\(kind.name)列表" }
                if model.canAct { el("a", .href(path(kind, entry.id) + "/edit"), .class("button")) { "修改" } }
            },
            el("section", .class("card")) {
                dataTable(headers: ["项目", "内容"], rows: [[.text("所属机构"), .text(entry.orgName)]]
                    + kind.columns.map { [.text($0.header), .text(entry.values[$0.name] ?? "")] }
                    + [[.text("登记人"), .text(entry.createdBy)]])
            },
        ]
        guard kind.acceptsAttachments else { return markup }
        let accepted = UploadType.labels(kind.attachmentTypes)
        let extensions = kind.attachmentTypes.flatMap(\.extensions).map { "." + $0 }.joined(separator: ",")
        let state = FormState(errors: errors)
        markup.append(el("section", .class("card"), .id("attachments")) {
            el("h2") { "照片与附件" }
            errorSummary(state)
            dataTable(headers: ["文件", "类型", "大小", "上传"] + (model.canAct ? ["操作"] : []), rows: model.attachments.map { attachment in
                let file = EntryAttachments.path(family: attachment.family, kind: attachment.kind, entry: entry.id, attachment: attachment.id!)
                return [el("a", .href(file)) { attachment.filename },
                        .text(UploadType.allCases.first { $0.contentType == attachment.contentType }?.label ?? attachment.contentType),
                        .text(ByteCountFormatter.string(fromByteCount: Int64(attachment.size), countStyle: .file)),
                        .text("\(attachment.uploadedBy) \(TableDateFormat.format(attachment.uploadedAt, withTime: true))")]
                    + (model.canAct ? [el("form", Attribute("method", "post"), Attribute("action", file + "/delete"),
                                          Attribute("data-confirm", "确定删除这个附件？审计日志会保留文件名和摘要。")) {
                        csrfField(model.csrf)
                        el("button", .type("submit"), .class("link danger")) { "删除" }
                    }] : [])
            }, empty: "暂无附件")
            if model.canAct {
                el("form", Attribute("method", "post"), Attribute("action", path(kind, entry.id) + "/attachments"),
                   Attribute("enctype", "multipart/form-data"), .class("filters")) {
                    csrfField(model.csrf)
                    el("div", .class(errors.message(for: "file") == nil ? "field" : "field invalid")) {
                        el("label", .for("f-file")) { "文件（\(accepted)，不超过\(Attachments.maxSize / (1024 * 1024))MB）" }
                        el("input", .type("file"), .id("f-file"), .name("file"), Attribute("accept", extensions), .flag("required"))
                        if let error = errors.message(for: "file") { el("p", .class("error"), .id("f-file-error")) { error } }
                    }
                    submitButton("上传")
                }
            }
        })
        return markup
    }
}
