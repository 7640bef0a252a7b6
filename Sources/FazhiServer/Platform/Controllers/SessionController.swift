import Fluent
import FazhiCore
import Vapor

/// Login and logout, for the browser (cookie) and the API (`/api/v1/session`, same sessions).
struct SessionController {
    static let loginCSRFCookie = "fazhi_login_csrf"

    static func publicRoutes(_ routes: RoutesBuilder) {
        routes.get("login", use: loginPage)
        routes.post("login", use: login)
        routes.post("api", "v1", "session", use: apiLogin).openAPI(
            "登录（仅接受 JSON），返回会话令牌（亦设置 Cookie）；已启用二次验证的账户须同时提供 totp（动态口令或恢复码）", tag: "session",
            body: OpenAPIDocument.object(["username": "string", "password": "string", "totp": "string"], required: ["username", "password"]),
            responses: [201: "已登录", 401: "用户名、密码或动态口令错误，或须提供动态口令", 403: "管理员须先在浏览器绑定动态口令",
                        415: "请求体须为 JSON", 429: "账户已锁定"], isPublic: true)
        routes.get("login", "second-factor", use: secondFactorPage)
        routes.post("login", "second-factor", use: secondFactor)
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.post("logout", use: logout)
        routes.delete("api", "v1", "session", use: apiLogout).openAPI("退出登录", tag: "session", responses: [204: "已退出"])
        routes.get("api", "v1", "me", use: me).openAPI("当前用户及其角色", tag: "session")
    }

