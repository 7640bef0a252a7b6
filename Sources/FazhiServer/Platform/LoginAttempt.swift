import Fluent
import Vapor

/// One login attempt, kept to lock an account+IP after repeated failures.
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "ip") var ip: String
    @Field(key: "at") var at: Date
    @Field(key: "succeeded") var succeeded: Bool

    init() {}

    init(username: String, ip: String, at: Date, succeeded: Bool) {
        self.id = UUID()
        self.username = username
        self.ip = ip
        self.at = at
        self.succeeded = succeeded
    }
}
