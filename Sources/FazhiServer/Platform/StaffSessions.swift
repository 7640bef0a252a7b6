import Fluent
import FazhiCore
import Vapor

/// Signing in and out: password check, lockout after repeated failures, database-stored sessions.
struct StaffSessions {
    static let cookieName = "fazhi_session"
    /// Failed attempts per account+IP before a lock (issue: 5 failures → 15 minutes).
    static let maxFailures = 5
    static let lockDuration: TimeInterval = 15 * 60

    enum Failure: Error {
        case invalidCredentials
        case locked(until: Date)
    }

    struct Issued {
        let token: String
        let session: UserSession
        let user: User
    }

    let db: Database
    let config: FazhiConfiguration

    /// Checks the password and the lockout, records the attempt, and opens a session.
    func login(username: String, password: String, ip: String, now: Date = Date()) async throws -> Issued {
        let name = username.trimmingCharacters(in: .whitespaces)
        if let until = try await lockedUntil(username: name, ip: ip, now: now) {
            throw Failure.locked(until: until)
        }
        let user = try await User.query(on: db).filter(\.$username == name).filter(\.$active == true).first()
        let valid = try user.map { try Bcrypt.verify(password, created: $0.passwordHash) } ?? false
        try await LoginAttempt(username: name, ip: ip, at: now, succeeded: valid && user != nil).create(on: db)
        guard valid, let user, let userID = user.id else {
            if let until = try await lockedUntil(username: name, ip: ip, now: now) {
                throw Failure.locked(until: until)
            }
            throw Failure.invalidCredentials
        }
        let token = Self.randomToken()
        let session = UserSession(
            tokenHash: Self.digest(token), userID: userID, csrfToken: Self.randomToken(),
            expiresAt: now.addingTimeInterval(config.sessionLifetime), ip: ip
        )
        try await db.transaction { tx in
            try await session.create(on: tx)
            try await AuditLog.record(on: tx, actor: .user(user), action: "login", entityType: "session",
                                      entityID: session.id!.uuidString, before: nil, after: ["ip": ip])
        }
        return Issued(token: token, session: session, user: user)
    }

    /// When the account+IP is locked, the moment the lock ends.
    func lockedUntil(username: String, ip: String, now: Date) async throws -> Date? {
        let window = now.addingTimeInterval(-Self.lockDuration)
        let recent = try await LoginAttempt.query(on: db)
            .filter(\.$username == username).filter(\.$ip == ip).filter(\.$at > window)
            .sort(\.$at, .descending).all()
        let failuresSinceSuccess = recent.prefix { !$0.succeeded }
        guard failuresSinceSuccess.count >= Self.maxFailures, let last = failuresSinceSuccess.first else { return nil }
        return last.at.addingTimeInterval(Self.lockDuration)
    }

    /// The session and user for a token, or nil when unknown or expired.
    func resolve(token: String, now: Date = Date()) async throws -> (UserSession, User)? {
        guard let session = try await UserSession.query(on: db)
            .filter(\.$tokenHash == Self.digest(token)).with(\.$user).first(),
            session.expiresAt > now, session.user.active
        else { return nil }
        // Sliding expiry, written at most once a minute per session.
        let renewed = now.addingTimeInterval(config.sessionLifetime)
        if renewed.timeIntervalSince(session.expiresAt) > 60 {
            session.expiresAt = renewed
            try await session.update(on: db)
        }
        return (session, session.user)
    }

    func logout(session: UserSession, user: User) async throws {
        try await db.transaction { tx in
            try await session.delete(on: tx)
            try await AuditLog.record(on: tx, actor: .user(user), action: "logout", entityType: "session",
                                      entityID: session.id?.uuidString ?? "", before: nil, after: nil)
        }
    }

    static func randomToken() -> String {
        [UInt8].random(count: 32).base64.replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension Request {
    var staffSessions: StaffSessions {
        StaffSessions(db: db, config: application.fazhi)
    }

    /// The client's address for the lockout: the peer, never a client-supplied header.
    var clientIP: String {
        remoteAddress?.ipAddress ?? "unknown"
    }
}
