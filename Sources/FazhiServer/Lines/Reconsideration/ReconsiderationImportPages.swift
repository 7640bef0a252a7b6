import Fluent
import FazhiCore
import Vapor

/// 导入行政复议申请: a spreadsheet of applications received on paper, registered through the same rules as the form.
/// Upload → every row checked by registering it in a transaction that is rolled back → the staff confirm → registered
/// for real, all or none. The bureau's own registers (a reception centre's 收案登记簿) come in without retyping.
enum ReconsiderationImportPages {
    static let path = ReconsiderationPages.base + "/import"

    static func routes(_ routes: RoutesBuilder) {
        routes.get("reconsideration", "import", use: form)
        routes.get("reconsideration", "import", "template.xlsx") { _ in
            RecordImportPages.download(try ReconsiderationImport.template(), name: "\(ReconsiderationImport.name)导入模板.xlsx")
        }
    }

    /// The uploads, body collected before the CSRF check (as `RecordImportPages.uploadRoutes`).
    static func uploadRoutes(_ routes: RoutesBuilder) {
        let guarded = routes.grouped(UploadBody(maximum: RecordImportPages.maximumUpload.value), RequireLogin(), CSRFMiddleware())
        guarded.on(.POST, "reconsideration", "import", body: .collect(maxSize: RecordImportPages.maximumUpload), use: preview)
        guarded.on(.POST, "reconsideration", "import", "confirm", body: .collect(maxSize: "64mb"), use: confirm)
    }

    static func form(_ req: Request) async throws -> Response {
        try await render(req, state: FormState())
    }

    static func preview(_ req: Request) async throws -> Response {
        let upload = try req.content.decode(RecordImportPages.Upload.self)
        var state = FormState()
        guard let file = upload.file, file.data.readableBytes > 0 else {
            state.errors.add("file", "请选择要导入的 .xlsx 或 .csv 文件")
            return try await render(req, state: state, status: .unprocessableEntity)
        }
        let data = Data(file.data.readableBytesView)
        do {
            let summary = try await importer(req).check(try SpreadsheetFile.read(data), fileName: file.filename, fileData: data,
                                                        today: ChinaTime.today)
            let current = try req.requireCurrent()
            return try await req.page("导入\(ReconsiderationImport.name)：确认") {
                notice("文件「\(file.filename)」检查通过：将登记 \(summary.added) 件申请，已登记过 \(summary.alreadyPresent) 件（不会重复登记）。",
                       tone: "ok")
                RecordImportPages.confirmForm(action: path + "/confirm", cancel: path, csrf: current.session.csrfToken,
                                              data: data, fileName: file.filename, orgID: nil)
            }
        } catch let rejected as ImportRejected {
            return try await problems(req, rejected.problems, fileName: file.filename)
        } catch let error as SpreadsheetError {
            state.errors.add("file", error.description)
            return try await render(req, state: state, status: .unprocessableEntity)
        }
    }

    static func confirm(_ req: Request) async throws -> Response {
        let confirmation = try req.content.decode(RecordImportPages.Confirmation.self)
        guard let text = confirmation.data, let data = Data(base64Encoded: text) else { throw Abort(.badRequest) }
        let fileName = confirmation.fileName ?? "upload"
        do {
            let summary = try await importer(req).run(try SpreadsheetFile.read(data), fileName: fileName, fileData: data,
                                                      today: ChinaTime.today)
            return try await req.page("导入\(ReconsiderationImport.name)：完成") {
                notice("已导入：登记 \(summary.added) 件申请，已登记过 \(summary.alreadyPresent) 件（未重复登记）。", tone: "ok")
                el("p") { el("a", .href(ReconsiderationPages.base), .class("button")) { "查看待受理的申请" } }
            }
        } catch let rejected as ImportRejected {
            return try await problems(req, rejected.problems, fileName: fileName)
        }
    }

    /// The importer acting as the signed-in officer, for their reception centre; 403 for anyone who may not register.
    private static func importer(_ req: Request) async throws -> ReconsiderationImport {
        let current = try req.requireCurrent()
        guard let org = current.scope.homeOrg(for: .reconsideration) else {
            throw Abort(.forbidden, reason: "您没有登记行政复议申请的权限")
        }
        return ReconsiderationImport(db: req.db, scope: current.scope, actor: current.actor,
                                     calendar: try await req.calendarStore.calendar(), protection: req.dataProtection, org: org)
    }

    private static func problems(_ req: Request, _ problems: [ImportProblem], fileName: String) async throws -> Response {
        try await RecordImportPages.problemsPage(req, title: "导入\(ReconsiderationImport.name)：文件有误", problems,
                                                 fileName: fileName, retry: path)
    }

    private static func render(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        guard current.scope.homeOrg(for: .reconsideration) != nil else { throw Abort(.forbidden, reason: "您没有登记行政复议申请的权限") }
        let headers = ReconsiderationImport.columns.map { $0.header + ($0.required ? "（必填）" : "") }.joined(separator: "、")
        return try await req.page("导入\(ReconsiderationImport.name)", status: status) {
            el("p") {
                "请使用"
                el("a", .href(path + "/template.xlsx")) { "导入模板" }
                "，列为：\(headers)。被申请人须与机构名称完全一致。每一行都按登记表的同样规则检查（证件号码、申请期限等）；"
                "有任何错误时不登记任何一件；申请人、被申请人、行政行为和收到日期都相同的申请视为已登记，不会重复登记。"
            }
            el("form", Attribute("method", "post"), Attribute("action", path), .class("card"),
               Attribute("enctype", "multipart/form-data"), Attribute("novalidate", nil)) {
                errorSummary(state)
                csrfField(current.session.csrfToken)
                RecordImportPages.fileField(state)
                submitButton("检查文件")
            }
        }
    }
}
