import Vapor

/// `fazhi settings`: the bureau settings the modules declare (`Module.settings`), listed, set and unset, each change
/// audited; a key no module declares or a value its rule refuses is `SettingRefused`, with the reason in Chinese.
extension FazhiApp {
    public struct SettingRefused: Error, CustomStringConvertible {
        public let description: String
    }

    public static func listSettings(_ app: Application) async throws -> [String] {
        try await Settings.listing(modules: app.modules, on: app.db)
    }

    /// Returns the line printed: the key, the value before and after.
    public static func setSetting(_ app: Application, key: String, value: String) async throws -> String {
        do {
            let before = try await Settings.set(key, to: value, modules: app.modules, actor: .command("settings set"), on: app.db)
            return "\(key) = \(value)" + (before.map { "（原为 \($0)）" } ?? "")
        } catch let refused as Settings.Refused {
            throw SettingRefused(description: refused.message)
        }
    }

    public static func unsetSetting(_ app: Application, key: String) async throws -> String {
        do {
            let removed = try await Settings.unset(key, modules: app.modules, actor: .command("settings unset"), on: app.db)
            return removed.map { "已删除 \(key)（原为 \($0)），恢复默认" } ?? "\(key) 未设置，无需删除"
        } catch let refused as Settings.Refused {
            throw SettingRefused(description: refused.message)
        }
    }
}
