import ArgumentParser
import FazhiServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Create or migrate the database and serve the web UI and API (./fazhi.sqlite unless DATABASE_URL is set)."
    )

    @Option(help: "Address to listen on (default 127.0.0.1, or HOST).") var hostname: String?
    @Option(help: "Port to listen on (default 8080, or PORT).") var port: Int?
    @Flag(help: "Load the demo bureau and accounts on start (same as FAZHI_DEMO=1).") var demo = false
    @Flag(help: "Log plain text instead of JSON lines.") var textLogs = false

    func run() async throws {
        var config = FazhiConfiguration.fromEnvironment()
        if let hostname { config.hostname = hostname }
        if let port { config.port = port }
        if demo { config.loadDemo = true }
        if textLogs { config.jsonLogs = false }
        bootstrapLogging(json: config.jsonLogs, level: .info)
        try await FazhiApp.serve(config)
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations.")
    @OptionGroup var options: EnvironmentOptions

    func run() async throws {
        try await FazhiApp.with(options.configuration()) { _ in print("数据库已迁移到最新版本") }
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Load the demo bureau (河东区司法局), its orgs and the demo accounts. Idempotent.")
    @OptionGroup var options: EnvironmentOptions

    func run() async throws {
        let summary = try await FazhiApp.with(options.configuration()) { app in
            try await FazhiApp.loadDemo(app)
        }
        print(summary)
    }
}
