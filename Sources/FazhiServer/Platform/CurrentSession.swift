import Fluent
import Vapor

/// The signed-in user of a request, with their scope.
struct CurrentSession: Sendable {
    let session: UserSession
    let user: User
    let scope: Scope
    /// True when the browser cookie authenticated the request (then unsafe methods need the CSRF token);
    /// false for `Authorization: Bearer` API clients.
    let viaCookie: Bool

    var actor: AuditActor { .user(user) }
}

private struct CurrentSessionKey: StorageKey {
    typealias Value = CurrentSession
}

extension Request {
    var current: CurrentSession? {
        get { storage[CurrentSessionKey.self] }
        set { storage[CurrentSessionKey.self] = newValue }
    }

    /// The signed-in user's session; 401 when there is none.
    func requireCurrent() throws -> CurrentSession {
        guard let current else { throw Abort(.unauthorized, reason: "请先登录") }
        return current
    }

    var scope: Scope {
        get throws { try requireCurrent().scope }
    }
}

/// Resolves the session from the cookie or a bearer token. Does not refuse anonymous requests:
/// `RequireLogin` does that, differently for pages and for the API.
struct SessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let bearer = request.headers.bearerAuthorization?.token
        let cookie = request.cookies[StaffSessions.cookieName]?.string
        if let token = bearer ?? cookie,
           let (session, user) = try await request.staffSessions.resolve(token: token),
           let userID = user.id {
            let scope = try await Scope.load(userID: userID, on: request.db)
            request.current = CurrentSession(session: session, user: user, scope: scope, viaCookie: bearer == nil)
        }
        return try await next.respond(to: request)
    }
}

/// Pages: anonymous visitors go to the login page. API: 401 with a JSON error.
struct RequireLogin: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard request.current != nil else {
            if request.url.path.hasPrefix("/api/") { throw Abort(.unauthorized, reason: "请先登录") }
            let back = request.url.path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "/"
            return request.redirect(to: "/login?next=\(back)")
        }
        return try await next.respond(to: request)
    }
}

/// Refuses state-changing requests authenticated by the cookie unless they carry the session's CSRF token
/// (form field `_csrf` or header `X-CSRF-Token`). Bearer-token API clients are not exposed to CSRF.
/// The form field is read from a body no larger than the route's `BodyLimit` (see there for the order).
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "_csrf"
    static let header = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if ![.GET, .HEAD, .OPTIONS].contains(request.method), let current = request.current, current.viaCookie {
            var sent = request.headers.first(name: Self.header)
            if sent == nil {
                // Middleware runs before the route collects the body: a long form arrives in several reads.
                try await BodyLimit.collect(request)
                sent = try? request.content.get(String.self, at: Self.field)
            }
            guard let sent, constantTimeEquals(sent, current.session.csrfToken) else {
                throw Abort(.forbidden, reason: "表单已失效（CSRF 校验失败），请刷新页面后重试", identifier: "csrf_failed")
            }
        }
        return try await next.respond(to: request)
    }
}

func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}
