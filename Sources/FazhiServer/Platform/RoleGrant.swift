import Fluent
import FazhiCore
import Vapor

/// A role held by a user at an org, optionally for one work line.
final class RoleGrant: Model, @unchecked Sendable {
    static let schema = "role_grants"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Enum(key: "role") var role: Role
    @Parent(key: "org_id") var org: Org
    @OptionalEnum(key: "line") var line: WorkLine?

    init() {}

    init(userID: UUID, role: Role, orgID: UUID, line: WorkLine?) {
        self.id = UUID()
        self.$user.id = userID
        self.role = role
        self.$org.id = orgID
        self.line = line
    }
}
