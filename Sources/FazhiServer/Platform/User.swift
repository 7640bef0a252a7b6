import Fluent
import Vapor

/// A staff account. Its roles are `RoleGrant`s held at orgs.
final class User: Model, Authenticatable, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Parent(key: "org_id") var org: Org
    @Field(key: "active") var active: Bool
    @Children(for: \.$user) var grants: [RoleGrant]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID = UUID(), username: String, displayName: String, passwordHash: String, orgID: UUID) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.$org.id = orgID
        self.active = true
    }

    /// The audited view of a user: never the password hash.
    var snapshot: [String: String] {
        ["username": username, "displayName": displayName, "org": $org.id.uuidString, "active": String(active)]
    }
}
