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

    /// The user as their writes are audited, with the bureau their whole scope lies in, if one.
    var actor: AuditActor {
        var actor = AuditActor.user(user)
        actor.bureau = scope.bureau(of: scope.visibleOrgIDs)
        return actor
    }
}

private struct CurrentSessionKey: StorageKey {
    typealias Value = CurrentSession
}

/// A sign-in that has passed the password but still owes the second factor: it opens nothing but that step.
struct PendingSession: Sendable {
    let session: UserSession
    let user: User
}

private struct PendingSessionKey: StorageKey {
    typealias Value = PendingSession
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

    var pendingSession: PendingSession? {
        get { storage[PendingSessionKey.self] }
        set { storage[PendingSessionKey.self] = newValue }
    }
}

/// Resolves the session from the cookie or a bearer token. Does not refuse anonymous requests:
/// `RequireLogin` does that, differently for pages and for the API.
struct SessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let bearer = request.headers.bearerAuthorization?.token
        let cookie = request.cookies[StaffSessions.cookieName]?.string
        if let token = bearer ?? cookie,
           let (session, user) = try await request.timing.measure("session", { try await request.staffSessions.resolve(token: token) }),
           let userID = user.id {
            if session.stage == .secondFactor {
                request.pendingSession = PendingSession(session: session, user: user)
            } else {
                let scope = try await request.timing.measure("scope") { try await Scope.load(userID: userID, on: request.db) }
                request.current = CurrentSession(session: session, user: user, scope: scope, viaCookie: bearer == nil)
            }
        }
        return try await next.respond(to: request)
    }
}

/// Pages: anonymous visitors go to the login page, a sign-in owing its second factor to that step, and an administrator
/// who must enrol a second factor to enrolment (nothing else opens until then). API: 401 with a JSON error.
struct RequireLogin: AsyncMiddleware {
    /// What an administrator without a second factor may reach: enrolment and signing out.
    static let enrolmentPaths = [AccountController.secondFactorPath, "/logout"]

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let api = request.url.path.hasPrefix("/api/")
        guard let current = request.current else {
            if api { throw Abort(.unauthorized, reason: "请先登录") }
            if request.pendingSession != nil { return request.redirect(to: "/login/second-factor") }
            let back = request.url.path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "/"
            return request.redirect(to: "/login?next=\(back)")
        }
        if current.session.stage == .enrolment, !Self.enrolmentPaths.contains(where: { request.url.path.hasPrefix($0) }) {
            if api { throw Abort(.forbidden, reason: "管理员须先绑定动态口令（二次验证）", identifier: "second_factor_enrolment_required") }
            return request.redirect(to: AccountController.secondFactorPath)
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
                do {
                    sent = try request.content.get(String.self, at: Self.field)
                } catch let error where FazhiErrorMiddleware.isMalformedBody(error) {
                    throw error  // a body no form could have sent is the client's mistake (400), not a stale form
                } catch {
                    sent = nil
                }
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
