import Crypto
import Fluent
import FazhiCore
import Vapor

/// A staff member's second factor: a TOTP secret (encrypted like personal data), the last step used (a code works once),
/// and the recovery codes' SHA-256 hashes (each works once, for a lost phone). Mandatory for administrators.
final class SecondFactor: Model, @unchecked Sendable {
    static let schema = "user_second_factors"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    /// The Base32 secret, encrypted with `DataProtection`.
    @Field(key: "secret") var secret: String
    /// Set when the user proved the app works by typing a code; until then the factor does not guard logins.
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @Field(key: "last_step") var lastStep: Int64
    /// JSON array of the unused recovery codes' SHA-256 hex digests.
    @Field(key: "recovery_hashes") var recoveryHashes: String

    init() {}

    init(userID: UUID, sealedSecret: String) {
        self.id = UUID()
        self.$user.id = userID
        self.secret = sealedSecret
        self.confirmedAt = nil
        self.lastStep = 0
        self.recoveryHashes = "[]"
    }

    var isConfirmed: Bool { confirmedAt != nil }

    static func confirmed(for userID: UUID, on db: Database) async throws -> SecondFactor? {
        try await query(on: db).filter(\.$user.$id == userID).filter(\.$confirmedAt != nil).first()
    }

    static let recoveryCodeCount = 10

    /// Ten fresh recovery codes (`xxxx-xxxx`, lower-case letters and digits without look-alikes), shown once.
    static func newRecoveryCodes() -> [String] {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        return (0..<recoveryCodeCount).map { _ in
            let chars = (0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] }
            return String(chars[0..<4]) + "-" + String(chars[4..<8])
        }
    }

    static func hash(recoveryCode code: String) -> String {
        let normalised = code.lowercased().filter { $0.isLetter || $0.isNumber }
        return SHA256.hash(data: Data(normalised.utf8)).hexString
    }

    var recoveryHashList: [String] {
        get { (try? JSONDecoder().decode([String].self, from: Data(recoveryHashes.utf8))) ?? [] }
        set { recoveryHashes = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }
}

/// 2026-12-02: second factors, a stage on sessions (password given, second factor or enrolment still due), and the
/// per-account login throttle (atomic failure counter with a rising lock).
struct AddSecondFactorAndThrottle: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(SecondFactor.schema)
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("secret", .string, .required)
            .field("confirmed_at", .datetime)
            .field("last_step", .int64, .required)
            .field("recovery_hashes", .string, .required)
            .unique(on: "user_id")
            .create()
        try await db.schema(UserSession.schema).field("stage", .string).update()
        try await db.schema(LoginThrottle.schema)
            .field("username", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("locks", .int, .required)
            .field("locked_until", .double)
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema(LoginThrottle.schema).delete()
        try await db.schema(UserSession.schema).deleteField("stage").update()
        try await db.schema(SecondFactor.schema).delete()
    }
}
