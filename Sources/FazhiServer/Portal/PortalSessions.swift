import Fluent
import FazhiCore
import Vapor

/// Signing in to the portal with a mobile number and a one-time code (there is no password): the code is sent by the
/// configured `TextMessageSender`, kept only as a hash, valid for `OneTimeCode.lifetime`, used once and given up after
/// `OneTimeCode.maxAttempts` wrong tries; asking for codes is limited per number and per address (`OneTimeCode.Limits`).
/// The first sign-in of a number opens its account (注册); the account then says who it is (`PortalProfile`).
struct PortalSessions {
    static let cookieName = "fazhi_portal"
    /// A portal session lasts a day at most; a resident signs in again with a new code.
    static let lifetime: TimeInterval = 24 * 3600

    let db: Database
    let protection: DataProtection

    /// Sends a new code to `phoneText` (a mobile number), within the limits. Throws a `FieldError` for a number that is
    /// not a mobile, `RateLimited` past a limit.
    func requestCode(phoneText: String, ip: String, sender: any TextMessageSender, logger: Logger, now: Date = Date()) async throws {
        let phone = try Self.mobile(phoneText)
        let phoneHash = protection.lookupHash(phone)
        let limits = OneTimeCode.Limits()
        try await RateLimit.hit("portal.code.ip:\(ip)", limit: limits.perAddressPerHour, window: 3600, what: "获取验证码", on: db, now: now)
        try await RateLimit.hit("portal.code.phone:\(phoneHash)", limit: 1, window: limits.perNumberInterval, what: "获取验证码", on: db, now: now)
        try await RateLimit.hit("portal.code.phone-hour:\(phoneHash)", limit: limits.perNumberPerHour, window: 3600, what: "获取验证码",
                                on: db, now: now)
        let code = OneTimeCode.generate()
        let row = PortalCode()
        row.id = UUID()
        row.phoneHash = phoneHash
        row.codeHash = Self.codeHash(code, phoneHash: phoneHash)
        row.ip = ip
        row.createdAt = now
        row.expiresAt = now.addingTimeInterval(OneTimeCode.lifetime)
        row.attempts = 0
        try await row.create(on: db)
        try await sender.send("【河东区司法局】您的验证码为\(code)，\(Int(OneTimeCode.lifetime / 60))分钟内有效。如非本人操作，请忽略。", to: phone,
                              logger: logger)
    }

    struct Issued {
        let token: String
        let session: PortalSession
        let account: PortalAccount
        /// Whether this sign-in opened the account.
        let isNew: Bool
    }

    /// Checks `codeText` against the newest unused code of the number and opens a session (and, the first time, the
    /// account). Throws a `FieldError` on `code` when it is wrong, expired or used up.
    func verify(phoneText: String, codeText: String, ip: String, now: Date = Date()) async throws -> Issued {
        let phone = try Self.mobile(phoneText)
        if let problem = OneTimeCode.problem(codeText) { throw problem }
        let phoneHash = protection.lookupHash(phone)
        let wrong = FieldError(field: "code", message: "验证码不正确或已过期，请重新获取", code: "invalid_code")
        guard let row = try await PortalCode.query(on: db).filter(\.$phoneHash == phoneHash).filter(\.$usedAt == nil)
            .sort(\.$createdAt, .descending).first(), row.expiresAt > now, row.attempts < OneTimeCode.maxAttempts
        else { throw wrong }
        let code = codeText.filter { !$0.isWhitespace }
        guard constantTimeEquals(Self.codeHash(code, phoneHash: phoneHash), row.codeHash) else {
            row.attempts += 1
            if row.attempts >= OneTimeCode.maxAttempts { row.usedAt = now }
            try await row.update(on: db)
            throw wrong
        }
        let token = StaffSessions.randomToken()
        return try await db.transaction { tx in
            row.usedAt = now
            try await row.update(on: tx)
            var isNew = false
            let account: PortalAccount
            if let existing = try await PortalAccount.query(on: tx).filter(\.$phoneHash == phoneHash).first() {
                account = existing
            } else {
                isNew = true
                account = try await PortalAccount.open(phone: phone, protection: protection, at: now, on: tx)
            }
            let session = PortalSession()
            session.id = UUID()
            session.tokenHash = StaffSessions.digest(token)
            session.$account.id = account.id!
            session.csrfToken = StaffSessions.randomToken()
            session.createdAt = now
            session.expiresAt = now.addingTimeInterval(Self.lifetime)
            try await session.create(on: tx)
            try await AuditLog.record(on: tx, actor: .resident(account), action: isNew ? "portal:signup" : "portal:login",
                                      entityType: "portalAccount", entityID: account.id!.uuidString, before: nil, after: ["ip": ip])
            return Issued(token: token, session: session, account: account, isNew: isNew)
        }
    }

