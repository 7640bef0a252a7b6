import FazhiCore
import Fluent
import Vapor

/// A part of the application: the platform itself, or one work line. It brings its migrations, routes and
/// navigation. Adding a work line means adding its folders and one line to `Modules.all`.
protocol Module {
    /// Migrations in the order they were written; never edit one that has shipped, append a new one.
    static var migrations: [any Migration] { get }
    static var navigation: [NavItem] { get }
    /// The module's `/api/v1` endpoints, for the OpenAPI document.
    static var apiEndpoints: [OpenAPIDocument.Endpoint] { get }
    /// Routes open to anyone (login, health).
    static func publicRoutes(_ routes: RoutesBuilder)
    /// Routes for signed-in users (pages and `/api/v1`); CSRF is already checked.
    static func staffRoutes(_ routes: RoutesBuilder)
    /// The case lines the module runs (their rules, for recomputing deadlines and automatic events).
    static var caseLines: [CaseLineHandler] { get }
    /// The report metrics (REPORT.md keys) the module counts from its records.
    static var metrics: [MetricComputation] { get }
    /// The case kinds the module's staff may bring in from a spreadsheet (`fazhi import --kind`, the import pages).
    static var caseSheets: [any CaseSheet.Type] { get }
}

extension Module {
    static var migrations: [any Migration] { [] }
    static var navigation: [NavItem] { [] }
    static var apiEndpoints: [OpenAPIDocument.Endpoint] { [] }
    static func publicRoutes(_ routes: RoutesBuilder) {}
    static func staffRoutes(_ routes: RoutesBuilder) {}
    static var caseLines: [CaseLineHandler] { [] }
    static var metrics: [MetricComputation] { [] }
    static var caseSheets: [any CaseSheet.Type] { [] }
}

enum Modules {
    /// Every module, in migration order.
    static let all: [any Module.Type] = [
        PlatformModule.self,
        DeadlinesModule.self,
        CasesModule.self,
        ReportModule.self,
        ReconsiderationModule.self,
        LitigationModule.self,
        LedgersModule.self,
    ]
}

extension Modules {
    static var caseLines: [CaseLineHandler] { all.flatMap { $0.caseLines } }
    static var caseSheets: [any CaseSheet.Type] { all.flatMap { $0.caseSheets } }
}
