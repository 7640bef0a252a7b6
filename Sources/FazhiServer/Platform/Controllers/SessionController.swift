import Fluent
import FazhiCore
import Vapor

/// Login and logout, for the browser (cookie) and the API (`/api/v1/session`, same sessions).
struct SessionController {
    static let loginCSRFCookie = "fazhi_login_csrf"

    static func publicRoutes(_ routes: RoutesBuilder) {
        routes.get("login", use: loginPage)
        routes.post("login", use: login)
        routes.post("api", "v1", "session", use: apiLogin)
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.post("logout", use: logout)
        routes.delete("api", "v1", "session", use: apiLogout)
        routes.get("api", "v1", "me", use: me)
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
            let issued = try await req.staffSessions.login(username: form.username!, password: form.password!, ip: req.clientIP)
            let response = req.redirect(to: safeNext(form.next))
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

    /// Only same-site paths: never redirect to another host after login.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\") else { return "/" }
        return next
    }

    static func setSessionCookie(_ response: Response, token: String, req: Request) {
        response.cookies[StaffSessions.cookieName] = HTTPCookies.Value(
            string: token, maxAge: Int(req.application.fazhi.sessionLifetime), path: "/",
            isSecure: req.headers.first(name: "X-Forwarded-Proto") == "https",
            isHTTPOnly: true, sameSite: .lax)
    }

    // MARK: API

    struct Credentials: Content {
        let username: String
        let password: String
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
        let credentials = try req.content.decode(Credentials.self)
        let issued = try await req.staffSessions.login(username: credentials.username, password: credentials.password, ip: req.clientIP)
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
