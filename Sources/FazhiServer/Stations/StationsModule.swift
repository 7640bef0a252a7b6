import Fluent
import FazhiCore
import Vapor

/// Service stations measured: the bureau's ranking of its public-legal-service stations with each one's gaps, a
/// station's checklist and visits (its staff record a visit and hand the resident the rating link), and the residents'
/// ratings by station, line and handler with their comments. Its sentence joins the report draft's shortcomings.
enum StationsModule: Module {
    static var migrations: [any Migration] { [CreateStationTables(), MoveStationChecklist()] }

    static var choiceLists: [ChoiceListDeclaration] { [StationChecklist.list] }

    static var navigation: [NavItem] {
        [NavItem(section: "统计与报告", title: "服务站点评价", path: "/stations", isVisible: { scope in
            scope.grants.contains { [.admin, .leader, .viewer, .stationStaff].contains($0.role) }
        })]
    }

    static var demoOrgs: [DemoOrg] { StationsDemo.orgs }

    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("stations", use: StationPages.ranking)
        routes.get("stations", "ratings", use: StationPages.ratings)
        routes.get("stations", ":id", use: StationPages.station)
        routes.post("stations", ":id", "checks", use: StationPages.recordChecks)
        routes.post("stations", ":id", "visits", use: StationPages.recordVisit)
    }

    static func reportFindings(_ query: ReportQuery) async throws -> [String] {
        try await StationPages.finding(query)
    }

    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        try await StationsDemo(demo: demo).load(random: &random)
    }
}
