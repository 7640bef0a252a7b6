import Fluent
import FazhiCore
import Vapor

/// 台账 and 名册: dated countable records and registers of people and bodies, the pages, import and export of the kinds
/// every module declares (`Module.recordKinds`), and the kinds of the lines not yet built as modules of their own.
enum LedgersModule: Module {
    static var migrations: [any Migration] { [CreateLedgerTables()] }

    /// 台账 and 名册, each shown to those who may read some kind of it that the app's modules declare.
    static var navigation: [NavItem] {
        RecordFamily.allCases.map { family in
            NavItem(section: "台账名册", title: family.label, path: "/" + family.pathSegment, isVisibleIn: { scope, modules in
                modules.recordKinds(family).contains { scope.canRead($0.line) }
            })
        }
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        RecordPages.routes(routes)
        RecordAPI.routes(routes)
    }

    /// The kinds of the lines that are ledgers and registers today (`ledgerKinds`, `registerKinds`); their computations
    /// are the module's metrics (`ModuleRegistry.metrics`).
    static var recordKinds: [any RecordKind] { ledgerKinds + registerKinds }

    /// The lines that are ledgers and registers today: their identifiers, time limits and report figures.
    static var lines: [WorkLine] { WorkLine.ledgerLines }

    static var deadlineRules: [DeadlineRule] { DeadlineRule.ledgerLines }

    static var reportFigures: [ReportFigures] { ReportFigures.ledgerLines }
}
