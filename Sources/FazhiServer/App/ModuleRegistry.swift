import FazhiCore
import Vapor

/// The modules an application runs and the shared catalogues assembled from their declarations. `configure` keeps one
/// on the app (`app.modules`, `req.modules`) and every shared part reads it from there, never from a global, so a test
/// can build an app that runs a module of its own without any other app seeing it.
struct ModuleRegistry: @unchecked Sendable {
    /// Every module, in migration order.
    let all: [any Module.Type]
    let lines: [WorkLine]
    let caseLines: [CaseLineHandler]
    let caseSheets: [any CaseSheet.Type]
    let metrics: [MetricComputation]
    let deadlineCatalogue: DeadlineCatalogue
    let reportOutline: AnnualReportOutline
    let instrumentOrgans: [WorkLine: InstrumentOrgan]
    let partyRoles: [String: String]
    let navigation: [NavItem]
    let demoAccounts: [DemoAccount]

    /// Assembles the catalogues; throws when two modules declare the same deadline rule.
    init(_ modules: [any Module.Type]) throws {
        all = modules
        lines = modules.flatMap { $0.lines }
        caseLines = modules.flatMap { $0.caseLines }
        caseSheets = modules.flatMap { $0.caseSheets }
        metrics = modules.flatMap { $0.metrics }
        deadlineCatalogue = try DeadlineCatalogue(rules: modules.flatMap { $0.deadlineRules })
        reportOutline = AnnualReportOutline(sections: modules.flatMap { $0.reportSections }, figures: modules.flatMap { $0.reportFigures })
        instrumentOrgans = modules.reduce(into: [:]) { $0.merge($1.instrumentOrgans) { first, _ in first } }
        partyRoles = modules.reduce(into: [:]) { $0.merge($1.partyRoles) { first, _ in first } }
        navigation = modules.flatMap { $0.navigation }
        demoAccounts = modules.flatMap { $0.demoAccounts }
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
