import Fluent
import FazhiCore
import Vapor

/// A party or government unit that should have a public lawyer (应设公职律师的党政机关): the list coverage (全覆盖) is
/// measured against, kept per bureau. A unit is covered when the public-lawyer register has someone active there
/// (matched by the unit's name, as the register's 所在单位 is written).
final class PublicLawyerUnit: Model, @unchecked Sendable {
    static let schema = "public_lawyer_units"

    @ID(key: .id) var id: UUID?
    /// The bureau whose district the unit is in.
    @Parent(key: "org_id") var org: Org
    @Field(key: "name") var name: String
    /// 党委部门, 政府部门, 群团机关, 街道.
    @Field(key: "category") var category: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(orgID: UUID, name: String, category: String) {
        self.id = UUID()
        self.$org.id = orgID
        self.name = name
        self.category = category
        self.createdAt = Date()
    }

    static let categories = ["党委部门", "政府部门", "群团机关", "街道", "其他"]
}

/// 2026-12-05: the units that should have a public lawyer, per bureau.
struct CreatePublicLawyerUnits: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(PublicLawyerUnit.schema)
            .id()
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("name", .string, .required)
            .field("category", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "org_id", "name")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema(PublicLawyerUnit.schema).delete()
    }
}
