import ArgumentParser
import FazhiServer
import Foundation

struct SettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "The bureau's settings the modules declare (case-number patterns, portal intake, …).",
        subcommands: [List.self, Set.self, Unset.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every settable key, what it means, and the values set.")
        @OptionGroup var options: EnvironmentOptions

        func run() async throws {
            let lines = try await FazhiApp.with(options.configuration()) { try await FazhiApp.listSettings($0) }
            for line in lines { print(line) }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set KEY to VALUE after checking both (exit 2 if refused).")
        @OptionGroup var options: EnvironmentOptions
        @Argument(help: "A key as `fazhi settings list` shows it, its parameter (<line> or <org>) filled with a line code or an org code.") var key: String
        @Argument(help: "The value.") var value: String

        func run() async throws {
            do {
                print(try await FazhiApp.with(options.configuration()) { try await FazhiApp.setSetting($0, key: key, value: value) })
            } catch let refused as FazhiApp.SettingRefused {
                FileHandle.standardError.write(Data("错误：\(refused.description)\n".utf8))
                throw ExitCode(2)
            }
        }
    }

    struct Unset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unset", abstract: "Remove KEY, so the default applies again.")
        @OptionGroup var options: EnvironmentOptions
        @Argument(help: "The key.") var key: String

        func run() async throws {
            do {
                print(try await FazhiApp.with(options.configuration()) { try await FazhiApp.unsetSetting($0, key: key) })
            } catch let refused as FazhiApp.SettingRefused {
                FileHandle.standardError.write(Data("错误：\(refused.description)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}
