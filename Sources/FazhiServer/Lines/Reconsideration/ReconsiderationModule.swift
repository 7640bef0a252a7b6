import Fluent
import FazhiCore
import Vapor

/// 行政复议: registration, acceptance, the procedure, decisions and letters, on the shared case machinery.
enum ReconsiderationModule: Module {
    static var migrations: [any Migration] {
        [CreateReconsiderationTables(), IndexReconsiderationDashboard(), IndexReconsiderationConclusions(), RollUpReconsiderationByAgency(),
         // 2026-12-06: the traffic matters resolved before acceptance keyed by bureau, their list bureau first.
         KeyRecordsByBureau(name: "KeyPrecaseMattersByBureau", tables: [PrecaseMatter.schema],
                            indexes: [.init(name: "precase_matters_bureau_idx", table: PrecaseMatter.schema,
                                            columns: ["bureau_id", "resolved_on"])])]
    }

    static var lines: [WorkLine] { [.reconsideration] }

    static var caseLines: [CaseLineHandler] { [.of(ReconsiderationRules.self, base: "/reconsideration")] }

    static var deadlineRules: [DeadlineRule] { ReconsiderationRules.deadlineRules }

    static var metrics: [MetricComputation] { ReconsiderationMetrics.all }

    static var reportSections: [AnnualReportSection] { [ReconsiderationRules.reportSection] }

    static var reportFigures: [ReportFigures] { [ReconsiderationRules.reportFigures] }

    /// The reconsideration organ is the district government: decisions go out in its name.
    static var instrumentOrgans: [WorkLine: InstrumentOrgan] { [.reconsideration: .districtGovernment] }

    /// Every document the API issues, printed from the line's specimen cases.
    static var instrumentKinds: [InstrumentKind] {
        InstrumentKind.of(api.instruments, line: .reconsideration, specimens: ReconsiderationSpecimens.contexts)
    }

    static var partyRoles: [String: String] { registration.partyRoles }

    static func dashboardPanels(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> [DashboardPanel] {
        try await ReconsiderationDashboard.panels(db, year: year, orgIDs: orgIDs)
    }

    static var demoAccounts: [DemoAccount] {
        [("fuyi", "李复议", "120102-XF", .officer, .reconsideration), ("fuyizhuren", "复议中心主任", "120102-XF", .leader, nil)]
    }

    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        try await demo.loadReconsideration(officer: try await demo.user("fuyi"), head: try await demo.user("fuyizhuren"),
                                           random: &random)
    }

    static var scaleStory: String? { WorkLine.reconsideration.rawValue }

    static func loadScale(_ demo: DemoCases, year: Int, count: Int, progress: (Int) -> Void) async throws -> String? {
        try await ScaleGenerator(db: demo.db, calendar: demo.calendar, protection: demo.protection, year: year, count: count)
            .run(progress: progress)
    }

    /// A district's 行政复议接待中心, its officer, and `count` applications against the district's agencies.
    static func loadDistrict(_ district: DemoDistrict, demo: DemoCases, year: Int, count: Int) async throws -> String? {
        let office = try await district.org("XF", "\(district.name)行政复议接待中心", .office)
        let officer = try await district.account("fuyi", "\(district.name)复议承办人", at: office, role: .officer, line: .reconsideration)
        var generator = ScaleGenerator(db: demo.db, calendar: demo.calendar, protection: demo.protection, year: year, count: count)
        generator.target = (office, officer)
        _ = try await generator.run()
        return "行政复议 \(count) 件"
    }

    static var caseSheets: [any CaseSheet.Type] { [ReconsiderationSheet.self] }

    static let queues: [CaseQueue] = [
        .states("awaitingAcceptance", "待受理", ["awaitingAcceptance", "awaitingSupplement"]),
        .mine, .dueSoon, .overdue,
        .states("suspended", "中止", ["suspended"]),
        .open, .concluded, .all,
    ]

    static let api = CaseAPI<ReconsiderationRules, ReconsiderationDetailBody>(
        path: "reconsideration", queues: queues,
        detail: { db, record, dossier in
            let detail = try await ReconsiderationDetail.query(on: db).filter(\.$caseRecord.$id == record.id!).first()
            return ReconsiderationDetailBody(act: detail?.act ?? "", request: detail?.request ?? "", traffic: detail?.traffic ?? false,
                                             procedure: dossier.procedure?.rawValue, isLate: dossier.isLate, lateBasis: dossier.lateBasis,
                                             channel: dossier.channel.rawValue)
        },
        instruments: ReconsiderationInstruments.all,
        instrumentFields: { ["act": $0.act, "request": $0.request] })

    static var navigation: [NavItem] {
        [NavItem(section: "业务办理", title: "行政复议", path: "/reconsideration", isVisible: { $0.canRead(.reconsideration) })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        api.register(routes)
        routes.get("api", "v1", "reconsideration", "precase", use: listPrecase).openAPI("道路交通类案前处理台账", tag: "reconsideration")
        routes.post("api", "v1", "reconsideration", "precase", use: recordPrecase).openAPI(
            "登记一件案前化解的道路交通类事项（不计入受理案件）", tag: "reconsideration",
            body: ["type": "object", "required": ["receivedOn", "resolvedOn", "applicantName", "act", "resolution"]],
            responses: [201: "已登记", 422: "输入有误"])
        ReconsiderationPages.routes(routes)
    }

    static func listPrecase(_ req: Request) async throws -> [PrecaseMatter] {
        try await req.scope.query(PrecaseMatter.self, on: req.db).sort(\.$resolvedOn, .descending).all()
    }

    static func recordPrecase(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        guard let org = current.scope.homeOrg(for: .reconsideration) else {
            throw Abort(.forbidden, reason: "您没有办理行政复议事项的权限")
        }
        let matter = try await PrecaseMatter.record(try req.content.decode(PrecaseMatter.Input.self), org: org,
                                                    actor: current.actor, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(matter)
        return response
    }
}
