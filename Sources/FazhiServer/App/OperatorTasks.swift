import Fluent
import FazhiCore
import Vapor

/// What the operator commands do, on a built app. Public so the `fazhi` executable stays a thin parser.
extension FazhiApp {
    /// Loads the demo bureau; returns a one-line summary.
    public static func loadDemo(_ app: Application) async throws -> String {
        try await DemoData(db: app.db, hasher: app.password, modules: app.modules).load(cases: (
                calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection, today: ChinaTime.today))
    }

    /// `fazhi demo --city`: the city bureau above `districts` district bureaus (河东区 the full demo, each other with
    /// `casesPerDistrict` generated cases of `year`); see `DemoCity`.
    public static func loadCity(_ app: Application, districts: Int, casesPerDistrict: Int, year: Int,
                                progress: @escaping (String) -> Void = { _ in }) async throws -> String {
        let cases = DemoCases(db: app.db, calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection,
                              today: ChinaTime.today, modules: app.modules)
        return try await DemoCity(demo: DemoData(db: app.db, hasher: app.password, modules: app.modules), cases: cases,
                                  districtCount: districts, casesPerDistrict: casesPerDistrict, year: year).load(progress: progress)
    }

    /// Creates a user with a first role at the org with `orgCode`. Throws `ValidationErrors` naming each bad field.
    public static func createUser(
        _ app: Application, username: String, displayName: String, password: String, orgCode: String, role: String, line: String?
    ) async throws {
        let org = try await Org.query(on: app.db).filter(\.$code == orgCode).first()
        guard let org else { throw ValidationErrors([FieldError(field: "org", message: "机构代码“\(orgCode)”不存在")]) }
        let input = UserAccounts.Input(username: username, displayName: displayName, password: password,
                                       orgID: org.id!.uuidString, role: role, line: line)
        _ = try await UserAccounts(db: app.db, actor: .command("user create"), hasher: app.password).create(input, scope: nil)
    }

    /// Sets a user's password (policy-checked) and ends their sessions.
    public static func resetPassword(_ app: Application, username: String, password: String) async throws {
        guard let user = try await User.query(on: app.db).filter(\.$username == username.lowercased()).first() else {
            throw FieldError(field: "username", message: "用户“\(username)”不存在")
        }
        try await UserAccounts(db: app.db, actor: .command("user reset-password"), hasher: app.password)
            .resetPassword(user, to: password)
    }

    /// Removes a user's second factor and ends their sessions (a lost phone with no recovery code left); an
    /// administrator must enrol a new one at the next sign-in.
    public static func resetSecondFactor(_ app: Application, username: String) async throws {
        guard let user = try await User.query(on: app.db).filter(\.$username == username.lowercased()).first() else {
            throw FieldError(field: "username", message: "用户“\(username)”不存在")
        }
        try await UserAccounts(db: app.db, actor: .command("user reset-2fa"), hasher: app.password).resetSecondFactor(user)
    }

    /// Walks the audit chain: the rows checked and, if broken, the first broken row and why. With `anchor`
    /// (`SEQ:HASH` as `auditAnchor` printed it) the chain must still reach that row with that hash; then the rows
    /// each import wrote are checked against the digest its audit row holds.
    public static func verifyAudit(_ app: Application, anchor: String? = nil) async throws -> (checked: Int, brokenSeq: Int?, reason: String?) {
        var parsed: AuditLog.Anchor?
        if let anchor {
            guard let value = AuditLog.Anchor(anchor) else {
                throw FieldError(field: "anchor", message: "锚点格式应为 序号:哈希（64位十六进制），即 fazhi audit anchor 的输出")
            }
            parsed = value
        }
        let result = try await AuditLog.verify(on: app.db, anchor: parsed)
        if let broken = result.firstBreak { return (result.checked, broken.seq, broken.reason) }
        if let broken = try await ImportDigest.verify(on: app.db) { return (result.checked, broken.seq, broken.reason) }
        return (result.checked, nil, nil)
    }

    /// The head of the audit chain as `SEQ:HASH`, for the operator to keep outside the database.
    public static func auditAnchor(_ app: Application) async throws -> String {
        let head = try await AuditLog.head(on: app.db)
        app.logger.notice("audit anchor \(head)", metadata: ["seq": "\(head.seq)", "hash": "\(head.hash)"])
        return head.description
    }
}

extension FazhiApp {
    /// The working calendar in force: shipped notices plus admin imports.
    public static func workingCalendar(_ app: Application) async throws -> WorkingCalendar {
        try await CalendarStore(db: app.db).calendar()
    }

