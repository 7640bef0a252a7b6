import FazhiCore
import Fluent
import Vapor

/// A part of the application: the platform itself, or one work line. It declares everything it owns — migrations,
/// routes, navigation, case lines, deadline rules, metrics and report sentences, ledger and register kinds, documents'
/// organ, party roles, dashboard panels, its demo slice — and the shared parts assemble those declarations from the modules the app runs
/// (`app.modules`, a `ModuleRegistry`; `Modules.all` unless a test builds an app with its own). Adding a work line means
/// adding its two folders and one line to `Modules.all`.
protocol Module {
    /// Migrations in the order they were written; never edit one that has shipped, append a new one.
    static var migrations: [any Migration] { get }
    static var navigation: [NavItem] { get }
    /// Routes open to anyone (login, health).
    static func publicRoutes(_ routes: RoutesBuilder)
    /// Routes for signed-in users (pages and `/api/v1`, each API route described where it is registered with
    /// `.openAPI(…)`: that is the OpenAPI document); CSRF is already checked.
    static func staffRoutes(_ routes: RoutesBuilder)
    /// The work lines the module runs (their identifiers, for roles and stored records).
    static var lines: [WorkLine] { get }
    /// The kinds of body its lines run at beyond the platform's (the mediation committees), for the org tree.
    static var orgKinds: [OrgKind] { get }
    /// The case lines the module runs (their rules, for recomputing deadlines and automatic events).
    static var caseLines: [CaseLineHandler] { get }
    /// The statutory time limits of its lines (the deadline calculator and the catalogue behind it).
    static var deadlineRules: [DeadlineRule] { get }
    /// Recounts the deadlines it keeps on records of its own (not cases: those its `caseLines` recompute) over
    /// `calendar`, after a year's holiday notice is imported or corrected; returns how many it recounted.
    static func recountDeadlines(_ db: Database, calendar: WorkingCalendar, catalogue: DeadlineCatalogue) async throws -> Int
    /// The report metrics (REPORT.md keys) the module counts from its records.
    static var metrics: [MetricComputation] { get }
    /// The achievement subsections of the annual report the module's lines own.
    static var reportSections: [AnnualReportSection] { get }
    /// The metrics its lines declare and the report sentences that carry them.
    static var reportFigures: [ReportFigures] { get }
    /// The case kinds the module's staff may bring in from a spreadsheet (`fazhi import --kind`, the import pages).
    static var caseSheets: [any CaseSheet.Type] { get }
    /// The ledger and register kinds (台账、名册) of its lines: columns, natural key and the metrics each feeds. Their
    /// pages, API, template, import, export and metric computations follow from the declaration.
    static var bookKinds: [any BookKind] { get }
    /// The choice lists kept as data that its book columns offer (`SheetColumn.ColumnType.list`), seeded by its own
    /// migration (`SeedChoiceList`) and edited by the admin on `/lists/{code}`.
    static var choiceLists: [ChoiceListDeclaration] { get }
    /// The organ in whose name each of its lines issues documents, unless the bureau configures it.
    static var instrumentOrgans: [WorkLine: InstrumentOrgan] { get }
    /// The kinds of formal document its lines issue, each with a specimen (the layout test prints every one).
    static var instrumentKinds: [InstrumentKind] { get }
    /// The roles parties play in its cases (code → Chinese, e.g. `applicant` → 申请人), for case pages and the API.
    static var partyRoles: [String: String] { get }
    /// The applications residents make for its lines on the public portal (`/portal`).
    static var portalApplications: [PortalApplication] { get }
    /// The bureau settings it reads that the operator may set (`fazhi settings`), each with its rule.
    static var settings: [SettingDeclaration] { get }
    /// The work it does by itself on a schedule (`JobRunner`: one node at a time, every run recorded).
    static var jobs: [ScheduledJob] { get }
    /// The dashboard's panels for its lines, counted within `orgIDs` for `year`.
    static func dashboardPanels(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> [DashboardPanel]
    /// Shortcomings its records show for the year (a sector of disputes no specialised committee covers), each one
    /// sentence for the annual report's section on shortcomings, its figures counted from the records.
    static func reportFindings(_ query: ReportQuery) async throws -> [String]
    /// The demo bureau's orgs its lines run in beyond the bureau's own (the mediation committees), created before the
    /// accounts, each under the org with its parent code.
    static var demoOrgs: [DemoOrg] { get }
    /// The demo accounts its lines need (`fazhi demo`), in the order they are created.
    static var demoAccounts: [DemoAccount] { get }
    /// Loads its slice of the demo bureau's caseload, drawing from the one seeded `random`; returns a clause per kind
    /// of record loaded for the summary, e.g. "行政应诉 36 件".
    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String]
    /// `fazhi demo --scale`: fills `year` with `count` generated cases in bulk; nil when the module has no scale story.
    static func loadScale(_ demo: DemoCases, year: Int, count: Int, progress: (Int) -> Void) async throws -> String?
    /// What `loadScale` generates, for the command's help (e.g. "行政复议"); nil when the module has no scale story.
    static var scaleStory: String? { get }
    /// `fazhi demo --city`: its lines' office and accounts in another district of the demo city and `count` cases of
    /// `year` generated there in bulk; returns a clause for the summary, nil when it adds nothing to such a district.
    static func loadDistrict(_ district: DemoDistrict, demo: DemoCases, year: Int, count: Int) async throws -> String?
}

