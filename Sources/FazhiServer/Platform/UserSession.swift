import Fluent
import Vapor

/// A login session, stored in the database so app nodes hold no state.
/// Only a SHA-256 of the token is stored; the token itself lives in the cookie or the API client.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "ip") var ip: String
    /// What the session still lacks: nil when complete; `secondFactor` after the password of an account with a second
    /// factor; `enrolment` for an administrator who must set one up before anything else.
    @OptionalEnum(key: "stage") var stage: SessionStage?
    /// With a read replica: the primary's WAL position after this session's last write. Its reads stay on the primary
    /// until the replica has replayed past it (`ReadReplica`).
    @OptionalField(key: "read_after_lsn") var readAfterLSN: Int64?

    init() {}

    init(tokenHash: String, userID: UUID, csrfToken: String, expiresAt: Date, ip: String) {
        self.id = UUID()
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.createdAt = Date()
        self.expiresAt = expiresAt
        self.ip = ip
    }
}

/// A signed-in session that is not yet complete.
enum SessionStage: String, Codable, Sendable {
    /// The password was right; the one-time code from the authenticator app is still due.
    case secondFactor
    /// An administrator without a second factor: only enrolment is open to them.
    case enrolment
}


/// The column `ReadYourWritesMiddleware` pins a session with. Expand-only: nullable, the previous release ignores it.
struct AddReadAfterToSessions: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(UserSession.schema).field("read_after_lsn", .int64).update()
    }

    func revert(on db: Database) async throws {
        try await db.schema(UserSession.schema).deleteField("read_after_lsn").update()
    }
}
