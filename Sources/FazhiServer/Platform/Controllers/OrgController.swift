import Fluent
import FazhiCore
import Vapor

/// The org tree: admins create and rename orgs; everyone lists the orgs within their scope.
struct OrgController {
    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("admin", "orgs", use: listPage)
        routes.post("admin", "orgs", use: createFromForm)
        routes.get("admin", "orgs", ":id", use: detailPage)
        routes.post("admin", "orgs", ":id", use: updateFromForm)

        let api = routes.grouped("api", "v1", "orgs")
        api.get(use: list).openAPI("可见范围内的机构", tag: "orgs")
        api.post(use: create).openAPI(
            "新增机构（管理员）", tag: "orgs",
            body: OpenAPIDocument.object(["code": "string", "name": "string", "kind": "string", "parentID": "string"],
                                         required: ["code", "name", "kind", "parentID"]),
            responses: [201: "已创建", 422: "输入有误"])
        api.get(":id", use: show).openAPI("机构详情", tag: "orgs", responses: [200: "成功", 404: "不存在或不在范围内"])
        api.patch(":id", use: update).openAPI("修改机构名称或启停（管理员）", tag: "orgs",
                                              body: OpenAPIDocument.object(["name": "string", "active": "boolean"]),
                                              responses: [200: "成功", 422: "输入有误"])
    }

    // MARK: API

    struct OrgBody: Content {
        let id: UUID
        let code: String
        let name: String
        let kind: String
        let parentID: UUID?
        let active: Bool
    }

    static func body(_ org: Org) -> OrgBody {
        OrgBody(id: org.id!, code: org.code, name: org.name, kind: org.kind.rawValue, parentID: org.$parent.id, active: org.active)
    }

    static func list(_ req: Request) async throws -> [OrgBody] {
        try await req.scope.orgs(on: req.db).sort(\.$path).all().map(body)
    }

    static func show(_ req: Request) async throws -> OrgBody {
        body(try await req.scope.findOrg(req.parameters.get("id", as: UUID.self), on: req.db))
    }

    static func create(_ req: Request) async throws -> Response {
        let scope = try req.scope
        try scope.requireAdmin()
        let input = try req.content.decode(OrgDirectory.Input.self)
        let org = try await OrgDirectory(db: req.db, actor: try req.requireCurrent().actor).create(input, scope: scope)
        let response = Response(status: .created)
        try response.content.encode(body(org))
        return response
    }

    static func update(_ req: Request) async throws -> OrgBody {
        let scope = try req.scope
        try scope.requireAdmin()
        let org = try await scope.findAdministeredOrg(req.parameters.get("id", as: UUID.self), on: req.db)
        let input = try req.content.decode(OrgDirectory.Input.self)
        return body(try await OrgDirectory(db: req.db, actor: try req.requireCurrent().actor).update(org, input))
    }

    // MARK: Pages

    static func listPage(_ req: Request) async throws -> Response {
        try req.scope.requireAdmin()
        return try await renderList(req, state: FormState())
    }

    static func createFromForm(_ req: Request) async throws -> Response {
        let scope = try req.scope
        try scope.requireAdmin()
        let input = try req.content.decode(OrgDirectory.Input.self)
        do {
            let org = try await OrgDirectory(db: req.db, actor: try req.requireCurrent().actor).create(input, scope: scope)
            return req.redirect(to: "/admin/orgs/\(org.id!)")
        } catch let errors as ValidationErrors {
            let values = ["code": input.code ?? "", "name": input.name ?? "", "kind": input.kind ?? "", "parentID": input.parentID ?? ""]
            return try await renderList(req, state: FormState(values: values, errors: errors), status: .unprocessableEntity)
        }
    }

    static func detailPage(_ req: Request) async throws -> Response {
        let scope = try req.scope
        try scope.requireAdmin()
        let org = try await scope.findOrg(req.parameters.get("id", as: UUID.self), on: req.db)
        return try await renderDetail(req, org: org, state: FormState(values: ["name": org.name]))
    }

    static func updateFromForm(_ req: Request) async throws -> Response {
        let scope = try req.scope
        try scope.requireAdmin()
        let org = try await scope.findAdministeredOrg(req.parameters.get("id", as: UUID.self), on: req.db)
        struct Form: Content { var name: String?; var active: String? }
        let form = try req.content.decode(Form.self)
        do {
            _ = try await OrgDirectory(db: req.db, actor: try req.requireCurrent().actor)
                .update(org, .init(name: form.name, active: form.active == "on"))
            return req.redirect(to: "/admin/orgs/\(org.id!)")
        } catch let errors as ValidationErrors {
            return try await renderDetail(req, org: org, state: FormState(values: ["name": form.name ?? ""], errors: errors),
                                          status: .unprocessableEntity)
        }
    }

    private static func renderList(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let orgs = try await current.scope.orgs(on: req.db).sort(\.$path).all()
        let names = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id!, $0.name) })
        let rows: [[Markup]] = orgs.map { org in
            [
                el("span", .class("indent-\(min(org.depth, 4))")) { el("a", .href("/admin/orgs/\(org.id!)")) { org.name } },
                .text(org.code),
                .text(org.kind.label),
                .text(org.$parent.id.flatMap { names[$0] } ?? "—"),
                org.active ? badge("启用", tone: "ok") : badge("停用", tone: "neutral"),
            ]
        }
        let parents = orgs.filter { $0.kind != .agency && $0.kind != .lawFirm }.map { ($0.id!.uuidString, $0.name) }
        return try await req.page("组织机构", status: status) {
            dataTable(caption: "本局组织机构（共\(orgs.count)个）", headers: ["名称", "代码", "类型", "上级", "状态"], rows: rows)
            el("section", .class("card")) {
                el("h2") { "新增机构" }
                el("form", Attribute("method", "post"), Attribute("action", "/admin/orgs"), Attribute("novalidate", nil)) {
                    errorSummary(state)
                    csrfField(current.session.csrfToken)
                    textField("name", label: "机构名称", state: state, required: true)
                    textField("code", label: "机构代码", state: state, required: true, hint: "如 120102-JS13；全局唯一")
                    selectField("kind", label: "机构类型", options: OrgKind.registered.filter { $0 != .bureau }.map { ($0.rawValue, $0.label) },
                                state: state, required: true)
                    selectField("parentID", label: "上级机构", options: parents, state: state, required: true)
                    submitButton("新增")
                }
            }
        }
    }

    private static func renderDetail(_ req: Request, org: Org, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let members = try await User.query(on: req.db).filter(\.$org.$id == org.id!).sort(\.$username).all()
        return try await req.page(org.name, status: status) {
            el("dl", .class("facts")) {
                el("dt") { "代码" }; el("dd") { org.code }
                el("dt") { "类型" }; el("dd") { org.kind.label }
                el("dt") { "状态" }; el("dd") { org.active ? "启用" : "停用" }
            }
            el("section", .class("card")) {
                el("h2") { "修改" }
                el("form", Attribute("method", "post"), Attribute("action", "/admin/orgs/\(org.id!)"), Attribute("novalidate", nil)) {
                    errorSummary(state)
                    csrfField(current.session.csrfToken)
                    textField("name", label: "机构名称", state: state, required: true)
                    el("div", .class("field checkbox")) {
                        el("input", .type("checkbox"), .id("f-active"), .name("active"), .flag("checked", org.active))
                        el("label", .for("f-active")) { "启用" }
                    }
                    submitButton("保存")
                }
            }
            dataTable(caption: "本机构用户", headers: ["用户名", "姓名", "状态"], rows: members.map { user in
                [el("a", .href("/admin/users/\(user.id!)")) { user.username }, .text(user.displayName),
                 user.active ? badge("启用", tone: "ok") : badge("停用")]
            })
        }
    }
}
