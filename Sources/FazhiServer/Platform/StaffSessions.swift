import Fluent
import FazhiCore
import Vapor

/// Signing in and out: the password, the second factor, the per-account lockout (`LoginThrottle`), database-stored
/// sessions with an idle and an absolute lifetime.
struct StaffSessions {
    static let cookieName = "fazhi_session"
    /// How long a half-finished sign-in (password given, code or enrolment due) stays open.
    static let pendingLifetime: TimeInterval = 10 * 60

    enum Failure: Error {
        case invalidCredentials
        case locked(until: Date)
        /// The account has a second factor and no code came with the password (API).
        case secondFactorRequired
        /// The code (or recovery code) was wrong or already used.
        case invalidSecondFactor
        /// An administrator without a second factor signing in through the API: enrol in the browser first.
        case enrolmentRequired
    }

    struct Issued {
        let token: String
        let session: UserSession
        let user: User
    }

    let db: Database
    let config: FazhiConfiguration
    let protection: DataProtection

    private var throttle: LoginThrottle { LoginThrottle(db: db) }

    /// Checks the password under the account's lockout and opens a session. With `secondFactor` (the API sends the
    /// code with the password) the session is complete or refused; without it (`interactive`, the browser) an account
    /// with a second factor gets a session in stage `secondFactor`, and an administrator without one a session in stage
    /// `enrolment`.
    func login(username: String, password: String, secondFactor: String? = nil, interactive: Bool = false,
               ip: String, now: Date = Date()) async throws -> Issued {
        let name = username.trimmingCharacters(in: .whitespaces)
        let ticket = try await throttle.begin(name, now: now)
        let user = try await User.query(on: db).filter(\.$username == name).filter(\.$active == true).first()
        let valid: Bool
        if let user {
            valid = try Bcrypt.verify(password, created: user.passwordHash)
        } else {
            // The same bcrypt work as for a real account, so the answer's timing does not tell which names exist.
            _ = try Bcrypt.hash(password, cost: config.bcryptCost)
            valid = false
        }
        try await LoginAttempt(username: name, ip: ip, at: now, succeeded: valid).create(on: db)
        guard valid, let user, let userID = user.id else {
            if let until = try await throttle.failed(name, ticket: ticket, now: now) { throw Failure.locked(until: until) }
            throw Failure.invalidCredentials
        }

        var stage: SessionStage?
        if let factor = try await SecondFactor.confirmed(for: userID, on: db) {
            if let code = secondFactor {
                guard try await consume(code, of: factor, now: now) else {
                    if let until = try await throttle.failed(name, ticket: ticket, now: now) { throw Failure.locked(until: until) }
                    throw Failure.invalidSecondFactor
                }
            } else if interactive {
                stage = .secondFactor
            } else {
                throw Failure.secondFactorRequired
            }
        } else if try await Self.mustEnrol(userID, on: db) {
            guard interactive else { throw Failure.enrolmentRequired }
            stage = .enrolment
        }
        if stage != .secondFactor { try await throttle.succeeded(name) }

        let token = Self.randomToken()
        let session = UserSession(
            tokenHash: Self.digest(token), userID: userID, csrfToken: Self.randomToken(),
            expiresAt: now.addingTimeInterval(stage == nil ? config.sessionLifetime : Self.pendingLifetime), ip: ip
        )
        session.stage = stage
        let action = stage.map { "login:\($0.rawValue)" } ?? "login"
        try await db.transaction { tx in
            try await session.create(on: tx)
            try await AuditLog.record(on: tx, actor: .user(user), action: action,
                                      entityType: "session", entityID: session.id!.uuidString, before: nil, after: ["ip": ip])
        }
        return Issued(token: token, session: session, user: user)
    }

    /// The second step of a browser sign-in: the code from the app (or a recovery code), under the same lockout.
    /// The session becomes complete under a new token (the half-signed-in token is never a full session's).
    func completeSecondFactor(_ session: UserSession, user: User, code: String, now: Date = Date()) async throws -> Issued {
        let ticket = try await throttle.begin(user.username, now: now)
        guard let factor = try await SecondFactor.confirmed(for: user.id!, on: db), try await consume(code, of: factor, now: now) else {
            if let until = try await throttle.failed(user.username, ticket: ticket, now: now) { throw Failure.locked(until: until) }
            throw Failure.invalidSecondFactor
        }
        try await throttle.succeeded(user.username)
        return try await complete(session, user: user, action: "login:secondFactor-ok", now: now)
    }

    /// Makes a half-finished session complete under a new token (after the second factor, or after enrolment).
    func complete(_ session: UserSession, user: User, action: String, now: Date = Date()) async throws -> Issued {
        let token = Self.randomToken()
        session.tokenHash = Self.digest(token)
        session.stage = nil
        session.expiresAt = now.addingTimeInterval(config.sessionLifetime)
        try await db.transaction { tx in
            try await session.update(on: tx)
            try await AuditLog.record(on: tx, actor: .user(user), action: action, entityType: "session",
                                      entityID: session.id!.uuidString, before: nil, after: nil)
        }
        return Issued(token: token, session: session, user: user)
    }

