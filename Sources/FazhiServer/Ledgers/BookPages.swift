import Fluent
import FazhiCore
import Vapor

/// The 台账 and 名册 pages: the kinds a user may read, each kind's list (filter by year and org, paged), and the
/// add-one form with each error under its field. Import and export are in `BookImportPages`.
enum BookPages {
    static let pageSize = 50

    static func routes(_ routes: RoutesBuilder) {
        for family in BookFamily.allCases {
            let base = routes.grouped(PathComponent(stringLiteral: family.pathSegment))
            base.get { try await index($0, family) }
            base.get(":kind") { try await list($0, family) }
            base.get(":kind", "new") { req in try await renderForm(req, try await kind(req, family), state: FormState()) }
            base.post(":kind") { try await create($0, family) }
            base.get(":kind", ":id", "edit") { try await edit($0, family) }
            base.post(":kind", ":id") { try await update($0, family) }
            base.post(":kind", ":id", "delete") { try await remove($0, family) }
            BookImportPages.routes(base, family)
            BookEntryPage.routes(base, family)
        }
    }

    /// The kind named in the path, if the user may read its line (404 otherwise, as for a record out of scope), its list
    /// columns offering their lists' options today (`ChoiceLists.resolve`).
    static func kind(_ req: Request, _ family: BookFamily) async throws -> any BookKind {
        guard let code = req.parameters.get("kind"), let kind = req.modules.bookKind(code), kind.family == family,
              try req.scope.canRead(kind) else { throw Abort(.notFound) }
        return try await ChoiceLists.resolve(kind, on: req.db)
    }

    static func path(_ kind: any BookKind, _ suffix: String = "") -> String {
        "/\(kind.family.pathSegment)/\(kind.code)\(suffix)"
    }

    static func index(_ req: Request, _ family: BookFamily) async throws -> Response {
        let scope = try req.scope
        let kinds = req.modules.bookKinds(family).filter { scope.canRead($0) }
        return try await req.page(family.label) {
            dataTable(headers: ["名称", "工作条线", "计入年度报告"], rows: kinds.map { kind in
                [el("a", .href(path(kind))) { kind.name }, .text(kind.line.label),
                 .text(kind.metricKeys.compactMap { req.modules.metricCatalogue.metric($0)?.label }.joined(separator: "、"))]
            }, empty: "您没有可查看的\(family.label)")
        }
    }

    static func list(_ req: Request, _ family: BookFamily) async throws -> Response {
        let kind = try await kind(req, family)
        let scope = try req.scope
        let query = try req.query.decode([String: String].self)
        let year = query["year"].flatMap { Int($0) }
        let orgID = query["orgID"].flatMap(UUID.init(uuidString:))
        let paging = try Paging.parse(query[Paging.field], size: pageSize)
        let page = paging.page
        let book = BookEntries(db: req.db, scope: scope, kind: kind)
        let (entries, total) = try await book.list(.init(year: year, orgID: orgID), paging: paging)
        let orgs = try await Org.query(on: req.db).filter(\.$id ~~ Array(scope.readableOrgIDs(kind.line))).sort(\.$path).all()
        let state = FormState(values: ["year": year.map(String.init) ?? "", "orgID": orgID?.uuidString ?? ""])
        let exportQuery = state.values.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            .joined(separator: "&")
        let canAct = !scope.actingOrgIDs(kind.line).isEmpty
        return try await req.page("\(kind.name)（\(family.label)）") {
            if let added = query["added"], let present = query["present"] {
                notice("已导入：新增 \(added) 条，已存在 \(present) 条（未重复写入）", tone: "ok")
            }
            el("p", .class("actions")) {
                if canAct {
                    el("a", .href(path(kind, "/new")), .class("button")) { "新增" }
                    el("a", .href(path(kind, "/import")), .class("button")) { "导入 Excel/CSV" }
                }
                el("a", .href(path(kind, "/template.xlsx")), .class("button")) { "下载模板" }
                el("a", .href(path(kind, "/export.xlsx") + (exportQuery.isEmpty ? "" : "?" + exportQuery)), .class("button")) { "导出 Excel" }
            }
            el("form", Attribute("method", "get"), Attribute("action", path(kind)), .class("filters")) {
                textField("year", label: kind.family == .ledger ? "年度" : "在册年度", state: state, type: "number")
                selectField("orgID", label: "机构（含下级）", options: orgs.map { ($0.id!.uuidString, $0.name) }, state: state, blank: "（全部）")
                submitButton("筛选")
            }
            dataTable(caption: "共 \(total) 条", headers: ["机构"] + kind.columns.map(\.header) + ["操作"],
                      rows: entries.map { entry in
                          [.text(entry.orgName)] + kind.columns.map { .text(entry.values[$0.name] ?? "") }
                              + [el("span") {
                                  el("a", .href(path(kind, "/\(entry.id)"))) { kind.acceptsAttachments ? "查看·附件" : "查看" }
                                  if book.canAct(at: entry.orgID) { " "; el("a", .href(path(kind, "/\(entry.id)/edit"))) { "修改" } }
                              }]
                      })
            pager(page: page, total: total, pageSize: pageSize, base: path(kind), query: state.values)
        }
    }

