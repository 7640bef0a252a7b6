import Fluent
import FazhiCore
import Vapor

/// Creating users, granting roles, resetting passwords: validation, one transaction, one audit row each.
struct UserAccounts {
    struct Input: Content {
        var username: String?
        var displayName: String?
        var password: String?
        var orgID: String?
        var role: String?
        var line: String?
    }

    struct GrantInput: Content {
        var role: String?
        var orgID: String?
        var line: String?
    }

    let db: Database
    let actor: AuditActor
    let hasher: PasswordHasher

    /// Creates a user with a first role at their org. `scope` limits the orgs (nil for operator commands).
    func create(_ input: Input, scope: Scope?) async throws -> User {
        var errors = ValidationErrors()
        let username = input.username?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let displayName = input.displayName?.trimmingCharacters(in: .whitespaces) ?? ""
        let password = input.password ?? ""
        if username.isEmpty {
            errors.add("username", "用户名不能为空")
        } else if username.range(of: #"^[a-z0-9][a-z0-9._-]{2,31}$"#, options: .regularExpression) == nil {
            errors.add("username", "用户名须为3–32位小写字母、数字或“._-”，以字母或数字开头")
        } else if try await User.query(on: db).filter(\.$username == username).first() != nil {
            errors.add("username", "用户名“\(username)”已存在")
        }
        if displayName.isEmpty { errors.add("displayName", "姓名不能为空") }
        if displayName.count > 50 { errors.add("displayName", "姓名不能超过50个字符") }
        if let violation = PasswordPolicy.violation(password: password, username: username) {
            errors.add("password", violation)
        }
        let org = try await findOrg(input.orgID, field: "orgID", scope: scope, errors: &errors)
        let grant = validateGrant(role: input.role, line: input.line, errors: &errors)
        try errors.throwIfAny()

        let user = User(username: username, displayName: displayName,
                        passwordHash: try hasher.hash(password), orgID: org!.id!)
        try await db.transaction { tx in
            try await user.create(on: tx)
            let roleGrant = RoleGrant(userID: user.id!, role: grant!.0, orgID: org!.id!, line: grant!.1)
            try await roleGrant.create(on: tx)
            var after = user.snapshot
            after["role"] = grant!.0.rawValue
            after["line"] = grant!.1?.rawValue ?? ""
            try await AuditLog.record(on: tx, actor: actor, action: "create", entityType: "user",
                                      entityID: user.id!.uuidString, before: nil, after: after)
        }
        return user
    }