    // MARK: Browser

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
        var _csrf: String?
    }

    static func loginPage(_ req: Request) async throws -> Response {
        if req.current != nil { return req.redirect(to: "/") }
        return renderLogin(req, state: FormState(values: ["next": (try? req.query.get(String.self, at: "next")) ?? "/"]))
    }

    static func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        var state = FormState(values: ["username": form.username ?? "", "next": form.next ?? "/"])
        // Login CSRF: the form's token must match the cookie set with the form (double submit).
        guard let cookie = req.cookies[loginCSRFCookie]?.string, let sent = form._csrf, constantTimeEquals(cookie, sent) else {
            state.errors.add("username", "登录表单已失效，请重新提交")
            return renderLogin(req, state: state, status: .forbidden)
        }
        if (form.username ?? "").isEmpty { state.errors.add("username", "请输入用户名") }
        if (form.password ?? "").isEmpty { state.errors.add("password", "请输入密码") }
        if !state.errors.isEmpty { return renderLogin(req, state: state, status: .unprocessableEntity) }
        do {
            let issued = try await req.staffSessions.login(username: form.username!, password: form.password!, interactive: true,
                                                           ip: req.clientIP)
            let next = safeNext(form.next)
            let target = switch issued.session.stage {
            case .secondFactor: "/login/second-factor?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2F")
            case .enrolment: AccountController.secondFactorPath
            case nil: next
            }
            let response = req.redirect(to: target)
            setSessionCookie(response, token: issued.token, req: req)
            response.cookies[loginCSRFCookie] = .expired
            return response
        } catch let failure as StaffSessions.Failure {
            let (status, detail) = FazhiErrorMiddleware.describe(failure)
            state.errors.add("password", detail.message)
            return renderLogin(req, state: state, status: status)
        }
    }

    static func logout(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        try await req.staffSessions.logout(session: current.session, user: current.user)
        let response = req.redirect(to: "/login")
        response.cookies[StaffSessions.cookieName] = .expired
        return response
    }

    private static func renderLogin(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) -> Response {
        let token = StaffSessions.randomToken()
        let content: [Markup] = [
            el("form", Attribute("method", "post"), Attribute("action", "/login"), .class("card narrow"), Attribute("novalidate", nil)) {
                errorSummary(state)
                el("input", .type("hidden"), .name("_csrf"), .value(token))
                el("input", .type("hidden"), .name("next"), .value(state["next"]))
                textField("username", label: "用户名", state: state, required: true, autocomplete: "username")
                textField("password", label: "密码", state: state, type: "password", required: true, autocomplete: "current-password")
                submitButton("登录")
            },
        ]
        let html = Layout(title: "登录", current: nil, userOrgName: nil, activePath: "/login").render(content)
        let response = Response.html(html, status: status)
        response.cookies[loginCSRFCookie] = HTTPCookies.Value(
            string: token, maxAge: 3600, path: "/login", isHTTPOnly: true, sameSite: .strict)
        return response
    }

    /// Only a path of this site: never another host after login. Browsers drop tabs and newlines from URLs and read a
    /// backslash as `/`, so `/%09/evil.example` would become `//evil.example`: any control character, space or
    /// backslash sends the user home instead, as does anything a URL parser reads as having a scheme or a host.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.utf8.count <= 2000,
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7f && $0 != "\\" }),
              let components = URLComponents(string: next), components.scheme == nil, components.host == nil
        else { return "/" }
        return next
    }

    static func setSessionCookie(_ response: Response, token: String, req: Request) {
        response.cookies[StaffSessions.cookieName] = HTTPCookies.Value(
            string: token, maxAge: Int(req.application.fazhi.sessionAbsoluteLifetime), path: "/",
            isSecure: req.application.fazhi.servesTLS,
            isHTTPOnly: true, sameSite: .lax)
    }

    // MARK: Second factor (browser)

    static func secondFactorPage(_ req: Request) async throws -> Response {
        guard let pending = req.pendingSession else { return req.redirect(to: "/login") }
        let next = safeNext(req.query[String.self, at: "next"])
        return renderSecondFactor(req, pending: pending, state: FormState(values: ["next": next]))
    }

    static func secondFactor(_ req: Request) async throws -> Response {
        guard let pending = req.pendingSession else { return req.redirect(to: "/login") }
        struct Form: Content { var code: String?; var next: String?; var _csrf: String? }
        let form = try req.content.decode(Form.self)
        var state = FormState(values: ["next": safeNext(form.next)])
        guard let sent = form._csrf, constantTimeEquals(sent, pending.session.csrfToken) else {
            state.errors.add("code", "表单已失效，请重新登录")
            return renderSecondFactor(req, pending: pending, state: state, status: .forbidden)
        }
        guard let code = form.code, !code.trimmingCharacters(in: .whitespaces).isEmpty else {
            state.errors.add("code", "请输入动态口令或恢复码")
            return renderSecondFactor(req, pending: pending, state: state, status: .unprocessableEntity)
        }
        do {
            let issued = try await req.staffSessions.completeSecondFactor(pending.session, user: pending.user, code: code)
            let response = req.redirect(to: safeNext(form.next))
            setSessionCookie(response, token: issued.token, req: req)
            return response
        } catch let failure as StaffSessions.Failure {
            let (status, detail) = FazhiErrorMiddleware.describe(failure)
            state.errors.add("code", detail.message)
            return renderSecondFactor(req, pending: pending, state: state, status: status)
        }
    }

    private static func renderSecondFactor(_ req: Request, pending: PendingSession, state: FormState,
                                           status: HTTPResponseStatus = .ok) -> Response {
        let content: [Markup] = [
            el("form", Attribute("method", "post"), Attribute("action", "/login/second-factor"), .class("card narrow"), Attribute("novalidate", nil)) {
                errorSummary(state)
                el("p") { "\(pending.user.displayName)，请输入身份验证器应用显示的 6 位动态口令；手机不在身边时可输入一个恢复码。" }
                el("input", .type("hidden"), .name("_csrf"), .value(pending.session.csrfToken))
                el("input", .type("hidden"), .name("next"), .value(state["next"]))
                textField("code", label: "动态口令或恢复码", state: state, required: true, autocomplete: "one-time-code")
                submitButton("验证")
            },
        ]
        let html = Layout(title: "二次验证", current: nil, userOrgName: nil, activePath: "/login").render(content)
        return Response.html(html, status: status)
    }

    // MARK: API

    struct Credentials: Content {
        let username: String
        let password: String
        /// The authenticator app's code (or a recovery code), required for accounts with a second factor.
        let totp: String?
    }

    struct SessionBody: Content {
        let token: String
        let csrfToken: String
        let expiresAt: Date
        let user: MeBody
    }

    struct MeBody: Content {
        struct Grant: Content {
            let role: String
            let orgID: UUID
            let line: String?
        }

        let id: UUID
        let username: String
        let displayName: String
        let orgID: UUID
        let grants: [Grant]
    }

    static func apiLogin(_ req: Request) async throws -> Response {
        // JSON only: a cross-site form can post url-encoded or multipart bodies but not JSON (that needs a CORS
        // preflight we never grant), so a foreign page cannot log a victim in as the attacker (login CSRF).
        guard req.headers.contentType?.type == "application", req.headers.contentType?.subType == "json" else {
            throw Abort(.unsupportedMediaType, reason: "登录接口只接受 JSON 请求体（Content-Type: application/json）")
        }
        let credentials = try req.content.decode(Credentials.self)
        let issued = try await req.staffSessions.login(username: credentials.username, password: credentials.password,
                                                       secondFactor: credentials.totp, ip: req.clientIP)
        let body = SessionBody(token: issued.token, csrfToken: issued.session.csrfToken, expiresAt: issued.session.expiresAt,
                               user: try await meBody(issued.user, on: req.db))
        let response = Response(status: .created)
        try response.content.encode(body)
        setSessionCookie(response, token: issued.token, req: req)
        return response
    }

    static func apiLogout(_ req: Request) async throws -> HTTPStatus {
        let current = try req.requireCurrent()
        try await req.staffSessions.logout(session: current.session, user: current.user)
        return .noContent
    }

    static func me(_ req: Request) async throws -> MeBody {
        try await meBody(try req.requireCurrent().user, on: req.db)
    }

    static func meBody(_ user: User, on db: Database) async throws -> MeBody {
        let grants = try await RoleGrant.query(on: db).filter(\.$user.$id == user.id!).all()
        return MeBody(id: user.id!, username: user.username, displayName: user.displayName, orgID: user.$org.id,
                      grants: grants.map { .init(role: $0.role.rawValue, orgID: $0.$org.id, line: $0.line?.rawValue) })
    }
}
