import Fluent
import FazhiCore
import Vapor

/// 领导驾驶舱 as plain values, counted from the records within the viewer's scope: the year's figures beside last
/// year's, the deadlines at risk per case line, the lines' own panels, every rolled-up figure per org. Built by
/// `load`, drawn by `DashboardView`; tests read the model.
struct DashboardModel: Sendable {
    struct FigureRow: Sendable {
        let metric: Metric
        let current: MetricValue
        let previous: MetricValue?
    }

    struct RiskRow: Sendable {
        let line: WorkLine
        /// Each counted up to `CaseQueue.countLimit`, as the queue it links to; `atLeast` when there are more.
        let overdue: Int
        let dueSoon: Int
        var overdueAtLeast = false
        var dueSoonAtLeast = false
    }

    struct OrgRow: Sendable {
        let org: String
        let metric: Metric
        let value: MetricValue
    }

    /// A bureau directly below the dashboard's org (a district under a city): its headline figures, each the sum of
    /// its orgs' rollups. The org's own row (the city bureau and its offices, in no district) has no code of its own
    /// to drill into: `code` is the org's.
    struct DistrictRow: Sendable {
        let code: String
        let name: String
        let values: [Int]
    }

    let year: Int
    /// The org the dashboard counts (`?org=`, or the viewer's widest): its code and name.
    let org: (code: String, name: String)
    /// The district table: its headline metrics (counts), a row per district, the org's own row (nil when nothing of
    /// the org's own was counted) and the totals, equal to the dashboard's figures of those metrics. Empty when no
    /// bureau lies below the org.
    let districtMetrics: [Metric]
    let districts: [DistrictRow]
    let ownRow: DistrictRow?
    let districtTotals: [Int]
    /// Whether the deadline risk counts are the viewer's own queues (the dashboard covers the viewer's whole scope), so
    /// each may link to its queue; a dashboard narrowed to one district shows the counts without links.
    let riskLinksToQueues: Bool
    let risk: [RiskRow]
    let figures: [FigureRow]
    let panels: [DashboardPanel]
    let byOrg: [OrgRow]

    /// What a dashboard is counted for: the viewer's scope (and, for 我承办的-style queues, the viewer), the working
    /// calendar and the day the deadlines are judged on.
    struct Viewer: Sendable {
        /// The viewer's scope, narrowed to the dashboard's org when one is asked for (`Scope.narrowed`).
        let scope: Scope
        let userID: UUID
        let calendar: WorkingCalendar
        let today: CivilDate
    }

    /// The dashboard of `year` for the org named in the request (`org`, within the viewer's statistics scope, else
    /// 404), or for the viewer's widest org: counted once per state of the data (`CountCache`), marked `cached` in
    /// `Server-Timing` when it was.
    static func load(_ req: Request, year: Int) async throws -> DashboardModel {
        let (scope, org) = try await DashboardController.focus(req)
        try scope.requireStatistics()
        let userID = try req.requireCurrent().user.id!, today = ChinaTime.today
        let db = req.readDB, modules = req.modules, timing = req.timing, calendarStore = CalendarStore(db: db)
        let riskLinksToQueues = scope.visibleOrgIDs == (try req.scope).visibleOrgIDs
        // What the model depends on besides the data: the org, year and day, and the narrowed scope the figures and
        // deadline queues are read within (not the viewer: no queue counted here is "mine"; the calendar is data).
        let parts = ["org=\(org.id!)", "year=\(year)", "today=\(today)", "links=\(riskLinksToQueues)",
                     DataVersion.part("statistics", scope.statisticsOrgIDs)]
            + modules.caseLines.map { DataVersion.part($0.line.rawValue, scope.readableOrgIDs($0.line)) }
        // Within one district, the count is made afresh by that district's writes and the deployment's alone.
        let counted = modules.caseLines.reduce(scope.statisticsOrgIDs) { $0.union(scope.readableOrgIDs($1.line)) }
        return try await req.application.dashboardCache.value(parts, bureau: scope.bureau(of: counted), on: db, timing: timing) {
            let viewer = Viewer(scope: scope, userID: userID, calendar: try await calendarStore.calendar(), today: today)
            return try await load(db: db, modules: modules, viewer: viewer, org: org, year: year,
                                  riskLinksToQueues: riskLinksToQueues, timing: timing)
        }
    }

    static func load(db: Database, modules: ModuleRegistry, viewer: Viewer, org: Org, year: Int, riskLinksToQueues: Bool = true,
                     timing: RequestTiming = RequestTiming()) async throws -> DashboardModel {
        try viewer.scope.requireStatistics()
        let orgIDs = Array(viewer.scope.statisticsOrgIDs)
        let (current, previous) = try await timing.measure("figures") {
            (try await AnnualFigures.compute(db: db, modules: modules, year: year, orgIDs: orgIDs, orgCode: nil),
             try await AnnualFigures.compute(db: db, modules: modules, year: year - 1, orgIDs: orgIDs, orgCode: nil))
        }
        let panels = try await timing.measure("panels") {
            var panels: [DashboardPanel] = []
            for module in modules.all { panels += try await module.dashboardPanels(db, year: year, orgIDs: orgIDs) }
            return panels
        }
        let risk = try await timing.measure("risk") { try await deadlineRisk(db: db, modules: modules, viewer: viewer) }
        let table = try await timing.measure("districts") {
            try await districtBreakdown(db: db, modules: modules, year: year, top: org, orgIDs: orgIDs)
        }
        // Under a city the district table takes the place of the per-org one (every org of every district).
        let byOrg = table.rows.isEmpty
            ? try await timing.measure("orgs") { try await orgBreakdown(db: db, modules: modules, year: year, orgIDs: orgIDs) } : []
        let rows = table.rows + (table.own.map { [$0] } ?? [])
        return DashboardModel(
            year: year, org: (org.code, org.name), districtMetrics: table.metrics, districts: table.rows, ownRow: table.own,
            districtTotals: table.metrics.indices.map { index in rows.reduce(0) { $0 + $1.values[index] } },
            riskLinksToQueues: riskLinksToQueues, risk: risk,
            figures: current.values.map { FigureRow(metric: $0.0, current: $0.1, previous: previous[$0.0.key]) },
            panels: panels, byOrg: byOrg)
    }

