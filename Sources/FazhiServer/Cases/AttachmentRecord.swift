import FazhiCore
import Fluent
import Vapor

/// A file attached to a case: evidence, the respondent's reply, a proof of excuse. Stored in the database, so
/// app nodes hold no files (DESIGN.md, "Scale").
final class AttachmentRecord: Model, @unchecked Sendable {
    static let schema = "attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    /// What it is, e.g. 证据, 答复书, 情况说明.
    @Field(key: "category") var category: String
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_by") var uploadedBy: String
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}
}

struct AttachmentBody: Content {
    let id: UUID
    let category: String
    let filename: String
    let contentType: String
    let size: Int
    let sha256: String
    let uploadedBy: String
    let uploadedAt: Date
    let url: String

    init(_ record: AttachmentRecord) {
        id = record.id!
        category = record.category
        filename = record.filename
        contentType = record.contentType
        size = record.size
        sha256 = record.sha256
        uploadedBy = record.uploadedBy
        uploadedAt = record.uploadedAt
        url = "/attachments/\(record.id!)"
    }
}

/// Attaching files to a case, and downloading them within scope.
enum Attachments {
    /// 20 MB: scans of evidence fit; anything larger belongs in the archive system.
    static let maxSize = 20 * 1024 * 1024
    static let categories = ["证据", "申请材料", "答复书", "补正材料", "听证笔录", "情况说明", "其他"]

    /// `uploadedBy`: how the uploader is shown (the portal's applicant); the actor's name by default.
    static func attach(_ file: File, category: String?, to record: CaseRecord, actor: AuditActor, on db: Database,
                       uploadedBy: String? = nil) async throws -> AttachmentRecord {
        var errors = ValidationErrors()
        let size = file.data.readableBytes
        if size == 0 { errors.add("file", "请选择要上传的文件") }
        if size > maxSize { errors.add("file", "文件不能超过20MB") }
        let category = category?.trimmingCharacters(in: .whitespaces) ?? ""
        if !categories.contains(category) { errors.add("category", "材料类别须为：\(categories.joined(separator: "、"))") }
        try errors.throwIfAny()
        let data = Data(buffer: file.data)
        let attachment = AttachmentRecord()
        attachment.id = UUID()
        attachment.$caseRecord.id = record.id!
        attachment.category = category
        attachment.filename = String(file.filename.suffix(200))
        attachment.contentType = file.contentType?.serialize() ?? "application/octet-stream"
        attachment.size = size
        attachment.sha256 = SHA256.hash(data: data).hexString
        attachment.data = data
        attachment.uploadedBy = uploadedBy ?? actor.name
        attachment.uploadedAt = Date()
        try await db.transaction { tx in
            try await attachment.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "attach", entityType: "case", entityID: record.id!.uuidString,
                                      before: nil, after: ["attachment": attachment.id!.uuidString, "filename": attachment.filename,
                                                           "sha256": attachment.sha256, "category": category])
        }
        return attachment
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("attachments", ":id", use: download)
    }

    static func download(_ req: Request) async throws -> Response {
        guard let attachment = try await AttachmentRecord.find(req.parameters.get("id", as: UUID.self), on: req.db),
              let record = try await CaseRecord.find(attachment.$caseRecord.id, on: req.db) else { throw Abort(.notFound) }
        let scope = try req.scope
        _ = try await scope.findCase(record.line, record.id, on: req.db)
        // Evidence and case papers carry personal data: only those who may act on the case (and so reveal its parties)
        // download them, and each download is audited.
        try scope.requireAct(on: record)
        try await AuditLog.record(on: req.db, actor: try req.requireCurrent().actor, action: "download", entityType: "attachment",
                                  entityID: attachment.id!.uuidString, before: nil, after: ["case": record.id!.uuidString])
        return fileResponse(attachment.data, contentType: attachment.contentType, filename: attachment.filename)
    }

    /// A stored file as a download: its type, and its name (any script) in `filename*` so the browser saves it rather
    /// than shows it.
    static func fileResponse(_ data: Data, contentType: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: contentType)
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        headers.add(name: .contentDisposition, value: "attachment; filename=\"attachment\"; filename*=UTF-8''\(encoded)")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    static func list(_ attachments: [AttachmentRecord], post: String?, csrf: String) -> Markup {
        el("section", .class("card")) {
            el("h2") { "证据与附件" }
            dataTable(headers: ["类别", "文件", "大小", "上传"], rows: attachments.map { attachment in
                [.text(attachment.category), el("a", .href("/attachments/\(attachment.id!)")) { attachment.filename },
                 .text(ByteCountFormatter.string(fromByteCount: Int64(attachment.size), countStyle: .file)),
                 .text("\(attachment.uploadedBy) \(TableDateFormat.format(attachment.uploadedAt, withTime: true))")]
            }, empty: "暂无附件")
            if let post {
                el("form", Attribute("method", "post"), Attribute("action", post), Attribute("enctype", "multipart/form-data"), .class("filters")) {
                    csrfField(csrf)
                    selectField("category", label: "类别", options: categories.map { ($0, $0) }, state: FormState(), required: true, blank: nil)
                    el("div", .class("field")) {
                        el("label", .for("f-file")) { "文件（不超过20MB）" }
                        el("input", .type("file"), .id("f-file"), .name("file"), .flag("required"))
                    }
                    submitButton("上传")
                }
            }
        }
    }
}
