import Fluent
import FazhiCore
import Vapor

/// 法律顾问与公职律师: the district's adviser group and its participations in the government's legal work, the units'
/// public lawyers and their coverage of the units that should have one — `advisers.*` and `public_lawyers.*` counted
/// from the registers and the ledger.
enum LegalAdviserModule: Module {
    static var migrations: [any Migration] { [CreatePublicLawyerUnits()] }

    static var lines: [WorkLine] { [.legalAdviser] }

    static var bookKinds: [any BookKind] {
        [LegalAdviserBooks.participations, LegalAdviserBooks.advisers, LegalAdviserBooks.publicLawyers]
    }

    static var reportFigures: [ReportFigures] { [LegalAdviserRules.reportFigures] }

    static var navigation: [NavItem] {
        [NavItem(section: "依法行政", title: "公职律师覆盖", path: "/legal-advisers/coverage", isVisible: { $0.canRead(.legalAdviser) })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        LegalAdviserCoverage.routes(routes)
    }

    static var demoAccounts: [DemoAccount] {
        [("guwen", "顾法治", LegalAdviserDemo.officeCode, .officer, .legalAdviser)]
    }

    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        try await LegalAdviserDemo(demo: demo).load(random: &random)
    }
}
