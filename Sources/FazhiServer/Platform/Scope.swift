import Fluent
import FluentSQL
import FazhiCore
import Vapor

/// A record that belongs to an org, and so is visible only within the scope of the viewer's roles.
protocol OrgOwned: Model where IDValue == UUID {
    /// The org the record belongs to.
    static var orgKey: KeyPath<Self, FieldProperty<Self, UUID>> { get }
    /// The work line the record belongs to; nil for platform records (orgs, users).
    static var line: WorkLine? { get }
    /// The record's copy of its org's bureau, the tenancy key (`TenancyKeyColumn`), when its table has one: `query(_:on:)`
    /// then filters by the bureau first, so a district's list walks the bureau-first index of its table. nil: none.
    static var bureauKey: KeyPath<Self, OptionalFieldProperty<Self, UUID>>? { get }
}

extension OrgOwned {
    static var bureauKey: KeyPath<Self, OptionalFieldProperty<Self, UUID>>? { nil }
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
        /// Whether the org is the one root of the org tree (a city's or province's top org, or a lone bureau); false
        /// for every root where a deployment holds several unrelated trees.
        var atRoot: Bool = false
    }

    let userID: UUID
    let grants: [Grant]
    /// The bureau (tenancy key, `Org.bureauID`) of each org in the grants' subtrees, as loaded with them; empty for a
    /// scope built in code, whose lists then filter by org alone (`readableBureau`).
    var tenancy: [UUID: UUID] = [:]

    /// Loads the user's grants and the subtree each one covers: two reads of plain column values whatever the number of
    /// grants, since this runs on every signed-in request (Fluent builds each model through reflection, and a query per
    /// grant's subtree multiplied the round trips).
    static func load(userID: UUID, on db: Database) async throws -> Scope {
        let sql = try db.sql
        // In the order they were granted (`homeOrg` takes the first).
        let held = try await sql.select().column("role").column("line").column("org_id").from(RoleGrant.schema)
            .where("user_id", .equal, userID).all()
        let orgs = try await subtrees(of: Set(try held.map { try $0.decode(column: "org_id", as: UUID.self) }), on: sql)
        var grants: [Grant] = []
        var tenancy: [UUID: UUID] = [:]
        for org in orgs.values { tenancy.merge(org.bureaus) { first, _ in first } }
        for row in held {
            let orgID = try row.decode(column: "org_id", as: UUID.self)
            guard let org = orgs[orgID], org.active, let role = Role(rawValue: try row.decode(column: "role", as: String.self))
            else { continue }
            let line = try row.decode(column: "line", as: String?.self).flatMap(WorkLine.init(rawValue:))
            grants.append(Grant(role: role, line: line, orgID: orgID, orgIDs: org.subtree, atRoot: org.isOnlyRoot))
        }
        return Scope(userID: userID, grants: grants, tenancy: tenancy)
    }

    /// An org a grant is held at, as a scope needs it.
    private struct HeldOrg {
        var active = true
        var isOnlyRoot = false
        /// The org and every org under it.
        var subtree: Set<UUID> = []
        /// The bureau of each org of the subtree.
        var bureaus: [UUID: UUID] = [:]
    }

    /// The orgs `orgIDs` with the ids of the orgs under each (by the materialised paths), in one read.
    private static func subtrees(of orgIDs: Set<UUID>, on sql: SQLDatabase) async throws -> [UUID: HeldOrg] {
        guard !orgIDs.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT \(ident: "top").\(ident: "id") AS \(ident: "top"), \(ident: "top").\(ident: "parent_id") AS \(ident: "parent_id"), \
            \(ident: "top").\(ident: "active") AS \(ident: "active"), \(ident: "o").\(ident: "id") AS \(ident: "id"), \
            \(ident: "o").\(ident: "bureau_id") AS \(ident: "bureau"), \
            (SELECT COUNT(*) FROM \(ident: Org.schema) WHERE \(ident: "parent_id") IS NULL) AS \(ident: "roots") \
            FROM \(ident: Org.schema) AS \(ident: "top") \
            JOIN \(ident: Org.schema) AS \(ident: "o") ON \(ident: "o").\(ident: "path") LIKE \(ident: "top").\(ident: "path") || '%' \
            WHERE \(ident: "top").\(ident: "id") IN (\(binds: Array(orgIDs)))
            """).all()
        var orgs: [UUID: HeldOrg] = [:]
        for row in rows {
            let top = try row.decode(column: "top", as: UUID.self)
            if orgs[top] == nil {
                orgs[top] = HeldOrg(active: try row.decode(column: "active", as: Bool.self),
                                    isOnlyRoot: try row.decode(column: "parent_id", as: UUID?.self) == nil
                                        && (try row.decode(column: "roots", as: Int.self)) == 1)
            }
            let id = try row.decode(column: "id", as: UUID.self)
            orgs[top]?.subtree.insert(id)
            orgs[top]?.bureaus[id] = try row.decode(column: "bureau", as: UUID?.self)
        }
        return orgs
    }

    var isAdmin: Bool { grants.contains { $0.role.administers } }
    var roles: Set<Role> { Set(grants.map(\.role)) }

    /// Every org any of the user's roles can see.
    var visibleOrgIDs: Set<UUID> { grants.reduce(into: []) { $0.formUnion($1.orgIDs) } }

    /// Orgs whose records of `line` the user may read.
    func readableOrgIDs(_ line: WorkLine?) -> Set<UUID> {
        guard let line else { return visibleOrgIDs }
        return grants.filter { $0.role.reads(line, grantLine: $0.line) }
            .reduce(into: []) { $0.formUnion($1.orgIDs) }
    }

    /// The one bureau (the tenancy key a list's index starts with) every org whose records of `line` the user may read
    /// belongs to; nil when they span several (a city's leaders) or some org's bureau is not known (a scope built in
    /// code), and the list filters by org alone.
    func readableBureau(_ line: WorkLine?) -> UUID? {
        bureau(of: readableOrgIDs(line))
    }

    /// The one bureau all of `orgIDs` belong to, as loaded with the grants; nil when they span several or one is unknown.
    func bureau(of orgIDs: some Collection<UUID>) -> UUID? {
        let bureaus = orgIDs.map { tenancy[$0] }
        guard let first = bureaus.first, bureaus.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// Orgs where the user may create or change records of `line`.
    func actingOrgIDs(_ line: WorkLine) -> Set<UUID> {
        grants.filter { $0.role.acts(in: line, grantLine: $0.line) }
            .reduce(into: []) { $0.formUnion($1.orgIDs) }
    }

    /// The org where the user's role for `line` is held: where their new cases of that line belong.
    func homeOrg(for line: WorkLine) -> UUID? {
        grants.first { $0.role.acts(in: line, grantLine: $0.line) }?.orgID
    }

    /// Whether the user may assign handlers in `line` at `orgID`: a leader or admin whose subtree covers it.
    func canAssign(_ line: WorkLine, at orgID: UUID) -> Bool {
        grants.contains { [.admin, .leader].contains($0.role) && $0.orgIDs.contains(orgID) }
    }

    func canRead(_ line: WorkLine) -> Bool { !readableOrgIDs(line).isEmpty }

    /// Whether the user may record what belongs to `orgID` itself rather than to a line (a service station's checklist
    /// and visits): any role but viewing only, held at that org or above it.
    func canRecord(at orgID: UUID) -> Bool { grants.contains { $0.role != .viewer && $0.orgIDs.contains(orgID) } }
    func canAct(_ line: WorkLine, at orgID: UUID) -> Bool { actingOrgIDs(line).contains(orgID) }

    /// The records of `M` the user may read: within the bureau their orgs share first, when they share one and `M` is
    /// keyed by it.
    func query<M: OrgOwned>(_ type: M.Type, on db: Database) -> QueryBuilder<M> {
        records(M.self, line: M.line, orgKey: M.orgKey, bureauKey: M.bureauKey, on: db)
    }

    /// The records of `M` of `line` the user may read, narrowed to `within` when given (never widened by it): filtered by
    /// the bureau those orgs share first, when they share one and `M` keeps its copy of it (`bureauKey`), so a
    /// district's list walks its table's bureau-first index. The one place the tenancy key is applied, for `OrgOwned`
    /// models and for the books, whose line is in their kind rather than their type (`ledgerEntries`).
    func records<M: Model>(_ type: M.Type, line: WorkLine?, within: Set<UUID>? = nil, orgKey: KeyPath<M, FieldProperty<M, UUID>>,
                           bureauKey: KeyPath<M, OptionalFieldProperty<M, UUID>>?, on db: Database) -> QueryBuilder<M> {
        let readable = readableOrgIDs(line)
        let orgIDs = within.map { $0.intersection(readable) } ?? readable
        let query = M.query(on: db)
        if let bureauKey, let bureau = bureau(of: orgIDs) { query.filter(bureauKey == bureau) }
        return query.filter(orgKey ~~ Array(orgIDs))
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

    /// Orgs the user administers: the subtrees of their admin grants (not what other roles let them read).
    var administeredOrgIDs: Set<UUID> {
        grants.filter { $0.role.administers }.reduce(into: []) { $0.formUnion($1.orgIDs) }
    }

    /// The system administrator: an admin at the root of the org tree (the city's or province's top org, or the lone
    /// bureau). The national holiday calendar and the whole audit log are theirs, not any bureau's or office's
    /// admin's. A deployment of several unrelated bureaus (several roots) has none on the web: each bureau's admin
    /// sees their own, and the operator keeps the calendar and the chain (`fazhi calendar import`, `fazhi audit verify`).
    var isSystemAdmin: Bool { grants.contains { $0.role.administers && $0.atRoot } }

    /// Orgs the user administers, for creating orgs and granting roles.
    func administeredOrgs(on db: Database) -> QueryBuilder<Org> {
        Org.query(on: db).filter(\.$id ~~ Array(administeredOrgIDs))
    }

    /// Users whose home org the user can see: the colleagues a case can be assigned to.
    func colleagues(on db: Database) -> QueryBuilder<User> {
        User.query(on: db).filter(\.$org.$id ~~ Array(visibleOrgIDs))
    }

    /// An org the user administers, or 404.
    func findAdministeredOrg(_ id: UUID?, on db: Database) async throws -> Org {
        guard let id, let org = try await administeredOrgs(on: db).filter(\.$id == id).first() else { throw Abort(.notFound) }
        return org
    }

    /// Users whose home org the user administers.
    func users(on db: Database) -> QueryBuilder<User> {
        User.query(on: db).filter(\.$org.$id ~~ Array(administeredOrgIDs))
    }

    /// A user whose home org the user administers, or 404.
    func findUser(_ id: UUID?, on db: Database) async throws -> User {
        guard let id, let user = try await users(on: db).filter(\.$id == id).first() else { throw Abort(.notFound) }
        return user
    }

    /// The roles of `user` held at orgs the admin administers: what an admin is shown of a user's roles. A role held
    /// elsewhere (a colleague transferred to another bureau) is counted in `outside`, its org never named.
    func administeredGrants(of user: User, on db: Database) async throws -> (grants: [RoleGrant], outside: Int) {
        let all = try await user.$grants.query(on: db).with(\.$org).all()
        let shown = all.filter { administeredOrgIDs.contains($0.$org.id) }
        return (shown, all.count - shown.count)
    }

    /// Refuses to change a user who holds a role anywhere the admin does not administer: an office's admin cannot
    /// reset the password of a bureau leader whose home org happens to lie in the office's subtree.
    func requireAdministers(_ user: User, on db: Database) async throws {
        try requireAdmin()
        let held = try await RoleGrant.query(on: db).filter(\.$user.$id == user.id!).all(\.$org.$id)
        guard Set(held).isSubset(of: administeredOrgIDs) else {
            throw Abort(.forbidden, reason: "该用户在您管理范围之外的机构持有角色，只能由上级管理员操作")
        }
    }

    /// Leaders, admins and viewers read statistics and the annual report across lines.
    var readsStatistics: Bool { !statisticsGrants.isEmpty }

    /// The grants that read statistics, widest first (an org nearer the root before its descendants).
    var statisticsGrants: [Grant] {
        grants.filter { [.admin, .leader, .viewer].contains($0.role) }.sorted { $0.orgIDs.count > $1.orgIDs.count }
    }

    /// The same grants confined to `subtree` (an org the user reads statistics of and the orgs under it): what a
    /// dashboard narrowed to one district counts with. For counting figures and their records only, never for
    /// permission to act: a grant keeps the org it is held at (which may lie above the subtree), and none is at the
    /// root.
    func narrowed(to subtree: Set<UUID>) -> Scope {
        Scope(userID: userID, grants: grants.compactMap { grant in
            let orgIDs = grant.orgIDs.intersection(subtree)
            return orgIDs.isEmpty ? nil : Grant(role: grant.role, line: grant.line, orgID: grant.orgID, orgIDs: orgIDs)
        }, tenancy: tenancy)
    }

    /// Orgs whose figures and report the user may read.
    var statisticsOrgIDs: Set<UUID> { statisticsGrants.reduce(into: []) { $0.formUnion($1.orgIDs) } }

    func requireStatistics() throws {
        guard readsStatistics else { throw Abort(.forbidden, reason: "统计与报告仅对局领导、管理员和查看人员开放") }
    }

    /// The org whose figures or report are asked for: the org with `code` when one of the user's statistics grants
    /// covers it (else 404, as for any record out of scope), or without a code the org of the widest such grant —
    /// never the whole database.
    func statisticsOrg(code: String?, on db: Database) async throws -> Org {
        try requireStatistics()
        if let code, !code.isEmpty {
            guard let org = try await Org.query(on: db).filter(\.$code == code).first(), let id = org.id,
                  statisticsOrgIDs.contains(id)
            else { throw Abort(.notFound, reason: "未找到机构“\(code)”，或不在您的权限范围内") }
            return org
        }
        guard let widest = statisticsGrants.first,
              let org = try await Org.query(on: db).filter(\.$id == widest.orgID).first()
        else { throw Abort(.notFound) }
        return org
    }

    /// Who writes the annual report of `org`: its own leaders and administrators (a grant held at that org, not at
    /// an office below it), and the staff of its drafting office (the rule-of-law office, `draftingOfficeID`).
    func editsReport(of org: Org, draftingOfficeID: UUID?) -> Bool {
        grants.contains { grant in
            if grant.orgID == org.id { return [.admin, .leader].contains(grant.role) }
            return grant.orgID == draftingOfficeID && [.leader, .officer].contains(grant.role)
        }
    }

    /// Refuses anything but an administrator.
    func requireAdmin() throws {
        guard isAdmin else { throw Abort(.forbidden, reason: "仅系统管理员可以执行此操作") }
    }

    /// Refuses anything but the system administrator (the calendar, the whole audit log).
    func requireSystemAdmin() throws {
        guard isSystemAdmin else { throw Abort(.forbidden, reason: "仅最高一级机构的系统管理员可以执行此操作") }
    }
}