    /// The session and account of a token, or nil when unknown or expired.
    func resolve(token: String, now: Date = Date()) async throws -> (PortalSession, PortalAccount)? {
        guard let session = try await PortalSession.query(on: db).filter(\.$tokenHash == StaffSessions.digest(token)).with(\.$account).first(),
              session.expiresAt > now else { return nil }
        return (session, session.account)
    }

    func logout(_ session: PortalSession) async throws {
        try await session.delete(on: db)
    }

    static func mobile(_ text: String) throws(FieldError) -> String {
        let phone = try PhoneNumber(text, field: "phone")
        guard phone.kind == .mobile else {
            throw FieldError(field: "phone", message: "请填写本人手机号（11位），验证码以短信发送", code: "invalid_phone")
        }
        return phone.value
    }

    /// A code's hash, salted with its number's so a table of six-digit hashes cannot be reused across numbers.
    static func codeHash(_ code: String, phoneHash: String) -> String {
        StaffSessions.digest("\(phoneHash):\(code)")
    }
}

extension AuditActor {
    /// A resident acting on the portal, named by the account (its number is personal data and stays out of the log).
    static func resident(_ account: PortalAccount) -> AuditActor {
        AuditActor(id: nil, name: "portal:\(account.id!.uuidString.prefix(8).lowercased())")
    }
}

/// The signed-in resident of a portal request.
struct ResidentSession: Sendable {
    let session: PortalSession
    let account: PortalAccount
}

private struct ResidentSessionKey: StorageKey {
    typealias Value = ResidentSession
}

extension Request {
    var resident: ResidentSession? {
        get { storage[ResidentSessionKey.self] }
        set { storage[ResidentSessionKey.self] = newValue }
    }

    var portalSessions: PortalSessions { PortalSessions(db: db, protection: dataProtection) }
}

/// The portal's own session (cookie `fazhi_portal`, never a staff session), the body read within its route's limit,
/// and CSRF: a signed-in resident's unsafe request carries the session's token (form `_csrf` or `X-CSRF-Token`); an
/// anonymous one (asking for a code, following a matter by its receipt code) must come from this site's own pages
/// when the browser says where it came from (`Origin`).
struct PortalSessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if let token = request.cookies[PortalSessions.cookieName]?.string,
           let (session, account) = try await request.portalSessions.resolve(token: token) {
            request.resident = ResidentSession(session: session, account: account)
        }
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            try await BodyLimit.collect(request)
            if let origin = request.headers.first(name: "Origin"), origin != "null",
               let host = request.headers.first(name: .host), URL(string: origin)?.host.map({ host.hasPrefix($0) }) != true {
                throw Abort(.forbidden, reason: "请求来源不是本站页面，已拒绝", identifier: "csrf_failed")
            }
            if let resident = request.resident {
                var sent = request.headers.first(name: CSRFMiddleware.header)
                if sent == nil { sent = try? request.content.get(String.self, at: CSRFMiddleware.field) }
                guard let sent, constantTimeEquals(sent, resident.session.csrfToken) else {
                    throw Abort(.forbidden, reason: "表单已失效，请刷新页面后重试", identifier: "csrf_failed")
                }
            }
        }
        do {
            return try await next.respond(to: request)
        } catch let required as PortalSignInRequired {
            return request.redirect(to: "/portal/login?next=\(required.next)")
        }
    }
}
