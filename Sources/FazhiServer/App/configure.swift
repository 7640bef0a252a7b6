import FazhiCore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

/// Builds the whole application from its configuration, so tests build exactly what production runs.
public func configure(_ app: Application, _ config: FazhiConfiguration) async throws {
    try await configure(app, config, modules: ModuleRegistry.standard)
}

/// Builds the application running `modules` (a test may add a module of its own; no other app sees it).
func configure(_ app: Application, _ config: FazhiConfiguration, modules: ModuleRegistry) async throws {
    app.fazhi = config
    app.modules = modules
    app.jobClaims = JobClaims()
    app.dashboardCache = CountCache()
    app.figuresCache = CountCache()
    if let url = config.smtpURL, SMTPMail(url: url, from: config.mailFrom, eventLoopGroup: app.eventLoopGroup) == nil {
        throw ConfigurationError(message: "FAZHI_SMTP_URL 应为 smtp://[用户名:密码@]主机[:端口]（仅支持不加密的 SMTP，经本机或局内中继发送）：\(url)")
    }
    WorkLine.register(modules.lines)
    OrgKind.register(modules.orgKinds)
    FazhiMetrics.bootstrap()
    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    // Forms such as the annual-report draft carry long texts; uploads set their own larger limit per route.
    app.routes.defaultMaxBodySize = BodyLimit.form
    // Multipart bodies go to MultipartKit only after the check of what would stop its parser (one place, every upload).
    ContentConfiguration.global.use(decoder: CheckedFormDataDecoder(), for: .formData)

    app.dataProtection = try DataKeyStore(config).protection()

    switch config.database {
    case .sqlite(let path):
        // WAL and one writer: concurrent writers wait their turn instead of failing, readers are never blocked.
        app.databases.use(.sqliteWithOneWriter(path: path, busyTimeout: config.sqliteBusyTimeout), as: .sqlite)
        try await SQLiteWriterDatabase.enableWAL(on: app.db)
    case .postgres(let url):
        // Four connections an event loop (one was the driver's default: two in all on two cores, so twelve people writing
        // and reading at once queued on two connections), and 30 s for a request to get one before it is answered 503:
        // a busy office waits its turn rather than being refused.
        app.databases.use(.postgres(configuration: try postgresConfiguration(url), maxConnectionsPerEventLoop: 4,
                                    connectionPoolTimeout: .seconds(30)), as: .psql, isDefault: true)
    }
    if let url = config.readDatabaseURL {
        guard case .postgres = config.database else {
            throw ConfigurationError(message: "DATABASE_READ_URL（只读备库）只能与 PostgreSQL 主库（DATABASE_URL）一起使用")
        }
        // A replica that does not answer is given up on within 2 s and skipped: reads never wait on it for long.
        var replica = try postgresConfiguration(url)
        replica.coreConfiguration.options.connectTimeout = .seconds(2)
        app.databases.use(.postgres(configuration: replica, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(5)),
                          as: .replica, isDefault: false)
        app.readReplica = ReadReplica(maxLag: config.replicaMaxLag)
        app.lifecycle.use(ReplicaMonitor())
    }

    for module in modules.all {
        app.migrations.add(module.migrations)
    }

    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware(servesTLS: config.servesTLS))
    app.middleware.use(ServerTimingMiddleware())
    app.middleware.use(FazhiErrorMiddleware())
    app.middleware.use(SessionMiddleware())
    app.middleware.use(ReadYourWritesMiddleware())

    try routes(app)
}

/// A PostgreSQL URL as the driver's configuration; TLS off for loopback and `sslmode=disable`.
private func postgresConfiguration(_ url: String) throws -> SQLPostgresConfiguration {
    var postgres = try SQLPostgresConfiguration(url: url)
    if url.contains("sslmode=disable") || url.contains("@127.0.0.1") || url.contains("@localhost") {
        postgres.coreConfiguration.tls = .disable
    }
    return postgres
}

func routes(_ app: Application) throws {
    for module in app.modules.all {
        module.publicRoutes(app)
    }
    // Login first, so an anonymous request's body is never read; then the body, within its route's limit; then CSRF.
    let staff = app.grouped(RequireLogin(), BodyLimitMiddleware(), CSRFMiddleware())
    for module in app.modules.all {
        module.staffRoutes(staff)
    }
}
