import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// Import and export pages of a kind: upload a file and see every bad row and cell (nothing written while any
/// error remains), confirm to write all rows in one transaction; download the template; export the list.
///
/// The file travels from the preview to the confirmation inside the confirmation form (Base64), so no node keeps
/// an upload between requests (DESIGN.md, Scale: app nodes hold no state), and the confirmation re-checks it.
enum BookImportPages {
    static func routes(_ base: RoutesBuilder, _ family: BookFamily) {
        base.get(":kind", "import") { req in try await form(req, try await BookPages.kind(req, family), state: FormState()) }
        base.get(":kind", "template.xlsx") { req in
            let kind = try await BookPages.kind(req, family)
            return download(try BookTemplate.template(kind), name: "\(kind.name)导入模板.xlsx")
        }
        base.get(":kind", "export.xlsx") { try await export($0, family) }
        // The uploads, with their `BodyLimit`s (read only after the login check, see there).
        base.post(":kind", "import", limit: BodyLimit.spreadsheet) { try await preview($0, family) }
        base.post(":kind", "import", "confirm", limit: BodyLimit.spreadsheetConfirmation) { try await confirm($0, family) }
    }

    struct Upload: Content {
        var file: File?
        var orgID: String?
    }

    struct Confirmation: Content {
        var data: String?
        var fileName: String?
        var orgID: String?
    }

    static func preview(_ req: Request, _ family: BookFamily) async throws -> Response {
        let kind = try await BookPages.kind(req, family)
        let upload = try req.content.decode(Upload.self)
        var state = FormState(values: ["orgID": upload.orgID ?? ""])
        guard let file = upload.file, file.data.readableBytes > 0 else {
            state.errors.add("file", "请选择要导入的 .xlsx 或 .csv 文件")
            return try await form(req, kind, state: state, status: .unprocessableEntity)
        }
        let data = Data(file.data.readableBytesView)
        let org = try organisation(req, kind, upload.orgID, state: &state)
        guard let org else { return try await form(req, kind, state: state, status: .unprocessableEntity) }
        let current = try req.requireCurrent()
        do {
            let table = try SpreadsheetFile.read(data)
            let (new, present) = try await BookImport(db: req.db, kind: kind, org: org, actor: current.actor).check(table)
            return try await req.page("导入\(kind.name)：确认") {
                notice("文件「\(file.filename)」检查通过：将新增 \(new.count) 条，已存在 \(present) 条（不会重复写入）。", tone: "ok")
                confirmForm(action: BookPages.path(kind, "/import/confirm"), cancel: BookPages.path(kind, "/import"),
                            csrf: current.session.csrfToken, data: data, fileName: file.filename, orgID: org)
            }
        } catch let rejected as ImportRejected {
            return try await problems(req, kind, rejected.problems, fileName: file.filename)
        } catch let error as SpreadsheetError {
            state.errors.add("file", error.description)
            return try await form(req, kind, state: state, status: error.status)
        }
    }

    static func confirm(_ req: Request, _ family: BookFamily) async throws -> Response {
        let kind = try await BookPages.kind(req, family)
        let confirmation = try req.content.decode(Confirmation.self)
        var state = FormState()
        guard let text = confirmation.data, let data = Data(base64Encoded: text),
              let org = try organisation(req, kind, confirmation.orgID, state: &state) else { throw Abort(.badRequest) }
        let fileName = confirmation.fileName ?? "upload"
        do {
            let table = try SpreadsheetFile.read(data)
            let summary = try await BookImport(db: req.db, kind: kind, org: org, actor: try req.requireCurrent().actor)
                .run(table, fileName: fileName, fileData: data)
            return req.redirect(to: BookPages.path(kind) + "?added=\(summary.added)&present=\(summary.alreadyPresent)")
        } catch let rejected as ImportRejected {
            return try await problems(req, kind, rejected.problems, fileName: fileName)
        }
    }

    static func export(_ req: Request, _ family: BookFamily) async throws -> Response {
        let kind = try await BookPages.kind(req, family)
        let query = try req.query.decode([String: String].self)
        let filter = BookEntries.Filter(year: query["year"].flatMap { Int($0) }, orgID: query["orgID"].flatMap(UUID.init(uuidString:)))
        let (entries, _) = try await BookEntries(db: req.readDB, scope: try req.scope, kind: kind).list(filter, paging: Paging(size: ListWorkbook.maximumRows))
        let rows = entries.map { entry in kind.columns.map { entry.values[$0.name] ?? "" } }
        return download(try BookTemplate.workbook(kind, rows: rows), name: "\(kind.name).xlsx")
    }

