import Fluent
import FazhiCore
import Vapor

/// A record that belongs to an org, and so is visible only within the scope of the viewer's roles.
protocol OrgOwned: Model where IDValue == UUID {
    /// The org the record belongs to.
    static var orgKey: KeyPath<Self, FieldProperty<Self, UUID>> { get }
    /// The work line the record belongs to; nil for platform records (orgs, users).
    static var line: WorkLine? { get }
}

/// What the signed-in user may see and do. Every list and lookup of records goes through
/// `query(_:on:)` or `find(_:_:on:)` here, never through a check in a route.
struct Scope: Sendable {
    struct Grant: Sendable {
        let role: Role
        let line: WorkLine?
        /// The org the role is held at.
        let orgID: UUID
        /// That org's subtree.
        let orgIDs: Set<UUID>
    }

    let userID: UUID
    let grants: [Grant]

    /// Loads the user's grants and the subtree each one covers.
    static func load(userID: UUID, on db: Database) async throws -> Scope {
        let grants = try await RoleGrant.query(on: db).filter(\.$user.$id == userID).with(\.$org).all()
        var resolved: [Grant] = []
        for grant in grants where grant.org.active {
            let subtree = try await Org.query(on: db).filter(\.$path =~ grant.org.path).all(\.$id)
            resolved.append(Grant(role: grant.role, line: grant.line, orgID: grant.org.id!, orgIDs: Set(subtree)))
        }
        return Scope(userID: userID, grants: resolved)
    }

    var isAdmin: Bool { grants.contains { $0.role.administers } }
    var roles: Set<Role> { Set(grants.map(\.role)) }

    /// Every org any of the user's roles can see.
    var visibleOrgIDs: Set<UUID> { grants.reduce(into: []) { $0.formUnion($1.orgIDs) } }

    /// Orgs whose records of `line` the user may read.
    func readableOrgIDs(_ line: WorkLine?) -> Set<UUID> {
        guard let line else { return visibleOrgIDs }
        return grants.filter { $0.role.readableLines(grantLine: $0.line).contains(line) }
            .reduce(into: []) { $0.formUnion($1.orgIDs) }
    }

    /// Orgs where the user may create or change records of `line`.
    func actingOrgIDs(_ line: WorkLine) -> Set<UUID> {
        grants.filter { $0.role.actingLines(grantLine: $0.line).contains(line) }
            .reduce(into: []) { $0.formUnion($1.orgIDs) }
    }

    /// The org where the user's role for `line` is held: where their new cases of that line belong.
    func homeOrg(for line: WorkLine) -> UUID? {
        grants.first { $0.role.actingLines(grantLine: $0.line).contains(line) }?.orgID
    }

    /// Whether the user may assign handlers in `line` at `orgID`: a leader or admin whose subtree covers it.
    func canAssign(_ line: WorkLine, at orgID: UUID) -> Bool {
        grants.contains { [.admin, .leader].contains($0.role) && $0.orgIDs.contains(orgID) }
    }

    func canRead(_ line: WorkLine) -> Bool { !readableOrgIDs(line).isEmpty }
    func canAct(_ line: WorkLine, at orgID: UUID) -> Bool { actingOrgIDs(line).contains(orgID) }

    /// The records of `M` the user may read.
    func query<M: OrgOwned>(_ type: M.Type, on db: Database) -> QueryBuilder<M> {
        M.query(on: db).filter(M.orgKey ~~ Array(readableOrgIDs(M.line)))
    }

    /// One record of `M`, or 404 when it does not exist or lies outside the user's scope (never 403: no leak).
    func find<M: OrgOwned>(_ type: M.Type, _ id: UUID?, on db: Database) async throws -> M {
        guard let id, let record = try await query(type, on: db).filter(\._$id == id).first() else {
            throw Abort(.notFound)
        }
        return record
    }

    /// Orgs the user may see.
    func orgs(on db: Database) -> QueryBuilder<Org> {
        Org.query(on: db).filter(\.$id ~~ Array(visibleOrgIDs))
    }

    func findOrg(_ id: UUID?, on db: Database) async throws -> Org {
        guard let id, let org = try await orgs(on: db).filter(\.$id == id).first() else { throw Abort(.notFound) }
        return org
    }

    /// Users whose home org the user may see.
    func users(on db: Database) -> QueryBuilder<User> {
        User.query(on: db).filter(\.$org.$id ~~ Array(visibleOrgIDs))
    }

    func findUser(_ id: UUID?, on db: Database) async throws -> User {
        guard let id, let user = try await users(on: db).filter(\.$id == id).first() else { throw Abort(.notFound) }
        return user
    }

    /// Leaders, admins and viewers read statistics and the annual report across lines.
    var readsStatistics: Bool { roles.contains { [.admin, .leader, .viewer].contains($0) } }

    /// Leaders and admins write the annual report's narrative.
    var editsReport: Bool { roles.contains(.admin) || roles.contains(.leader) }

    func requireStatistics() throws {
        guard readsStatistics else { throw Abort(.forbidden, reason: "统计与报告仅对局领导、管理员和查看人员开放") }
    }

    /// Refuses anything but an administrator.
    func requireAdmin() throws {
        guard isAdmin else { throw Abort(.forbidden, reason: "仅系统管理员可以执行此操作") }
    }
}