    /// The bureaus directly below `top` (no bureau between), each with the sums of its orgs' rollups of the headline
    /// metrics — the rolled-up counts not zero across the table, at most `headlineLimit`, in the modules' order — and
    /// `top`'s own row: itself and its orgs in no district. One read of the orgs under `top` and one of the rollup,
    /// however many districts.
    static func districtBreakdown(db: Database, modules: ModuleRegistry, year: Int, top: Org,
                                  orgIDs: [UUID]) async throws -> (metrics: [Metric], rows: [DistrictRow], own: DistrictRow?) {
        let below = try await Org.query(on: db).filter(\.$path =~ top.path).filter(\.$id != top.id!).all()
        let bureaus = below.filter { $0.kind == .bureau }
        let districts = bureaus.filter { bureau in !bureaus.contains { $0.id != bureau.id && bureau.path.hasPrefix($0.path) } }
            .sorted { $0.code < $1.code }
        guard !districts.isEmpty else { return ([], [], nil) }
        // Each org's row: its district's index, or `own` (the last) for `top` and its orgs in no district.
        let own = districts.count
        var rowOf: [UUID: Int] = [top.id!: own]
        for org in below { rowOf[org.id!] = districts.firstIndex { org.path.hasPrefix($0.path) } ?? own }
        let rolled = try await MetricRollup.byOrg(year: year, orgIDs: orgIDs, on: db)
        var metrics: [Metric] = []
        var sums: [[Int]] = []
        for computation in modules.metrics where computation.rolledUp && metrics.count < headlineLimit {
            guard let metric = modules.metric(computation), metric.kind == .count else { continue }
            var perRow = Array(repeating: 0, count: districts.count + 1)
            for (orgID, value) in rolled[metric.key] ?? [:] {
                if let row = rowOf[orgID] { perRow[row] += value.0 }
            }
            guard perRow.contains(where: { $0 != 0 }) else { continue }
            metrics.append(metric)
            sums.append(perRow)
        }
        let rows = districts.enumerated().map { index, district in
            DistrictRow(code: district.code, name: district.name, values: sums.map { $0[index] })
        }
        let ownValues = sums.map { $0[own] }
        let ownRow = ownValues.contains { $0 != 0 } ? DistrictRow(code: top.code, name: "\(top.name)本级", values: ownValues) : nil
        return (metrics, rows, ownRow)
    }

    static let headlineLimit = 8

    /// Every rolled-up metric per org of the scope (street stations once their lines record there).
    static func orgBreakdown(db: Database, modules: ModuleRegistry, year: Int, orgIDs: [UUID]) async throws -> [OrgRow] {
        guard !orgIDs.isEmpty else { return [] }
        var rows: [OrgRow] = []
        var orgs: [UUID: String] = [:]
        for row in try await db.sql.select().column("id").column("name").from(Org.schema).where("id", .in, orgIDs).all() {
            orgs[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "name", as: String.self)
        }
        let rolled = try await MetricRollup.byOrg(year: year, orgIDs: orgIDs, on: db)
        for computation in modules.metrics where computation.rolledUp {
            guard let metric = modules.metric(computation) else { continue }
            for (org, sums) in rolled[metric.key] ?? [:] {
                let value = MetricValue(metric.kind, numerator: sums.0, denominator: sums.1)
                rows.append(OrgRow(org: orgs[org] ?? "", metric: metric, value: value))
            }
        }
        return rows.sorted { ($0.org, $0.metric.key) < ($1.org, $1.metric.key) }
    }

    /// Per case line within scope, the cases in its 已超期 and 即将到期 queues: counted with the queues' own
    /// filters, so each figure is the length of the list it links to.
    static func deadlineRisk(db: Database, modules: ModuleRegistry, viewer: Viewer) async throws -> [RiskRow] {
        let scope = viewer.scope
        var rows: [RiskRow] = []
        for handler in modules.caseLines where scope.canRead(handler.line) {
            let context = CaseQueue.Context(db: db, userID: viewer.userID, today: viewer.today, calendar: viewer.calendar,
                                            line: handler.line, scope: scope)
            let overdue = try await CaseQueue.overdue.count(context)
            let dueSoon = try await CaseQueue.dueSoon.count(context)
            rows.append(RiskRow(line: handler.line, overdue: overdue.total, dueSoon: dueSoon.total,
                                overdueAtLeast: overdue.atLeast, dueSoonAtLeast: dueSoon.atLeast))
        }
        return rows
    }
}