    /// The org the import goes to: one where the user may act in the kind's line (their home org when not chosen).
    private static func organisation(_ req: Request, _ kind: any BookKind, _ raw: String?, state: inout FormState) throws -> UUID? {
        let scope = try req.scope
        let org = raw.flatMap(UUID.init(uuidString:)) ?? scope.homeOrg(for: kind.line)
        guard let org, scope.canAct(kind.line, at: org) else {
            state.errors.add("orgID", "您在该机构没有登记\(kind.name)的权限")
            return nil
        }
        return org
    }

    static func form(_ req: Request, _ kind: any BookKind, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let (orgs, state) = try await BookPages.actingOrgs(req, kind, state: state)
        return try await req.page("导入\(kind.name)", status: status) {
            el("p") {
                "请使用"
                el("a", .href(BookPages.path(kind, "/template.xlsx"))) { "导入模板" }
                "（第一行为表头）。先检查全部行，有任何错误时不写入任何数据；同一文件重复导入不会产生重复记录（按\(kind.naturalKeyHeaders)判断）。"
            }
            el("form", Attribute("method", "post"), Attribute("action", BookPages.path(kind, "/import")), .class("card"),
               Attribute("enctype", "multipart/form-data"), Attribute("novalidate", nil)) {
                errorSummary(state)
                csrfField(current.session.csrfToken)
                selectField("orgID", label: "导入到机构", options: orgs.map { ($0.id!.uuidString, $0.name) }, state: state, required: true)
                fileField(state)
                submitButton("检查文件")
            }
        }
    }

    private static func problems(_ req: Request, _ kind: any BookKind, _ problems: [ImportProblem], fileName: String) async throws -> Response {
        try await problemsPage(req, title: "导入\(kind.name)：文件有误", problems, fileName: fileName, retry: BookPages.path(kind, "/import"))
    }

    /// Every problem of a rejected file, by row and column, with the way back to the upload form.
    static func problemsPage(_ req: Request, title: String, _ problems: [ImportProblem], fileName: String, retry: String) async throws -> Response {
        try await req.page(title, status: .unprocessableEntity) {
            notice("文件「\(fileName)」有 \(problems.count) 处错误，未写入任何数据。请修改后重新导入。", tone: "error")
            dataTable(headers: ["行", "列", "表头", "问题"], rows: problems.prefix(1_000).map { problem in
                [.text(problem.row.map { "第\($0)行" } ?? "—"), .text(problem.column.map { SpreadsheetColumn.letters($0) } ?? "—"),
                 .text(problem.header ?? "—"), .text(problem.message)]
            })
            if problems.count > 1_000 { el("p") { "仅显示前 1000 处。" } }
            el("p") { el("a", .href(retry), .class("button")) { "重新导入" } }
        }
    }

    /// The file input of an upload form, with its error under it.
    static func fileField(_ state: FormState) -> Markup {
        let error = state.errors.message(for: "file")
        return el("div", .class(error == nil ? "field" : "field invalid")) {
            el("label", .for("f-file")) { "文件（.xlsx 或 .csv，CSV 可为 UTF-8 或 GBK 编码）" }
            el("input", .type("file"), .id("f-file"), .name("file"), Attribute("accept", ".xlsx,.csv"),
               .aria("invalid", error == nil ? nil : "true"), .aria("describedby", error == nil ? nil : "f-file-error"))
            if let error { el("p", .class("error"), .id("f-file-error")) { error } }
        }
    }

    /// The checked file carried to the confirmation post, so it is read and checked again there, not trusted.
    static func confirmForm(action: String, cancel: String, csrf: String, data: Data, fileName: String, orgID: UUID?) -> Markup {
        el("form", Attribute("method", "post"), Attribute("action", action), .class("card")) {
            csrfField(csrf)
            el("input", .type("hidden"), .name("data"), .value(data.base64EncodedString()))
            el("input", .type("hidden"), .name("fileName"), .value(fileName))
            if let orgID { el("input", .type("hidden"), .name("orgID"), .value(orgID.uuidString)) }
            submitButton("确认导入")
            el("a", .href(cancel), .class("button")) { "取消" }
        }
    }

    static func download(_ data: Data, name: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "export.xlsx"
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"export.xlsx\"; filename*=UTF-8''\(encoded)")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
