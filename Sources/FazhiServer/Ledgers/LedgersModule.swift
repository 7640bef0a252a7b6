import Fluent
import FazhiCore
import Vapor

/// 台账 and 名册: dated countable records and registers of people and bodies, the kinds the lines declare, their
/// pages, import and export, and the report metrics they feed.
enum LedgersModule: Module {
    static var migrations: [any Migration] { [CreateLedgerTables()] }

    static var navigation: [NavItem] {
        [
            NavItem(section: "台账名册", title: "台账", path: "/ledgers",
                    isVisible: { scope in LedgerKinds.all.contains { scope.canRead($0.line) } }),
            NavItem(section: "台账名册", title: "名册", path: "/registers",
                    isVisible: { scope in RegisterKinds.all.contains { scope.canRead($0.line) } }),
        ]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        RecordPages.routes(routes)
        RecordAPI.routes(routes)
    }

    static var metrics: [MetricComputation] { RecordKinds.all.flatMap(\.computations) }

    /// The lines that are ledgers and registers today: their identifiers, time limits and report figures.
    static var lines: [WorkLine] { WorkLine.ledgerLines }

    static var deadlineRules: [DeadlineRule] { DeadlineRule.ledgerLines }

    static var reportFigures: [ReportFigures] { ReportFigures.ledgerLines }
}
