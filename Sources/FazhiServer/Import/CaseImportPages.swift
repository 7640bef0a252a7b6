import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// 导入 for a case kind: a spreadsheet of cases received on paper (a reception centre's 收案登记簿, an agency's list
/// of lawsuits), registered through the line's own rules. Upload → every row checked by registering it in a
/// transaction that is rolled back → the staff confirm → registered for real, all or none. Lives under the line's
/// pages: `/<line code>/import`.
enum CaseImportPages<Sheet: CaseSheet> {
    static var path: String { Sheet.pagesPath + "/import" }
    private static var segments: [PathComponent] { path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) } }

    static func routes(_ routes: RoutesBuilder) {
        routes.get(segments, use: form)
        routes.get(segments + ["template.xlsx"]) { _ in
            BookImportPages.download(try CaseImport<Sheet>.template(), name: "\(Sheet.name)导入模板.xlsx")
        }
        // The uploads, with their `BodyLimit`s (read only after the login check, see there).
        routes.post(segments, limit: BodyLimit.spreadsheet, use: preview)
        routes.post(segments + ["confirm"], limit: BodyLimit.spreadsheetConfirmation, use: confirm)
    }


    static func form(_ req: Request) async throws -> Response {
        try await render(req, state: FormState())
    }

    static func preview(_ req: Request) async throws -> Response {
        let upload = try req.content.decode(BookImportPages.Upload.self)
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
            return try await req.page("导入\(Sheet.name)：确认") {
                notice("文件「\(file.filename)」检查通过：将登记 \(summary.added) 件，已登记过 \(summary.alreadyPresent) 件（不会重复登记）。",
                       tone: "ok")
                BookImportPages.confirmForm(action: path + "/confirm", cancel: path, csrf: current.session.csrfToken,
                                              data: data, fileName: file.filename, orgID: nil)
            }
        } catch let rejected as ImportRejected {
            return try await problems(req, rejected.problems, fileName: file.filename)
        } catch let error as SpreadsheetError {
            state.errors.add("file", error.description)
            return try await render(req, state: state, status: error.status)
        }
    }

    static func confirm(_ req: Request) async throws -> Response {
        let confirmation = try req.content.decode(BookImportPages.Confirmation.self)
        guard let text = confirmation.data, let data = Data(base64Encoded: text) else { throw Abort(.badRequest) }
        let fileName = confirmation.fileName ?? "upload"
        do {
            let summary = try await importer(req).run(try SpreadsheetFile.read(data), fileName: fileName, fileData: data,
                                                      today: ChinaTime.today)
            return try await req.page("导入\(Sheet.name)：完成") {
                notice("已导入：登记 \(summary.added) 件，已登记过 \(summary.alreadyPresent) 件（未重复登记）。", tone: "ok")
                el("p") { el("a", .href(Sheet.pagesPath), .class("button")) { "查看案件" } }
            }
        } catch let rejected as ImportRejected {
            return try await problems(req, rejected.problems, fileName: fileName)
        }
    }

    /// The importer acting as the signed-in officer, for their org in the line; 403 for anyone who may not register.
    private static func importer(_ req: Request) async throws -> CaseImport<Sheet> {
        let current = try req.requireCurrent()
        guard let org = current.scope.homeOrg(for: Sheet.line) else { throw Abort(.forbidden, reason: "您没有登记\(Sheet.name)的权限") }
        return CaseImport<Sheet>(db: req.db, scope: current.scope, actor: current.actor,
                                 calendar: try await req.calendarStore.calendar(), protection: req.dataProtection, org: org)
    }

    private static func problems(_ req: Request, _ problems: [ImportProblem], fileName: String) async throws -> Response {
        try await BookImportPages.problemsPage(req, title: "导入\(Sheet.name)：文件有误", problems, fileName: fileName, retry: path)
    }

    private static func render(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        guard current.scope.homeOrg(for: Sheet.line) != nil else { throw Abort(.forbidden, reason: "您没有登记\(Sheet.name)的权限") }
        let headers = Sheet.columns.map { $0.header + ($0.required ? "（必填）" : "") }.joined(separator: "、")
        return try await req.page("导入\(Sheet.name)", status: status) {
            el("p") {
                "请使用"
                el("a", .href(path + "/template.xlsx")) { "导入模板" }
                "，列为：\(headers)。行政机关须与机构名称完全一致。每一行都按登记表的同样规则检查；有任何错误时不登记任何一件；"
                "\(Sheet.naturalKey.compactMap { name in Sheet.columns.first { $0.name == name }?.header }.joined(separator: "、"))都相同的视为已登记，不会重复登记。"
            }
            el("form", Attribute("method", "post"), Attribute("action", path), .class("card"),
               Attribute("enctype", "multipart/form-data"), Attribute("novalidate", nil)) {
                errorSummary(state)
                csrfField(current.session.csrfToken)
                BookImportPages.fileField(state)
                submitButton("检查文件")
            }
        }
    }
}
