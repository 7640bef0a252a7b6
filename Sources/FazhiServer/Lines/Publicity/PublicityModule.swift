import Fluent
import FazhiCore
import Vapor

/// 普法: legal publicity and education — events by campaign type, the online law exam imported person by person and
/// measured against each unit's staff, the 谁执法谁普法 review and ranking, court attendance by batch, the 法律明白人 of
/// each community and their activities — counted for the report's subsection （五）.
enum PublicityModule: Module {
    static var migrations: [any Migration] { [SeedChoiceList(PublicityBooks.eventTypes), CreateDutyReports(), AddDutyReportEnteredByOffice(),
                                                AddYearToDutyReviewKeys(),
                                                // 2026-12-06: duty reports keyed by bureau, the year's list bureau first.
                                                KeyRecordsByBureau(name: "KeyDutyReportsByBureau", tables: [DutyReport.schema],
                                                                   indexes: [.init(name: "publicity_duty_reports_bureau_idx",
                                                                                   table: DutyReport.schema,
                                                                                   columns: ["bureau_id", "year"])])] }

    static var lines: [WorkLine] { [.publicity] }

    static var metrics: [MetricComputation] { PublicityMetrics.all }

    static var reportSections: [AnnualReportSection] { [PublicityRules.reportSection] }

    static var reportFigures: [ReportFigures] { [PublicityRules.reportFigures] }

    static var bookKinds: [any BookKind] { PublicityBooks.kinds }

    static var choiceLists: [ChoiceListDeclaration] { [PublicityBooks.eventTypes] }

    static var navigation: [NavItem] {
        [NavItem(section: "业务办理", title: "普法", path: "/publicity", isVisible: { $0.canRead(.publicity) })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        PublicityOverview.routes(routes)
        DutyReportPages.routes(routes)
        CourtCoverage.routes(routes)
    }

    static func dashboardPanels(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> [DashboardPanel] {
        [try await PublicityDashboard.panel(db, year: year, orgIDs: orgIDs)]
    }

    static var demoAccounts: [DemoAccount] {
        [(PublicityDemo.officer, "钱普法", DemoData.bureauCode, .officer, .publicity),
         (PublicityDemo.agencyOfficer, "市场监管局普法科周科长", "\(DemoData.bureauCode)-AG-SJ", .officer, .publicity)]
    }

    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        try await PublicityDemo(demo: demo).load(random: &random)
    }
}
