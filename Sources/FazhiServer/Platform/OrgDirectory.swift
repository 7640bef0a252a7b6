import Fluent
import FazhiCore
import SQLKit
import Vapor

/// Creating and changing orgs: validation, one transaction, one audit row.
struct OrgDirectory {
    struct Input: Content {
        var code: String?
        var name: String?
        var kind: String?
        var parentID: String?
        var active: Bool?
    }

    let db: Database
    let actor: AuditActor

    /// Creates an org under a parent the user can see. Field errors name the field and the rule.
    func create(_ input: Input, scope: Scope?) async throws -> Org {
        var errors = ValidationErrors()
        let code = input.code?.trimmingCharacters(in: .whitespaces) ?? ""
        let name = input.name?.trimmingCharacters(in: .whitespaces) ?? ""
        if code.isEmpty {
            errors.add("code", "机构代码不能为空")
        } else if code.range(of: #"^[0-9A-Za-z-]{2,32}$"#, options: .regularExpression) == nil {
            errors.add("code", "机构代码只能由2–32位字母、数字和“-”组成")
        } else if try await Org.query(on: db).filter(\.$code == code).first() != nil {
            errors.add("code", "机构代码“\(code)”已被使用")
        }
        if name.isEmpty { errors.add("name", "机构名称不能为空") }
        if name.count > 100 { errors.add("name", "机构名称不能超过100个字符") }
        let kind = input.kind.flatMap(OrgKind.known)
        if kind == nil { errors.add("kind", "请选择机构类型") }

        var parent: Org?
        if let rawParent = input.parentID, !rawParent.isEmpty {
            guard let parentID = UUID(uuidString: rawParent) else {
                errors.add("parentID", "上级机构不存在")
                throw errors
            }
            parent = try await (scope.map { $0.administeredOrgs(on: db) } ?? Org.query(on: db)).filter(\.$id == parentID).first()
            if parent == nil { errors.add("parentID", "上级机构不存在") }
        }
        if let kind {
            if let parent, !parent.kind.allowsChild(kind) {
                errors.add("kind", "“\(parent.kind.label)”下不能设立“\(kind.label)”")
            }
            if parent == nil, kind != .bureau {
                errors.add("parentID", "除司法局外，机构必须有上级机构")
            }
            if parent == nil, kind == .bureau, scope != nil {
                errors.add("parentID", "新的司法局（租户）只能由运维人员通过命令行创建")
            }
        }
        try errors.throwIfAny()

        let org = Org(code: code, name: name, kind: kind!, parent: parent)
        try await db.transaction { tx in
            try await org.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "create", entityType: "org",
                                      entityID: org.id!.uuidString, before: nil, after: org.snapshot)
        }
        return org
    }

    /// Renames, or (de)activates an org. Code, kind and parent stay: records and the tree depend on them.
    func update(_ org: Org, _ input: Input) async throws -> Org {
        var errors = ValidationErrors()
        let before = org.snapshot
        if let name = input.name?.trimmingCharacters(in: .whitespaces) {
            if name.isEmpty { errors.add("name", "机构名称不能为空") }
            if name.count > 100 { errors.add("name", "机构名称不能超过100个字符") }
            org.name = name
        }
        if let active = input.active { org.active = active }
        try errors.throwIfAny()
        try await db.transaction { tx in
            try await org.update(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "update", entityType: "org",
                                      entityID: org.id!.uuidString, before: before, after: org.snapshot)
        }
        return org
    }
}

extension OrgDirectory {
    /// The ids of `org` and every org under it (by the materialised path).
    static func subtreeIDs(of org: Org, on db: Database) async throws -> [UUID] {
        try await Org.query(on: db).filter(\.$path =~ org.path).all(\.$id)
    }

    /// The one bureau `org` and every org under it belong to (its own tenancy key), or nil when a bureau lies below it
    /// (a city): one query that stops at the first such bureau, building no org (the path prefix is a `LIKE`, which
    /// reads the orgs table rather than its path index: a table of a few hundred rows per district).
    static func soleBureau(of org: Org, on db: Database) async throws -> UUID? {
        let below = try await db.sql.raw("""
            SELECT \(ident: "id") FROM \(ident: Org.schema) WHERE \(ident: "path") LIKE \(bind: org.path + "%") \
            AND \(ident: "kind") = \(bind: OrgKind.bureau.rawValue) AND \(ident: "id") <> \(bind: org.id!) LIMIT 1
            """).first()
        return below == nil ? org.bureauID : nil
    }

    /// The bureau an org belongs to: the nearest org of kind `bureau` on its path (itself included), which the org
    /// carries as its tenancy key.
    static func bureau(of orgID: UUID, on db: Database) async throws -> Org? {
        guard let org = try await Org.find(orgID, on: db), let bureauID = org.bureauID else { return nil }
        return bureauID == org.id ? org : try await Org.find(bureauID, on: db)
    }

    /// The agency with `id` when it is an active agency of the bureau `servingOrg` belongs to: a case names only its own
    /// district's agencies as respondent or defendant, never another bureau's.
    static func agency(_ id: UUID, servingOrg: UUID, on db: Database) async throws -> Org? {
        guard let agency = try await Org.find(id, on: db), agency.kind == .agency, agency.active,
              let bureau = try await bureau(of: servingOrg, on: db), agency.path.hasPrefix(bureau.path) else { return nil }
        return agency
    }

    /// The active agencies of the bureau `servingOrg` belongs to.
    static func agencies(servingOrg: UUID, on db: Database) async throws -> [Org] {
        guard let bureau = try await bureau(of: servingOrg, on: db) else { return [] }
        return try await Org.query(on: db).filter(\.$kind == .agency).filter(\.$active == true).filter(\.$path =~ bureau.path)
            .sort(\.$name).all()
    }

    /// The agencies a user's new cases of `line` may name: those of the bureau where the user's role for the line is held.
    static func agencies(for line: WorkLine, scope: Scope, on db: Database) async throws -> [Org] {
        guard let home = scope.homeOrg(for: line) else { return [] }
        return try await agencies(servingOrg: home, on: db)
    }
}

