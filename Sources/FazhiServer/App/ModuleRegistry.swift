import FazhiCore
import Vapor

/// The modules an application runs and the shared catalogues assembled from their declarations. `configure` keeps one
/// on the app (`app.modules`, `req.modules`) and every shared part reads it from there, never from a global, so a test
/// can build an app that runs a module of its own without any other app seeing it.
struct ModuleRegistry: @unchecked Sendable {
    /// Every module, in migration order.
    let all: [any Module.Type]
    let lines: [WorkLine]
    let orgKinds: [OrgKind]
    let caseLines: [CaseLineHandler]
    let caseSheets: [any CaseSheet.Type]
    /// Every ledger and register kind the modules declare: the ledgers first, then the registers, each in module order.
    let bookKinds: [any BookKind]
    /// Every choice list kept as data that the modules declare.
    let choiceLists: [ChoiceListDeclaration]
    let settings: [SettingDeclaration]
    /// Every scheduled job, each module's in turn.
    let jobs: [ScheduledJob]
    /// The modules' own metrics and their book kinds' computations, each module's in turn.
    let metrics: [MetricComputation]
    let deadlineCatalogue: DeadlineCatalogue
    let reportOutline: AnnualReportOutline
    let instrumentOrgans: [WorkLine: InstrumentOrgan]
    /// Every kind of formal document the modules' lines issue, each module's in turn.
    let instrumentKinds: [InstrumentKind]
    let partyRoles: [String: String]
    /// Every application residents may make on the portal, each module's in turn.
    let portalApplications: [PortalApplication]
    let navigation: [NavItem]
    let demoAccounts: [DemoAccount]
    let demoOrgs: [DemoOrg]

    /// Assembles the catalogues; throws when two modules declare the same deadline rule, book kind or metric.
    init(_ modules: [any Module.Type]) throws {
        all = modules
        lines = modules.flatMap { $0.lines }
        orgKinds = modules.flatMap { $0.orgKinds }
        caseLines = modules.flatMap { $0.caseLines }
        caseSheets = modules.flatMap { $0.caseSheets }
        let kinds = modules.flatMap { $0.bookKinds }
        bookKinds = BookFamily.allCases.flatMap { family in kinds.filter { $0.family == family } }
        try Self.refuseDuplicates(bookKinds.map(\.code), of: "book kind")
        choiceLists = modules.flatMap { $0.choiceLists }
        try Self.refuseDuplicates(choiceLists.map(\.code), of: "choice list")
        settings = modules.flatMap { $0.settings }
        try Self.refuseDuplicates(settings.map(\.key), of: "setting")
        jobs = modules.flatMap { $0.jobs }
        try Self.refuseDuplicates(jobs.map(\.key), of: "job")
        metrics = modules.flatMap { module in module.metrics + module.bookKinds.flatMap(\.computations) }
        try Self.refuseDuplicates(metrics.map(\.key), of: "metric")
        deadlineCatalogue = try DeadlineCatalogue(rules: modules.flatMap { $0.deadlineRules })
        reportOutline = AnnualReportOutline(sections: modules.flatMap { $0.reportSections }, figures: modules.flatMap { $0.reportFigures })
        instrumentOrgans = modules.reduce(into: [:]) { $0.merge($1.instrumentOrgans) { first, _ in first } }
        instrumentKinds = modules.flatMap { $0.instrumentKinds }
        partyRoles = modules.reduce(into: [:]) { $0.merge($1.partyRoles) { first, _ in first } }
        portalApplications = modules.flatMap { $0.portalApplications }
        try Self.refuseDuplicates(portalApplications.map(\.code), of: "portal application")
        navigation = modules.flatMap { $0.navigation }
        demoAccounts = modules.flatMap { $0.demoAccounts }
        demoOrgs = modules.flatMap { $0.demoOrgs }
    }

    /// The modules of `Modules.all`: what `configure` runs unless told otherwise, and what the `fazhi` command's help
    /// describes before any app exists.
    static let standard = try! ModuleRegistry(Modules.all)

    var metricCatalogue: MetricCatalogue { reportOutline.metrics }

    /// The catalogue entry of a metric some module computes.
    func metric(_ computation: MetricComputation) -> Metric? { metricCatalogue.metric(computation.key) }

    /// How the metric `key` is computed, if some module computes it.
    func computation(named key: String) -> MetricComputation? { metrics.first { $0.key == key } }

    /// The case sheet importable as `code`, if some module declares it.
    func caseSheet(_ code: String) -> (any CaseSheet.Type)? { caseSheets.first { $0.code == code } }

    /// The ledger or register kind with this code, if some module declares it.
    func bookKind(_ code: String) -> (any BookKind)? { bookKinds.first { $0.code == code } }

    /// The kinds of one family (the 台账 or the 名册 pages), in declaration order.
    func bookKinds(_ family: BookFamily) -> [any BookKind] { bookKinds.filter { $0.family == family } }

    private static func refuseDuplicates(_ codes: [String], of what: String) throws(DuplicateDeclaration) {
        var seen: Set<String> = []
        for code in codes where !seen.insert(code).inserted { throw DuplicateDeclaration(what: what, code: code) }
    }
}

/// Two declarations of one thing that must be declared once (a book kind's code, a metric's key): which module's
/// would count is a guess, so the registry refuses them.
struct DuplicateDeclaration: Error, CustomStringConvertible {
    let what: String
    let code: String

    var description: String { "\(what) \(code) is declared twice" }
}

private struct ModuleRegistryKey: StorageKey {
    typealias Value = ModuleRegistry
}

extension Application {
    /// The modules the app runs, set by `configure` (`ModuleRegistry.standard` until then).
    var modules: ModuleRegistry {
        get { storage[ModuleRegistryKey.self] ?? .standard }
        set { storage[ModuleRegistryKey.self] = newValue }
    }
}

extension Request {
    var modules: ModuleRegistry { application.modules }
}