    /// Whether `code` is the app's current code (not used before) or an unused recovery code; uses it up.
    func consume(_ code: String, of factor: SecondFactor, now: Date) async throws -> Bool {
        let secret = try Base32.decode(protection.decrypt(factor.secret)) ?? []
        if let step = TOTP(secret: secret).matchingStep(code, at: now) {
            guard step > factor.lastStep else { return false }
            factor.lastStep = step
            try await factor.update(on: db)
            return true
        }
        let hash = SecondFactor.hash(recoveryCode: code)
        var unused = factor.recoveryHashList
        guard let index = unused.firstIndex(where: { constantTimeEquals($0, hash) }) else { return false }
        unused.remove(at: index)
        factor.recoveryHashList = unused
        try await factor.update(on: db)
        return true
    }

    /// Administrators must have a second factor (等保三级: two factors for administrators).
    static func mustEnrol(_ userID: UUID, on db: Database) async throws -> Bool {
        try await RoleGrant.query(on: db).filter(\.$user.$id == userID).all().contains { $0.role.administers }
    }

    /// The session and user for a token, or nil when unknown, expired (idle or absolute lifetime) or the user is inactive.
    /// One read of plain columns (this runs on every signed-in request; Fluent's eager load took two reads and built
    /// both models through reflection), then the two models filled in as stored.
    func resolve(token: String, now: Date = Date()) async throws -> (UserSession, User)? {
        let tokenHash = Self.digest(token)
        guard let row = try await db.sql.raw("""
            SELECT s.id, s.csrf_token, s.created_at, s.expires_at, s.ip, s.stage, s.read_after_lsn, s.user_id, \
            u.username, u.display_name, u.password_hash, u.org_id, u.active, u.created_at AS user_created_at \
            FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = \(bind: tokenHash)
            """).first()
        else { return nil }
        let user = User(id: try row.decode(column: "user_id", as: UUID.self), username: try row.decode(column: "username", as: String.self),
                        displayName: try row.decode(column: "display_name", as: String.self),
                        passwordHash: try row.decode(column: "password_hash", as: String.self),
                        orgID: try row.decode(column: "org_id", as: UUID.self))
        user.active = try row.decode(column: "active", as: Bool.self)
        user.createdAt = try row.decode(column: "user_created_at", as: Date?.self)
        user.$id.exists = true
        let session = UserSession()
        session.id = try row.decode(column: "id", as: UUID.self)
        session.tokenHash = tokenHash
        session.$user.id = user.id!
        session.$user.value = user
        session.csrfToken = try row.decode(column: "csrf_token", as: String.self)
        session.createdAt = try row.decode(column: "created_at", as: Date.self)
        session.expiresAt = try row.decode(column: "expires_at", as: Date.self)
        session.ip = try row.decode(column: "ip", as: String.self)
        session.stage = try row.decode(column: "stage", as: String?.self).flatMap(SessionStage.init(rawValue:))
        session.readAfterLSN = try row.decode(column: "read_after_lsn", as: Int64?.self)
        session.$id.exists = true
        guard session.expiresAt > now, user.active, session.createdAt.addingTimeInterval(config.sessionAbsoluteLifetime) > now
        else { return nil }
        // Sliding expiry for complete sessions, written at most once a minute per session, never past the absolute end.
        let renewed = min(now.addingTimeInterval(config.sessionLifetime), session.createdAt.addingTimeInterval(config.sessionAbsoluteLifetime))
        if session.stage == nil, renewed.timeIntervalSince(session.expiresAt) > 60 {
            session.expiresAt = renewed
            try await db.sql.update(UserSession.schema).set("expires_at", to: renewed).where("id", .equal, session.id!).run()
        }
        return (session, user)
    }

    func logout(session: UserSession, user: User) async throws {
        try await db.transaction { tx in
            try await session.delete(on: tx)
            try await AuditLog.record(on: tx, actor: .user(user), action: "logout", entityType: "session",
                                      entityID: session.id?.uuidString ?? "", before: nil, after: nil)
        }
    }

    /// The client's address from the peer and `X-Forwarded-For`: each proxy appends the address it heard from, so
    /// walking the list from the right past our own trusted proxies reaches the client; an untrusted peer's header is
    /// ignored (anyone can write one).
    static func clientAddress(peer: String, forwardedFor: String?, trusted: Set<String>) -> String {
        guard trusted.contains(peer), let forwardedFor else { return peer }
        let chain = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return chain.reversed().first { !trusted.contains($0) } ?? peer
    }

    static func randomToken() -> String {
        [UInt8].random(count: 32).base64.replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }
}

extension Request {
    var staffSessions: StaffSessions {
        StaffSessions(db: db, config: application.fazhi, protection: application.dataProtection)
    }

    /// The client's address: the peer, or — when the peer is a trusted reverse proxy (`FAZHI_TRUSTED_PROXIES`) — the
    /// nearest address in `X-Forwarded-For` that is not itself a trusted proxy. Never a header from an untrusted peer.
    var clientIP: String {
        StaffSessions.clientAddress(peer: remoteAddress?.ipAddress ?? "unknown", forwardedFor: headers.first(name: "X-Forwarded-For"),
                                    trusted: application.fazhi.trustedProxies)
    }
}