extension Module {
    static var migrations: [any Migration] { [] }
    static var navigation: [NavItem] { [] }
    static func publicRoutes(_ routes: RoutesBuilder) {}
    static func staffRoutes(_ routes: RoutesBuilder) {}
    static var lines: [WorkLine] { [] }
    static var orgKinds: [OrgKind] { [] }
    static var caseLines: [CaseLineHandler] { [] }
    static var deadlineRules: [DeadlineRule] { [] }
    static func recountDeadlines(_ db: Database, calendar: WorkingCalendar, catalogue: DeadlineCatalogue) async throws -> Int { 0 }
    static var metrics: [MetricComputation] { [] }
    static var reportSections: [AnnualReportSection] { [] }
    static var reportFigures: [ReportFigures] { [] }
    static var caseSheets: [any CaseSheet.Type] { [] }
    static var bookKinds: [any BookKind] { [] }
    static var choiceLists: [ChoiceListDeclaration] { [] }
    static var instrumentOrgans: [WorkLine: InstrumentOrgan] { [:] }
    static var instrumentKinds: [InstrumentKind] { [] }
    static var partyRoles: [String: String] { [:] }
    static var portalApplications: [PortalApplication] { [] }
    static var settings: [SettingDeclaration] { [] }
    static var jobs: [ScheduledJob] { [] }
    static func dashboardPanels(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> [DashboardPanel] { [] }
    static func reportFindings(_ query: ReportQuery) async throws -> [String] { [] }
    static var demoOrgs: [DemoOrg] { [] }
    static var demoAccounts: [DemoAccount] { [] }
    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] { [] }
    static func loadScale(_ demo: DemoCases, year: Int, count: Int, progress: (Int) -> Void) async throws -> String? { nil }
    static var scaleStory: String? { nil }
    static func loadDistrict(_ district: DemoDistrict, demo: DemoCases, year: Int, count: Int) async throws -> String? { nil }
}

enum Modules {
    /// Every module the application runs, in migration order.
    static let all: [any Module.Type] = [
        PlatformModule.self,
        JobsModule.self,
        DeadlinesModule.self,
        CasesModule.self,
        ReportModule.self,
        ReconsiderationModule.self,
        LitigationModule.self,
        LedgersModule.self,
        MediationModule.self,
        LegalAidModule.self,
        NotaryModule.self,
        MajorDecisionModule.self,
        LegalAdviserModule.self,
        NormativeDocumentModule.self,
        EnforcementSupervisionModule.self,
        PublicityModule.self,
        PortalModule.self,
        StationsModule.self,
        RemindersModule.self,
    ]
}
