import Fluent
import SQLKit
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
    /// The tenancy key: the bureau this org belongs to (the nearest org of kind `bureau` on its path, itself when it is
    /// one). Fixed at creation, like the path; copied onto the records that serve lists (`AddTenancyKey`).
    @OptionalField(key: "bureau_id") var bureauID: UUID?
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
        self.bureauID = kind == .bureau ? id : parent?.bureauID
    }

    var depth: Int { path.split(separator: "/").count - 1 }
}

extension Org {
    /// The bureau (tenancy key) of each of `orgIDs`, in one read.
    static func bureaus(of orgIDs: Set<UUID>, on db: Database) async throws -> [UUID: UUID] {
        guard !orgIDs.isEmpty else { return [:] }
        var bureaus: [UUID: UUID] = [:]
        for row in try await db.sql.raw("""
            SELECT \(ident: "id"), \(ident: "bureau_id") FROM \(ident: schema) WHERE \(ident: "id") IN (\(binds: Array(orgIDs)))
            """).all() {
            bureaus[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "bureau_id", as: UUID?.self)
        }
        return bureaus
    }

    /// The audited view of an org.
    var snapshot: [String: String] {
        ["code": code, "name": name, "kind": kind.rawValue, "parent": $parent.id?.uuidString ?? "", "active": String(active)]
    }
}
