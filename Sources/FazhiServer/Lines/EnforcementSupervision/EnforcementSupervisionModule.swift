import Fluent
import FazhiCore
import Vapor

/// 行政执法监督: the rule-of-law office's supervision of the district's enforcement agencies — the year's double plan
/// and its progress, the trainings (with the agencies not yet trained), the inspections with their findings and each
/// finding's rectification (notice, deadline, the agency's report, acceptance; overdue in a queue), the stations'
/// coordination supervision and the empowered matters proposed for recall — counted for the report's （三）.
enum EnforcementSupervisionModule: Module {
    static var migrations: [any Migration] {
        [CreateEnforcementSupervisionTables(), AddRectificationDeadlines(),
         // 2026-12-06: the plan, trainings, inspections and findings keyed by bureau, each list's index bureau first.
         KeyRecordsByBureau(name: "KeyEnforcementRecordsByBureau",
                            tables: [EnforcementPlanLine.schema, EnforcementTraining.schema, EnforcementInspection.schema,
                                     EnforcementFinding.schema],
                            indexes: [.init(name: "enforcement_plan_lines_bureau_idx", table: EnforcementPlanLine.schema,
                                            columns: ["bureau_id", "year", "month"]),
                                      .init(name: "enforcement_trainings_bureau_idx", table: EnforcementTraining.schema,
                                            columns: ["bureau_id", "held_on"]),
                                      .init(name: "enforcement_inspections_bureau_idx", table: EnforcementInspection.schema,
                                            columns: ["bureau_id", "held_on"]),
                                      .init(name: "enforcement_findings_bureau_idx", table: EnforcementFinding.schema,
                                            columns: ["bureau_id", "state", "due_on"])])]
    }

    static var lines: [WorkLine] { [.enforcementSupervision] }

    static var deadlineRules: [DeadlineRule] { EnforcementSupervisionRules.deadlineRules }

    static func recountDeadlines(_ db: Database, calendar: WorkingCalendar, catalogue: DeadlineCatalogue) async throws -> Int {
        try await RectificationClock.recount(on: db, calendar: calendar, catalogue: catalogue)
    }

    static var metrics: [MetricComputation] { EnforcementMetrics.all }

    static var reportSections: [AnnualReportSection] { [EnforcementSupervisionRules.reportSection] }

    static var reportFigures: [ReportFigures] { [EnforcementSupervisionRules.reportFigures] }

    static var bookKinds: [any BookKind] { EnforcementSupervisionBooks.kinds }

    static var instrumentKinds: [InstrumentKind] { [EnforcementNotice.instrumentKind, EnforcementNotice.reportInstrumentKind] }

    static var navigation: [NavItem] {
        [NavItem(section: "业务办理", title: "行政执法监督", path: "/enforcement", isVisible: { $0.canRead(.enforcementSupervision) })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        EnforcementAPI.routes(routes)
        EnforcementPages.routes(routes)
        StationSupervision.routes(routes)
        EnforcementPlanImport.routes(routes)
        EnforcementTrainingImport.routes(routes)
        EnforcementInspectionImport.routes(routes)
    }

    static func dashboardPanels(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> [DashboardPanel] {
        [try await EnforcementDashboard.panel(db, year: year, orgIDs: orgIDs, today: ChinaTime.today)]
    }

    static var demoAccounts: [DemoAccount] {
        [(EnforcementDemo.officer, "赵执法", DemoData.bureauCode, .officer, .enforcementSupervision),
         (EnforcementDemo.agencyOfficer, "市场监管局法制科孙科长", "\(DemoData.bureauCode)-AG-SJ", .officer, .enforcementSupervision)]
    }

    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        try await EnforcementDemo(demo: demo).load(random: &random)
    }
}
