import Fluent
import Foundation
import FluentSQL
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
        if case .sqlite(let path) = config.database { try ServeLock.acquire(databasePath: path) }
        let app = try await Application.make(Environment(name: "production", arguments: ["fazhi", "serve"]))
        do {
            try await configure(app, config)
            try await migrateOneNodeAtATime(app)
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

    /// Migrates; on PostgreSQL under an advisory lock, so nodes started together (`systemctl start fazhi@8081
    /// fazhi@8082`) migrate one after the other, the second finding nothing left to do.
    static func migrateOneNodeAtATime(_ app: Application) async throws {
        guard let sql = app.db as? SQLDatabase, sql.dialect.name == "postgresql" else { return try await app.autoMigrate() }
        try await app.db.withConnection { connection in
            let locked = connection as! SQLDatabase
            try await locked.raw("SELECT pg_advisory_lock(7270031)").run()
            do {
                try await app.autoMigrate()
                try await locked.raw("SELECT pg_advisory_unlock(7270031)").run()
            } catch {
                try? await locked.raw("SELECT pg_advisory_unlock(7270031)").run()
                throw error
            }
        }
    }
}

/// SQLite is one node: a second `fazhi serve` on the same database file (two systemd instances without
/// `DATABASE_URL`) would run every scheduled job twice, so it is refused. The lock is an exclusive `flock` on
/// `<database>.serve-lock`, held until the process ends (the kernel frees it even after SIGKILL). The command line
/// beside a running server (import, backup) takes no such lock.
enum ServeLock {
    nonisolated(unsafe) private static var descriptor: Int32 = -1

    static func acquire(databasePath: String) throws {
        let path = databasePath + ".serve-lock"
        let fd = open(path, O_RDWR | O_CREAT, 0o600)
        guard fd >= 0 else { throw ConfigurationError(message: "无法创建 \(path)：\(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ConfigurationError(message: "另一个 fazhi serve 正在使用数据库 \(databasePath)：SQLite 只能由一个服务进程使用；多个节点请使用 PostgreSQL（DATABASE_URL）")
        }
        descriptor = fd
    }
}
