import Fluent
import FazhiCore
import Vapor

/// A bureau setting the operator may set (`fazhi settings set KEY VALUE`), declared by the module that reads it
/// (`Module.settings`): its key — with at most one parameter, `<line>` (a line the app runs) or `<org>` (an org's
/// code) — what it means, and what a value must be. A key no module declares, or a value its rule refuses, is never
/// stored.
struct SettingDeclaration: Sendable {
    enum Parameter: String, Sendable {
        case line = "<line>"
        case org = "<org>"
    }

    enum Rule: Sendable {
        /// The code of an active org.
        case orgCode
        /// A number's pattern: `{year}` and `{seq}` both required (the counter starts again each year, and a number is
        /// unique for ever), at most 60 characters.
        case numberPattern
        case integer(ClosedRange<Int>)
        /// Plain text of at most so many characters.
        case text(Int)
        /// The username of an active account.
        case username
    }

    /// e.g. `caseNumber.<line>`.
    let key: String
    /// What it sets, in Chinese, for `fazhi settings list`.
    let meaning: String
    let rule: Rule

    var parameter: Parameter? {
        [Parameter.line, .org].first { key.contains($0.rawValue) }
    }

    /// The part of `key` the parameter stands for, if `key` is one of this declaration's keys.
    func matches(_ key: String) -> String? {
        guard let parameter else { return key == self.key ? "" : nil }
        let parts = self.key.components(separatedBy: parameter.rawValue)
        guard key.hasPrefix(parts[0]), key.hasSuffix(parts[1]), key.count > parts[0].count + parts[1].count else { return nil }
        return String(key.dropFirst(parts[0].count).dropLast(parts[1].count))
    }
}

/// Reading and changing the declared settings, each change audited.
enum Settings {
    struct Refused: Error, Sendable {
        let message: String
    }

    /// The declaration `key` falls under, once its parameter names a line the app runs or an org that exists.
    static func declaration(of key: String, modules: ModuleRegistry, on db: Database) async throws -> SettingDeclaration {
        for declaration in modules.settings {
            guard let part = declaration.matches(key) else { continue }
            switch declaration.parameter {
            case .line?:
                guard modules.lines.contains(where: { $0.rawValue == part }) else {
                    throw Refused(message: "\(key)：\(part) 不是本系统的工作条线（可用：\(modules.lines.map(\.rawValue).joined(separator: "、"))）")
                }
            case .org?:
                guard try await Org.query(on: db).filter(\.$code == part).first() != nil else {
                    throw Refused(message: "\(key)：没有代码为 \(part) 的机构")
                }
            case nil: break
            }
            return declaration
        }
        throw Refused(message: "\(key)：不是可设置的参数，请用 fazhi settings list 查看")
    }

    static func check(_ value: String, against rule: SettingDeclaration.Rule, key: String, on db: Database) async throws {
        switch rule {
        case .orgCode:
            guard try await Org.query(on: db).filter(\.$code == value).filter(\.$active == true).first() != nil else {
                throw Refused(message: "\(key)：取值须为在用机构的代码，没有代码为 \(value) 的机构")
            }
        case .numberPattern:
            guard value.contains("{seq}"), value.contains("{year}"), value.count <= 60, !value.contains(where: \.isNewline) else {
                throw Refused(message: "\(key)：编号格式须含 {year}（年度）和 {seq}（序号，每年从1起），不超过60个字符")
            }
        case .integer(let range):
            guard let number = Int(value), range.contains(number) else {
                throw Refused(message: "\(key)：取值须为\(range.lowerBound)至\(range.upperBound)之间的整数")
            }
        case .username:
            guard try await User.query(on: db).filter(\.$username == value).filter(\.$active == true).first() != nil else {
                throw Refused(message: "\(key)：取值须为在用账号的用户名，没有用户名为 \(value) 的在用账号")
            }
        case .text(let length):
            guard !value.trimmingCharacters(in: .whitespaces).isEmpty, value.count <= length, !value.contains(where: \.isNewline) else {
                throw Refused(message: "\(key)：取值不能为空，不超过\(length)个字符，不能换行")
            }
        }
    }

    /// Stores `value` under `key` after its declaration's rule accepts it; returns the value before, if any.
    @discardableResult
    static func set(_ key: String, to value: String, modules: ModuleRegistry, actor: AuditActor, on db: Database) async throws -> String? {
        let declaration = try await declaration(of: key, modules: modules, on: db)
        try await check(value, against: declaration.rule, key: key, on: db)
        return try await db.transaction { tx in
            let existing = try await Setting.query(on: tx).filter(\.$key == key).first()
            let before = existing?.value
            if let existing {
                existing.value = value
                try await existing.update(on: tx)
            } else {
                try await Setting(key: key, value: value).create(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor.sharingDeployment, action: "setting:set", entityType: "setting", entityID: key,
                                      before: before.map { ["value": $0] }, after: ["value": value])
            return before
        }
    }

    /// Removes `key`, so the code's default applies again; returns the value removed, nil when it was not set.
    @discardableResult
    static func unset(_ key: String, modules: ModuleRegistry, actor: AuditActor, on db: Database) async throws -> String? {
        _ = try await declaration(of: key, modules: modules, on: db)
        return try await db.transaction { tx in
            guard let existing = try await Setting.query(on: tx).filter(\.$key == key).first() else { return nil }
            try await existing.delete(on: tx)
            try await AuditLog.record(on: tx, actor: actor.sharingDeployment, action: "setting:unset", entityType: "setting", entityID: key,
                                      before: ["value": existing.value], after: nil)
            return existing.value
        }
    }

    /// Every declaration with the stored values that fall under it, as `fazhi settings list` prints them.
    static func listing(modules: ModuleRegistry, on db: Database) async throws -> [String] {
        let stored = try await Setting.query(on: db).sort(\.$key).all()
        var lines: [String] = []
        for declaration in modules.settings {
            lines.append("\(declaration.key)\t\(declaration.meaning)")
            for setting in stored where declaration.matches(setting.key) != nil {
                lines.append("  \(setting.key) = \(setting.value)")
            }
        }
        return lines
    }
}
