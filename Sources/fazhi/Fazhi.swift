import ArgumentParser
import FazhiCore
import FazhiServer
import Foundation

/// The operators' command line: `fazhi serve`, `fazhi migrate`, `fazhi demo`, `fazhi user …`, `fazhi audit verify`,
/// `fazhi calendar import`, `fazhi deadline …`, `fazhi keys rotate`, `fazhi settings …`, `fazhi backup`, `fazhi restore`.
@main
struct Fazhi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fazhi",
        abstract: "法治 · 区司法局工作平台",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoCommand.self, UserCommand.self, AuditCommand.self,
            CalendarCommand.self, DeadlineCommand.self, ReportCommand.self, ImportCommand.self, KeysCommand.self,
            SettingsCommand.self, BackupCommand.self, RestoreCommand.self,
        ]
    )

    /// `fazhi deadline` keeps its own exit codes (2 for any bad input, 3 for provisional), so it is run by its own
    /// entry point, with the calendar of the configured database when there is one.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "deadline" {
            DeadlineCommand.main(Array(arguments.dropFirst()), calendar: await databaseCalendar())
            return
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch where DatabaseBusy.matches(error) {
            // Beside a running server: SQLite's write lock was not free within the busy timeout; nothing was written.
            FileHandle.standardError.write(Data("错误：\(DatabaseBusy.commandLineMessage)\n".utf8))
            Foundation.exit(75)
        } catch {
            exit(withError: error)
        }
    }

    /// The calendar including admin-imported years, when a database is configured (`DATABASE_URL`) or present
    /// (`./fazhi.sqlite`); nil (the shipped calendar) otherwise, so the calculator never creates a database.
    static func databaseCalendar() async -> WorkingCalendar? {
        let config = FazhiConfiguration.fromEnvironment()
        if case .sqlite(let path) = config.database, !FileManager.default.fileExists(atPath: path) { return nil }
        bootstrapLogging(json: false, level: .error)
        do {
            return try await FazhiApp.with(config) { try await FazhiApp.workingCalendar($0) }
        } catch {
            FileHandle.standardError.write(Data("警告：无法读取数据库中的节假日安排，仅使用系统自带年份 / warning: using the shipped calendar only: \(error)\n".utf8))
            return nil
        }
    }
}

/// Options every database command shares; configuration itself comes from the environment.
struct EnvironmentOptions: ParsableArguments {
    @Flag(help: "Log plain text instead of JSON lines.") var textLogs = false

    func configuration() -> FazhiConfiguration {
        var config = FazhiConfiguration.fromEnvironment()
        if textLogs { config.jsonLogs = false }
        bootstrapLogging(json: config.jsonLogs, level: .notice)
        return config
    }
}
