import Fluent
import Vapor

/// Building and running the application for the CLI commands.
public enum FazhiApp {
    /// Builds the configured app (migrated), runs `body`, and shuts it down.
    public static func with<T>(_ config: FazhiConfiguration, migrate: Bool = true, _ body: (Application) async throws -> T) async throws -> T {
        let app = try await Application.make(Environment(name: "production", arguments: ["fazhi"]))
        do {
            try await configure(app, config)
            if migrate { try await app.autoMigrate() }
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// `fazhi serve`: migrates, loads demo data when asked, and serves until stopped.
    public static func serve(_ config: FazhiConfiguration) async throws {
        let app = try await Application.make(Environment(name: "production", arguments: ["fazhi", "serve"]))
        do {
            try await configure(app, config)
            try await app.autoMigrate()
            if config.loadDemo {
                let summary = try await DemoData(db: app.db, hasher: app.password, modules: app.modules).load(cases: (
                calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection, today: ChinaTime.today))
                app.logger.info("demo data: \(summary)")
            }
            app.lifecycle.use(JobRunnerLifecycle())
            app.logger.info("Fazhi serving on http://\(config.hostname):\(config.port) (\(app.db.dialectName))")
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