    static func create(_ req: Request, _ family: BookFamily) async throws -> Response {
        let kind = try await kind(req, family)
        let current = try req.requireCurrent()
        let form = try postedForm(req)
        do {
            _ = try await BookEntries(db: req.db, scope: current.scope, kind: kind)
                .add(form, orgID: form["orgID"].flatMap(UUID.init(uuidString:)), actor: current.actor)
            return req.redirect(to: path(kind))
        } catch let errors as ValidationErrors {
            return try await renderForm(req, kind, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }

    /// The correction form of one entry: its values filled in, its org shown but fixed; for a register the end date
    /// is where an entry is ended. Below it, removal of an entry entered by mistake.
    static func edit(_ req: Request, _ family: BookFamily, state: FormState? = nil,
                     status: HTTPResponseStatus = .ok) async throws -> Response {
        let kind = try await kind(req, family)
        let current = try req.requireCurrent()
        let book = BookEntries(db: req.db, scope: current.scope, kind: kind)
        let entry = try await book.find(req.parameters.get("id").flatMap(UUID.init(uuidString:)))
        try book.requireAct(at: entry.orgID)
        let state = state ?? FormState(values: entry.values)
        let action = path(kind, "/\(entry.id)")
        return try await req.page("修改\(kind.name)", status: status) {
            el("form", Attribute("method", "post"), Attribute("action", action), .class("card"), Attribute("novalidate", nil)) {
                errorSummary(state)
                csrfField(current.session.csrfToken)
                el("p") { "所属机构：\(entry.orgName)　登记人：\(entry.createdBy)" }
                for column in kind.columns { field(column, state: state) }
                submitButton("保存修改")
            }
            el("form", Attribute("method", "post"), Attribute("action", action + "/delete"), .class("card"),
               Attribute("data-confirm", "确定删除这条误录的记录？审计日志会保留原值。")) {
                csrfField(current.session.csrfToken)
                el("p") { "误录的记录可以删除；删除后不再计入统计，审计日志保留原值。" }
                el("button", .type("submit"), .class("link danger")) { "删除这条记录" }
            }
        }
    }

    static func update(_ req: Request, _ family: BookFamily) async throws -> Response {
        let kind = try await kind(req, family)
        let current = try req.requireCurrent()
        let form = try postedForm(req)
        do {
            try await BookEntries(db: req.db, scope: current.scope, kind: kind)
                .update(req.parameters.get("id").flatMap(UUID.init(uuidString:)), form, actor: current.actor)
            return req.redirect(to: path(kind))
        } catch let errors as ValidationErrors {
            return try await edit(req, family, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }

    static func remove(_ req: Request, _ family: BookFamily) async throws -> Response {
        let kind = try await kind(req, family)
        let current = try req.requireCurrent()
        try await BookEntries(db: req.db, scope: current.scope, kind: kind)
            .remove(req.parameters.get("id").flatMap(UUID.init(uuidString:)), actor: current.actor)
        return req.redirect(to: path(kind))
    }

    static func renderForm(_ req: Request, _ kind: any BookKind, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let (orgs, state) = try await actingOrgs(req, kind, state: state)
        return try await req.page("新增\(kind.name)", status: status) {
            el("form", Attribute("method", "post"), Attribute("action", path(kind)), .class("card"), Attribute("novalidate", nil)) {
                errorSummary(state)
                csrfField(current.session.csrfToken)
                selectField("orgID", label: "所属机构", options: orgs.map { ($0.id!.uuidString, $0.name) }, state: state, required: true)
                for column in kind.columns { field(column, state: state) }
                submitButton("保存")
            }
        }
    }

    /// The orgs the user may record the kind at (403 when none), and the form state with their home org chosen when
    /// the form has none yet: the org choice of the add form and of the upload form.
    static func actingOrgs(_ req: Request, _ kind: any BookKind, state: FormState) async throws -> ([Org], FormState) {
        let scope = try req.scope
        let acting = scope.actingOrgIDs(kind.line)
        guard !acting.isEmpty else { throw Abort(.forbidden, reason: "您没有登记\(kind.name)的权限") }
        let orgs = try await Org.query(on: req.db).filter(\.$id ~~ Array(acting)).sort(\.$path).all()
        var state = state
        if state["orgID"].isEmpty, let home = scope.homeOrg(for: kind.line) { state.values["orgID"] = home.uuidString }
        return (orgs, state)
    }

    /// The posted form's fields, without the CSRF token.
    private static func postedForm(_ req: Request) throws -> [String: String] {
        var form = try req.content.decode([String: String].self)
        form.removeValue(forKey: CSRFMiddleware.field)
        return form
    }

    private static func field(_ column: SheetColumn, state: FormState) -> Markup {
        switch column.type {
        case .choice(let options):
            return selectField(column.name, label: column.header, options: options.map { ($0, $0) }, state: state, required: column.required)
        case .bool:
            return selectField(column.name, label: column.header, options: [("是", "是"), ("否", "否")], state: state, required: column.required)
        case .date:
            return textField(column.name, label: column.header, state: state, type: "date", required: column.required)
        case .int:
            return textField(column.name, label: column.header, state: state, type: "number", required: column.required)
        default:
            return textField(column.name, label: column.header, state: state, required: column.required,
                             hint: column.example.isEmpty ? nil : "例：\(column.example)")
        }
    }
}
