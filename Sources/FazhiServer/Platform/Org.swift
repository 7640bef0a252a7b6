import Fluent
import FazhiCore
import Vapor

/// A body in the bureau's org tree. `path` holds the ids from the root down ("/id/id/"), so a subtree is a prefix query.
final class Org: Model, @unchecked Sendable {
    static let schema = "orgs"

    @ID(key: .id) var id: UUID?
    /// Region or unit code, unique: 120102 for 河东区司法局, 120102-JS01 for a station.
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Enum(key: "kind") var kind: OrgKind
    @OptionalParent(key: "parent_id") var parent: Org?
    @Field(key: "path") var path: String
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID = UUID(), code: String, name: String, kind: OrgKind, parent: Org?) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.$parent.id = parent?.id
        self.path = (parent?.path ?? "/") + id.uuidString + "/"
        self.active = true
    }

    var depth: Int { path.split(separator: "/").count - 1 }
}

extension Org {
    /// The audited view of an org.
    var snapshot: [String: String] {
        ["code": code, "name": name, "kind": kind.rawValue, "parent": $parent.id?.uuidString ?? "", "active": String(active)]
    }
}