    /// Adds a role at an org (within scope) to a user.
    func grant(_ input: GrantInput, to user: User, scope: Scope?) async throws -> RoleGrant {
        var errors = ValidationErrors()
        let org = try await findOrg(input.orgID, field: "orgID", scope: scope, errors: &errors)
        let grant = validateGrant(role: input.role, line: input.line, errors: &errors)
        try errors.throwIfAny()
        let roleGrant = RoleGrant(userID: user.id!, role: grant!.0, orgID: org!.id!, line: grant!.1)
        try await db.transaction { tx in
            try await roleGrant.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "grant", entityType: "user",
                                      entityID: user.id!.uuidString, before: nil,
                                      after: ["role": grant!.0.rawValue, "org": org!.code, "line": grant!.1?.rawValue ?? ""])
        }
        return roleGrant
    }

    func revoke(_ roleGrant: RoleGrant, of user: User) async throws {
        try await db.transaction { tx in
            try await roleGrant.delete(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "revoke", entityType: "user",
                                      entityID: user.id!.uuidString,
                                      before: ["role": roleGrant.role.rawValue, "org": roleGrant.$org.id.uuidString,
                                               "line": roleGrant.line?.rawValue ?? ""], after: nil)
        }
    }

    /// Sets a new password (checked against the policy) and ends the user's sessions.
    func resetPassword(_ user: User, to password: String) async throws {
        if let violation = PasswordPolicy.violation(password: password, username: user.username) {
            throw FieldError(field: "password", message: violation)
        }
        user.passwordHash = try hasher.hash(password)
        try await db.transaction { tx in
            try await user.update(on: tx)
            try await UserSession.query(on: tx).filter(\.$user.$id == user.id!).delete()
            try await AuditLog.record(on: tx, actor: actor, action: "reset-password", entityType: "user",
                                      entityID: user.id!.uuidString, before: nil, after: nil)
        }
    }

    /// The user's own password change: the current password first, then the policy; every other session ends.
    func changeOwnPassword(_ user: User, current: String, new password: String, keeping session: UserSession) async throws {
        guard try Bcrypt.verify(current, created: user.passwordHash) else {
            throw FieldError(field: "currentPassword", message: "当前密码不正确")
        }
        if let violation = PasswordPolicy.violation(password: password, username: user.username) {
            throw FieldError(field: "newPassword", message: violation)
        }
        if try Bcrypt.verify(password, created: user.passwordHash) {
            throw FieldError(field: "newPassword", message: "新密码不能与当前密码相同")
        }
        user.passwordHash = try hasher.hash(password)
        try await db.transaction { tx in
            try await user.update(on: tx)
            try await UserSession.query(on: tx).filter(\.$user.$id == user.id!).filter(\.$id != session.id!).delete()
            try await AuditLog.record(on: tx, actor: actor, action: "change-password", entityType: "user",
                                      entityID: user.id!.uuidString, before: nil, after: nil)
        }
    }

    /// Removes the user's second factor (a lost phone and no recovery code left) and ends their sessions; an
    /// administrator must enrol again at the next sign-in.
    func resetSecondFactor(_ user: User) async throws {
        try await db.transaction { tx in
            try await SecondFactor.query(on: tx).filter(\.$user.$id == user.id!).delete()
            try await UserSession.query(on: tx).filter(\.$user.$id == user.id!).delete()
            try await AuditLog.record(on: tx, actor: actor, action: "reset-second-factor", entityType: "user",
                                      entityID: user.id!.uuidString, before: nil, after: nil)
        }
    }

    /// Changes the display name or (de)activates the account; deactivation ends its sessions.
    func update(_ user: User, displayName: String?, active: Bool?) async throws -> User {
        let before = user.snapshot
        if let displayName {
            let trimmed = displayName.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { throw FieldError(field: "displayName", message: "姓名不能为空") }
            if trimmed.count > 50 { throw FieldError(field: "displayName", message: "姓名不能超过50个字符") }
            user.displayName = trimmed
        }
        if let active { user.active = active }
        try await db.transaction { tx in
            try await user.update(on: tx)
            if !user.active { try await UserSession.query(on: tx).filter(\.$user.$id == user.id!).delete() }
            try await AuditLog.record(on: tx, actor: actor, action: "update", entityType: "user",
                                      entityID: user.id!.uuidString, before: before, after: user.snapshot)
        }
        return user
    }

    private func findOrg(_ raw: String?, field: String, scope: Scope?, errors: inout ValidationErrors) async throws -> Org? {
        guard let raw, !raw.isEmpty else {
            errors.add(field, "请选择所属机构")
            return nil
        }
        let id = UUID(uuidString: raw)
        let query = scope.map { $0.administeredOrgs(on: db) } ?? Org.query(on: db)
        var org: Org?
        if let id { org = try await query.filter(\.$id == id).first() }
        if org == nil { errors.add(field, "所属机构不存在或不在您的管理范围内") }
        return org
    }

    private func validateGrant(role rawRole: String?, line rawLine: String?, errors: inout ValidationErrors) -> (Role, WorkLine?)? {
        guard let role = rawRole.flatMap(Role.init(rawValue:)) else {
            errors.add("role", "请选择角色")
            return nil
        }
        var line: WorkLine?
        if let rawLine, !rawLine.isEmpty {
            line = WorkLine(rawValue: rawLine)
            if line == nil { errors.add("line", "业务条线不存在") }
        }
        if role.requiresLine, line == nil, rawLine?.isEmpty ?? true {
            errors.add("line", "“\(role.label)”角色须指定业务条线")
        }
        return (role, line)
    }
}
