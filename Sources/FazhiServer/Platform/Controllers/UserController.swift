import Fluent
import FazhiCore
import Vapor

/// User administration: create users with a first role, add and remove roles, reset passwords, deactivate.
struct UserController {
    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("admin", "users", use: listPage)
        routes.post("admin", "users", use: createFromForm)
        routes.get("admin", "users", ":id", use: detailPage)
        routes.post("admin", "users", ":id", use: updateFromForm)
        routes.post("admin", "users", ":id", "grants", use: grantFromForm)
        routes.post("admin", "users", ":id", "grants", ":grantID", "delete", use: revokeFromForm)
        routes.post("admin", "users", ":id", "password", use: resetPasswordFromForm)

        let api = routes.grouped("api", "v1", "users")
        api.get(use: list).openAPI("用户列表（管理员）", tag: "users")
        api.post(use: create).openAPI(
            "新增用户及其首个角色（管理员）", tag: "users",
            body: OpenAPIDocument.object(["username": "string", "displayName": "string", "password": "string", "orgID": "string",
                                          "role": "string", "line": "string"], required: ["username", "displayName", "password", "orgID", "role"]),
            responses: [201: "已创建", 422: "输入有误"])
        api.get(":id", use: show).openAPI("用户详情", tag: "users", responses: [200: "成功", 404: "不存在"])
        api.patch(":id", use: update).openAPI(
            "修改姓名、启停或重置密码（管理员）", tag: "users",
            body: OpenAPIDocument.object(["displayName": "string", "active": "boolean", "password": "string"]),
            responses: [200: "成功", 422: "输入有误"])
        api.post(":id", "grants", use: grant).openAPI(
            "授予角色（管理员）", tag: "users",
            body: OpenAPIDocument.object(["role": "string", "orgID": "string", "line": "string"], required: ["role", "orgID"]),
            responses: [201: "已授予", 422: "输入有误"])
        api.delete(":id", "grants", ":grantID", use: revoke).openAPI("移除角色（管理员）", tag: "users",
                                                                     responses: [204: "已移除", 404: "不存在"])
    }

    private static func accounts(_ req: Request) throws -> UserAccounts {
        UserAccounts(db: req.db, actor: try req.requireCurrent().actor, hasher: req.password)
    }

    /// Admin only; the user's home org must be within the orgs the admin administers (404 otherwise), and to change
    /// the user (`change`), every org where the user holds a role too (403 otherwise).
    private static func adminAndUser(_ req: Request, change: Bool = true) async throws -> (Scope, User) {
        let scope = try req.scope
        try scope.requireAdmin()
        let user = try await scope.findUser(req.parameters.get("id", as: UUID.self), on: req.db)
        if change { try await scope.requireAdministers(user, on: req.db) }
        return (scope, user)
    }

    // MARK: API

    struct UserBody: Content {
        let id: UUID
        let username: String
        let displayName: String
        let orgID: UUID
        let active: Bool
        /// The roles held at orgs the admin administers.
        let grants: [SessionController.MeBody.Grant]?
        /// How many roles the user holds at orgs outside them (never named).
        let grantsOutsideScope: Int?
    }

    static func body(_ user: User) -> UserBody {
        UserBody(id: user.id!, username: user.username, displayName: user.displayName, orgID: user.$org.id, active: user.active,
                 grants: nil, grantsOutsideScope: nil)
    }

    /// The user with the roles the admin may see.
    static func body(_ user: User, scope: Scope, on db: Database) async throws -> UserBody {
        let (grants, outside) = try await scope.administeredGrants(of: user, on: db)
        return UserBody(id: user.id!, username: user.username, displayName: user.displayName, orgID: user.$org.id, active: user.active,
                        grants: grants.map { .init(role: $0.role.rawValue, orgID: $0.$org.id, line: $0.line?.rawValue) },
                        grantsOutsideScope: outside)
    }

    static func list(_ req: Request) async throws -> [UserBody] {
        let scope = try req.scope
        try scope.requireAdmin()
        return try await scope.users(on: req.db).sort(\.$username).all().map { body($0) }
    }

    static func show(_ req: Request) async throws -> UserBody {
        let (scope, user) = try await adminAndUser(req, change: false)
        return try await body(user, scope: scope, on: req.db)
    }

    static func create(_ req: Request) async throws -> Response {
        let scope = try req.scope
        try scope.requireAdmin()
        let user = try await accounts(req).create(try req.content.decode(UserAccounts.Input.self), scope: scope)
        let response = Response(status: .created)
        try response.content.encode(try await body(user, scope: scope, on: req.db))
        return response
    }

    struct UpdateInput: Content {
        var displayName: String?
        var active: Bool?
        var password: String?
    }

    static func update(_ req: Request) async throws -> UserBody {
        let (scope, user) = try await adminAndUser(req)
        let input = try req.content.decode(UpdateInput.self)
        if let password = input.password { try await accounts(req).resetPassword(user, to: password) }
        let updated = try await accounts(req).update(user, displayName: input.displayName, active: input.active)
        return try await body(updated, scope: scope, on: req.db)
    }

    static func grant(_ req: Request) async throws -> Response {
        let (scope, user) = try await adminAndUser(req)
        _ = try await accounts(req).grant(try req.content.decode(UserAccounts.GrantInput.self), to: user, scope: scope)
        let response = Response(status: .created)
        try response.content.encode(try await body(user, scope: scope, on: req.db))
        return response
    }

    static func revoke(_ req: Request) async throws -> HTTPStatus {
        let (_, user) = try await adminAndUser(req)
        guard let grantID = req.parameters.get("grantID", as: UUID.self),
              let grant = try await RoleGrant.query(on: req.db).filter(\.$id == grantID).filter(\.$user.$id == user.id!).first()
        else { throw Abort(.notFound) }
        try await accounts(req).revoke(grant, of: user)
        return .noContent
    }

    // MARK: Pages

    static func listPage(_ req: Request) async throws -> Response {
        try req.scope.requireAdmin()
        return try await renderList(req, state: FormState())
    }

    static func createFromForm(_ req: Request) async throws -> Response {
        let scope = try req.scope
        try scope.requireAdmin()
        let input = try req.content.decode(UserAccounts.Input.self)
        do {
            let user = try await accounts(req).create(input, scope: scope)
            return req.redirect(to: "/admin/users/\(user.id!)")
        } catch let errors as ValidationErrors {
            let values = ["username": input.username ?? "", "displayName": input.displayName ?? "", "orgID": input.orgID ?? "",
                          "role": input.role ?? "", "line": input.line ?? ""]
            return try await renderList(req, state: FormState(values: values, errors: errors), status: .unprocessableEntity)
        }
    }

    static func detailPage(_ req: Request) async throws -> Response {
        let (_, user) = try await adminAndUser(req, change: false)
        return try await renderDetail(req, user: user, state: FormState(values: ["displayName": user.displayName]))
    }

    static func updateFromForm(_ req: Request) async throws -> Response {
        let (_, user) = try await adminAndUser(req)
        struct Form: Content { var displayName: String?; var active: String? }
        let form = try req.content.decode(Form.self)
        do {
            _ = try await accounts(req).update(user, displayName: form.displayName, active: form.active == "on")
            return req.redirect(to: "/admin/users/\(user.id!)")
        } catch let error as FieldError {
            return try await renderDetail(req, user: user, state: FormState(values: ["displayName": form.displayName ?? ""],
                                                                            errors: ValidationErrors([error])), status: .unprocessableEntity)
        }
    }

    static func grantFromForm(_ req: Request) async throws -> Response {
        let (scope, user) = try await adminAndUser(req)
        let input = try req.content.decode(UserAccounts.GrantInput.self)
        do {
            _ = try await accounts(req).grant(input, to: user, scope: scope)
            return req.redirect(to: "/admin/users/\(user.id!)")
        } catch let errors as ValidationErrors {
            let values = ["displayName": user.displayName, "role": input.role ?? "", "orgID": input.orgID ?? "", "line": input.line ?? ""]
            return try await renderDetail(req, user: user, state: FormState(values: values, errors: errors), status: .unprocessableEntity)
        }
    }

    static func revokeFromForm(_ req: Request) async throws -> Response {
        let (_, user) = try await adminAndUser(req)
        guard let grantID = req.parameters.get("grantID", as: UUID.self),
              let grant = try await RoleGrant.query(on: req.db).filter(\.$id == grantID).filter(\.$user.$id == user.id!).first()
        else { throw Abort(.notFound) }
        try await accounts(req).revoke(grant, of: user)
        return req.redirect(to: "/admin/users/\(user.id!)")
    }

    static func resetPasswordFromForm(_ req: Request) async throws -> Response {
        let (_, user) = try await adminAndUser(req)
        struct Form: Content { var password: String? }
        let form = try req.content.decode(Form.self)
        do {
            try await accounts(req).resetPassword(user, to: form.password ?? "")
            return req.redirect(to: "/admin/users/\(user.id!)?reset=1")
        } catch let error as FieldError {
            return try await renderDetail(req, user: user, state: FormState(values: ["displayName": user.displayName],
                                                                            errors: ValidationErrors([error])), status: .unprocessableEntity)
        }
    }

    private static func orgOptions(_ req: Request, scope: Scope) async throws -> [(String, String)] {
        try await scope.administeredOrgs(on: req.db).filter(\.$kind !~ [.agency, .lawFirm]).sort(\.$path).all()
            .map { ($0.id!.uuidString, String(repeating: "　", count: max(0, $0.depth)) + $0.name) }
    }

    private static let roleOptions = Role.allCases.map { ($0.rawValue, $0.label) }
    /// The lines of the modules this app runs (not every line the process has seen: a test process runs several apps).
    private static func lineOptions(_ req: Request) -> [(String, String)] { req.modules.lines.map { ($0.rawValue, $0.label) } }

    private static func renderList(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let users = try await current.scope.users(on: req.db).with(\.$org).with(\.$grants).sort(\.$username).all()
        let administered = current.scope.administeredOrgIDs
        let rows: [[Markup]] = users.map { user in
            let held = user.grants.filter { administered.contains($0.$org.id) }
            let outside = user.grants.count - held.count
            return [
                el("a", .href("/admin/users/\(user.id!)")) { user.username },
                .text(user.displayName),
                .text(user.org.name),
                .text((held.map { $0.role.label + ($0.line.map { "（\($0.label)）" } ?? "") } + (outside > 0 ? ["另有\(outside)个角色在管理范围之外"] : []))
                    .joined(separator: "、")),
                user.active ? badge("启用", tone: "ok") : badge("停用"),
            ]
        }
        let orgs = try await orgOptions(req, scope: current.scope)
        return try await req.page("用户管理", status: status) {
            dataTable(caption: "用户（共\(users.count)人）", headers: ["用户名", "姓名", "所属机构", "角色", "状态"], rows: rows)
            el("section", .class("card")) {
                el("h2") { "新增用户" }
                el("form", Attribute("method", "post"), Attribute("action", "/admin/users"), Attribute("novalidate", nil), .id("new-user")) {
                    errorSummary(state)
                    csrfField(current.session.csrfToken)
                    textField("username", label: "用户名", state: state, required: true, hint: "3–32位小写字母、数字或“._-”")
                    textField("displayName", label: "姓名", state: state, required: true)
                    textField("password", label: "初始密码", state: state, type: "password", required: true,
                              hint: "至少\(PasswordPolicy.minimumLength)位，含字母、数字、符号中的两类", autocomplete: "new-password")
                    selectField("orgID", label: "所属机构", options: orgs, state: state, required: true)
                    selectField("role", label: "角色", options: roleOptions, state: state, required: true)
                    selectField("line", label: "业务条线", options: lineOptions(req), state: state, blank: "（不限）")
                    submitButton("新增")
                }
            }
        }
    }

    private static func renderDetail(_ req: Request, user: User, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let (grants, outside) = try await current.scope.administeredGrants(of: user, on: req.db)
        let orgs = try await orgOptions(req, scope: current.scope)
        let passwordReset = (try? req.query.get(String.self, at: "reset")) == "1"
        return try await req.page("用户：\(user.displayName)", status: status) {
            if passwordReset { notice("密码已重置，该用户的所有登录会话已失效。", tone: "ok") }
            errorSummary(state)
            el("section", .class("card")) {
                el("h2") { "基本信息" }
                el("form", Attribute("method", "post"), Attribute("action", "/admin/users/\(user.id!)"), Attribute("novalidate", nil)) {
                    csrfField(current.session.csrfToken)
                    el("p") { "用户名：\(user.username)" }
                    textField("displayName", label: "姓名", state: state, required: true)
                    el("div", .class("field checkbox")) {
                        el("input", .type("checkbox"), .id("f-active"), .name("active"), .flag("checked", user.active))
                        el("label", .for("f-active")) { "启用" }
                    }
                    submitButton("保存")
                }
            }
            el("section", .class("card")) {
                el("h2") { "角色" }
                if outside > 0 { notice("该用户另有 \(outside) 个角色在您管理范围之外的机构，只能由其所在机构的管理员处理。") }
                dataTable(headers: ["角色", "机构", "业务条线", ""], rows: grants.map { grant in
                    [.text(grant.role.label), .text(grant.org.name), .text(grant.line?.label ?? "—"),
                     el("form", Attribute("method", "post"), Attribute("action", "/admin/users/\(user.id!)/grants/\(grant.id!)/delete"), .class("inline")) {
                         csrfField(current.session.csrfToken)
                         el("button", .type("submit"), .class("link danger")) { "移除" }
                     }]
                })
                el("form", Attribute("method", "post"), Attribute("action", "/admin/users/\(user.id!)/grants"), Attribute("novalidate", nil)) {
                    csrfField(current.session.csrfToken)
                    selectField("role", label: "角色", options: roleOptions, state: state, required: true)
                    selectField("orgID", label: "机构", options: orgs, state: state, required: true)
                    selectField("line", label: "业务条线", options: lineOptions(req), state: state, blank: "（不限）")
                    submitButton("添加角色")
                }
            }
            el("section", .class("card")) {
                el("h2") { "重置密码" }
                el("form", Attribute("method", "post"), Attribute("action", "/admin/users/\(user.id!)/password"), Attribute("novalidate", nil)) {
                    csrfField(current.session.csrfToken)
                    textField("password", label: "新密码", state: state, type: "password", required: true, autocomplete: "new-password")
                    submitButton("重置密码")
                }
            }
        }
    }
}
