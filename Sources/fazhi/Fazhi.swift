import ArgumentParser
import FazhiServer

/// The operators' command line: `fazhi serve`, `fazhi migrate`, `fazhi demo`, `fazhi user …`, `fazhi audit verify`, `fazhi deadline …`.
@main
struct Fazhi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fazhi",
        abstract: "法治 · 区司法局工作平台",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoCommand.self, UserCommand.self, AuditCommand.self,
            DeadlineCommand.self,
        ]
    )
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
