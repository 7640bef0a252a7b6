import Fluent
import FazhiCore
import Vapor

/// 台账 and 名册: dated countable records and registers of people and bodies, the pages, import and export of the kinds
/// every module declares (`Module.bookKinds`), and the kinds of the lines not yet built as modules of their own.
enum LedgersModule: Module {
    static var migrations: [any Migration] { [CreateLedgerTables(), CreateChoiceListItems(), CreateEntryAttachments(), IndexBooksByBureau()] }

    /// 台账 and 名册, each shown to those who may read some kind of it that the app's modules declare.
    static var navigation: [NavItem] {
        BookFamily.allCases.map { family in
            NavItem(section: "台账名册", title: family.label, path: "/" + family.pathSegment, isVisibleIn: { scope, modules in
                modules.bookKinds(family).contains { scope.canRead($0.line) }
            })
        } + [NavItem(section: "台账名册", title: "选项目录", path: "/lists", isVisibleIn: { scope, modules in
            modules.choiceLists.contains { $0.isReadable(by: scope) }
        })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        BookPages.routes(routes)
        BookAPI.routes(routes)
        ChoiceListPages.routes(routes)
    }

    /// The kinds of the lines that are ledgers and registers today (`ledgerKinds`, `registerKinds`); their computations
    /// are the module's metrics (`ModuleRegistry.metrics`).
    static var bookKinds: [any BookKind] { ledgerKinds + registerKinds }

    /// The lines that are ledgers and registers today: their identifiers and report figures.
    static var lines: [WorkLine] { WorkLine.ledgerLines }

    static var reportFigures: [ReportFigures] { ReportFigures.ledgerLines }
}