    /// Imports one year's notice; returns a one-line summary. Throws a `DomainError` naming the bad field.
    public static func importCalendarYear(_ app: Application, data: Data, file: String) async throws -> String {
        let result = try await CalendarStore(db: app.db).importYear(data, file: file, actor: .command("calendar import"),
                                                                       recomputing: app.modules)
        return "已\(result.replaced ? "更新" : "导入") \(result.year.year) 年节假日安排（\(result.year.notice)），重新计算期限 \(result.recomputed) 个"
    }
}

extension FazhiApp {
    /// The year's figures as `{"year":…, "org":…, "metrics":{…}}` (REPORT.md keys; rates 0–1, money in yuan).
    public static func reportJSON(_ app: Application, year: Int, orgCode: String?) async throws -> Data {
        try await AnnualFigures.compute(db: app.db, modules: app.modules, year: year, orgCode: orgCode).json()
    }

    /// Rebuilds every line's facet counts from its cases replayed (`FacetRollup.rebuild`): after a rolling upgrade that
    /// added some, once the previous release's nodes, which write events without them, have stopped. Returns, per line
    /// that keeps some, how many counts it holds now, and each case that did not replay.
    public static func reportRebuildFacets(_ app: Application) async throws -> (summary: [String], failures: [String]) {
        let calendar = try await CalendarStore(db: app.db).calendar()
        var summary: [String] = [], failures: [String] = []
        for handler in app.modules.caseLines where !handler.facetKeys.isEmpty {
            let replayed = try await FacetRollup.rebuild(handler.facetKeys, on: app.db) { tx in try await handler.storedFacets(tx, nil, calendar) }
            summary.append("\(handler.line.label)：\(replayed.sums.count) 项")
            failures += replayed.failures
        }
        return (summary, failures)
    }

    /// Recounts every rolled-up metric from the raw records and compares with the rollup; returns the differences.
    public static func reportRecount(_ app: Application, year: Int, orgCode: String?) async throws -> [String] {
        try await AnnualFigures.recount(db: app.db, modules: app.modules, year: year, orgCode: orgCode)
    }
}

extension FazhiApp {
    /// The year's report draft as markdown or as a GB/T 9704 .docx, with the figures counted now and the
    /// narrative last saved in the browser.
    public static func reportDocument(_ app: Application, year: Int, orgCode: String?, docx: Bool) async throws -> Data {
        let report = try await AnnualReport.load(db: app.db, modules: app.modules, year: year, orgCode: orgCode, today: ChinaTime.today)
        return docx ? try report.docx() : Data(report.markdown.utf8)
    }
}

extension FazhiApp {
    /// Loads the demo bureau, then `count` cases for `year` generated in bulk by the line that tells a scale story
    /// (the scale benchmark).
    public static func loadScale(_ app: Application, count: Int, year: Int, story: String? = nil,
                                 progress: @escaping (Int) -> Void) async throws -> String {
        if let story, !app.modules.all.contains(where: { $0.scaleStory == story }) {
            throw FieldError(field: "story", message: "没有名为「\(story)」的批量生成，可选：\(scaleStories)")
        }
        _ = try await DemoData(db: app.db, hasher: app.password, modules: app.modules).load()
        let demo = DemoCases(db: app.db, calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection,
                             today: ChinaTime.today, modules: app.modules)
        for module in app.modules.all where story == nil || module.scaleStory == story {
            if let summary = try await module.loadScale(demo, year: year, count: count, progress: progress) { return summary }
        }
        throw FieldError(field: "scale", message: "没有业务提供批量生成的演示案件")
    }

    /// What `loadScale` generates, in the lines' words, for the command's help (before any app is built: the standard
    /// modules, which every app of the `fazhi` command runs).
    public static var scaleStories: String { ModuleRegistry.standard.all.compactMap { $0.scaleStory }.joined(separator: "、") }

    /// The registered lines' code names, for the commands' help.
    public static var lineCodes: [String] { ModuleRegistry.standard.lines.map(\.rawValue) }

    /// The time limits of the registered lines, for `fazhi deadline`.
    public static var deadlineCatalogue: DeadlineCatalogue { ModuleRegistry.standard.deadlineCatalogue }
}

extension FazhiApp {
    /// `fazhi migrate --check`: the migrations `fazhi migrate` would run, in order, by name; empty when the database is
    /// up to date. Writes nothing but Fluent's own list of applied migrations, when a new database has none yet.
    public static func pendingMigrations(_ config: FazhiConfiguration) async throws -> [String] {
        try await with(config, migrate: false) { app in
            try await app.migrator.setupIfNeeded().get()
            return try await app.migrator.previewPrepareBatch().get().map { $0.0.name }
        }
    }
}
