import Fluent
import Vapor

/// Statistics: the rollup, the dashboard, the annual-report draft.
enum ReportModule: Module {
    static var migrations: [any Migration] { [CreateMetricRollups(), CreateReportDrafts(), CreateMetricRollupsByAgency(), CreateMetricFacets()] }

    static var settings: [SettingDeclaration] {
        [SettingDeclaration(key: "report.draftingOffice.<org>", meaning: "该机构年度报告的起草机构（法治建设办公室）的机构代码", rule: .orgCode)]
    }

    static var navigation: [NavItem] {
        [
            NavItem(section: "统计与报告", title: "工作统计", path: "/dashboard", isVisible: { $0.readsStatistics }),
            NavItem(section: "统计与报告", title: "年度报告", path: "/report", isVisible: { $0.readsStatistics }),
        ]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        DashboardController.staffRoutes(routes)
        ReportPages.staffRoutes(routes)
    }
}
