import ArgumentParser
import FazhiServer
import Foundation

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
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations.",
        discussion: "--check applies nothing: it lists the migrations that would run and exits 1 when there are any, 0 when none.")
    @OptionGroup var options: EnvironmentOptions
    @Flag(help: "List what would run, apply nothing (exit 1 if anything would run).") var check = false

    func run() async throws {
        guard check else {
            try await FazhiApp.with(options.configuration()) { _ in print("数据库已迁移到最新版本") }
            return
        }
        let pending = try await FazhiApp.pendingMigrations(options.configuration())
        guard !pending.isEmpty else {
            print("数据库已是最新版本，没有待执行的迁移")
            return
        }
        for name in pending { print(name) }
        print("\(pending.count) 个迁移待执行（fazhi migrate 执行）")
        throw ExitCode(1)
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the demo bureau (河东区司法局), its orgs, accounts and caseload. Idempotent.",
        discussion: """
            --scale N instead fills --year with N generated \(FazhiApp.scaleStories) cases (the scale benchmark).
            --city loads a city bureau (天津市司法局) above --districts district bureaus into an empty database: 河东区 the \
            full demo, each other district with a year (--year) of the cases its lines generate for a district, sized by \
            --scale (default 2000).
            """)
    @OptionGroup var options: EnvironmentOptions
    @Option(help: "Generate this many \(FazhiApp.scaleStories) cases in bulk for --year (for benchmarks).") var scale: Int?
    @Option(help: "The year --scale fills (default: last year).") var year: Int?
    @Option(help: "What --scale generates: \(FazhiApp.scaleStories) (default: the first).") var story: String?
    @Flag(help: "Load a city of several demo districts (an empty database).") var city = false
    @Option(help: "With --city: districts in all, 河东区 included (2-16, default 5).") var districts = 5

    func validate() throws {
        if let scale, !(1...10_000_000).contains(scale) { throw ValidationError("--scale must be between 1 and 10000000") }
        guard (2...DemoCity.districtLimit).contains(districts) else { throw ValidationError("--districts must be between 2 and \(DemoCity.districtLimit)") }
        if city, story != nil { throw ValidationError("--story does not go with --city") }
    }

    func run() async throws {
        let config = options.configuration()
        if city {
            let year = self.year ?? Calendar.current.component(.year, from: Date()) - 1
            let summary = try await FazhiApp.with(config) { app in
                try await FazhiApp.loadCity(app, districts: districts, casesPerDistrict: scale ?? 2_000, year: year) { district in
                    FileHandle.standardError.write(Data("\(district)已加载\n".utf8))
                }
            }
            print(summary)
            return
        }
        if let scale {
            let year = self.year ?? Calendar.current.component(.year, from: Date()) - 1
            let terminal = isatty(STDERR_FILENO) != 0
            let summary = try await FazhiApp.with(config) { app in
                try await FazhiApp.loadScale(app, count: scale, year: year, story: story) { done in
                    if terminal { FileHandle.standardError.write(Data("\r\(done)/\(scale)".utf8)) }
                }
            }
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            print(summary)
            return
        }
        let summary = try await FazhiApp.with(config) { app in
            try await FazhiApp.loadDemo(app)
        }
        print(summary)
    }
}
