import Fluent
import FazhiCore
import Vapor

/// 领导驾驶舱: the year's figures beside last year's, the lines' own panels (month by month, by agency), the figures
/// by org, the deadlines at risk; every number links to the records behind it. Everything is counted within the
/// viewer's scope.
enum DashboardController {
    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("dashboard", use: dashboard)
        routes.get("report", "records", use: records)
        routes.get("report", "records.xlsx", use: recordsWorkbook)
    }

    static func year(_ req: Request) throws -> Int {
        let year = (try? req.query.get(Int.self, at: "year")) ?? ChinaTime.today.year
        guard (2000...2100).contains(year) else { throw FieldError(field: "year", message: "年份须在2000至2100之间") }
        return year
    }

    static func dashboard(_ req: Request) async throws -> Response {
        let scope = try req.scope
        try scope.requireStatistics()
        let year = try year(req)
        let orgIDs = Array(scope.statisticsOrgIDs)
        let current = try await AnnualFigures.compute(db: req.db, modules: req.modules, year: year, orgIDs: orgIDs, orgCode: nil)
        let previous = try await AnnualFigures.compute(db: req.db, modules: req.modules, year: year - 1, orgIDs: orgIDs, orgCode: nil)
        var panels: [Markup] = []
        for module in req.modules.all { panels += try await module.dashboardPanels(req, year: year, orgIDs: orgIDs) }
        let byOrg = try await orgBreakdown(req, year: year, orgIDs: orgIDs)
        let risk = try await deadlineRisk(req, scope: scope)
        return try await req.page("\(year)年度工作统计") {
            el("form", Attribute("method", "get"), Attribute("action", "/dashboard"), .class("filters")) {
                textField("year", label: "年度", state: FormState(values: ["year": String(year)]), type: "number")
                submitButton("查看")
                el("a", .class("button"), .href("/report?year=\(year)")) { "年度报告草稿" }
            }
            el("section", .class("card")) {
                el("h2") { "期限预警" }
                dataTable(headers: ["业务", "已超期", "3个工作日内到期"], rows: risk.map { row in
                    [.text(row.line.label),
                     el("a", .href("/\(row.line.rawValue)?queue=overdue")) { "\(row.overdue)件" },
                     el("a", .href("/\(row.line.rawValue)?queue=dueSoon")) { "\(row.dueSoon)件" }]
                })
            }
            el("section", .class("card")) {
                el("h2") { "主要指标（与\(year - 1)年对比）" }
                el("table", .class("figures")) {
                    el("thead") { el("tr") { el("th") { "指标" }; el("th", .class("num")) { "\(year)年" }; el("th", .class("num")) { "\(year - 1)年" } } }
                    el("tbody") {
                        for (metric, value) in current.values {
                            el("tr") {
                                el("td") { metric.label }
                                el("td", .class("num")) {
                                    el("a", .href("/report/records?metric=\(metric.key)&year=\(year)")) { display(value, metric) }
                                }
                                el("td", .class("num compare")) {
                                    el("a", .href("/report/records?metric=\(metric.key)&year=\(year - 1)")) {
                                        previous[metric.key].map { display($0, metric) } ?? "—"
                                    }
                                }
                            }
                        }
                    }
                }
            }
            panels
            el("section", .class("card")) {
                el("h2") { "按机构统计" }
                dataTable(headers: ["机构", "指标", "数值"], rows: byOrg.map { row in
                    [.text(row.org), .text(row.metric.label), .text(display(row.value, row.metric))]
                }, empty: "暂无")
            }
        }
    }

    static func display(_ value: MetricValue, _ metric: Metric) -> String {
        switch value {
        case .count(let count): "\(count)\(metric.measureWord)"
        case .rate(let numerator, let denominator): ReportNumberFormat.rate(numerator: numerator, denominator: denominator)
        case .money(let yuan): ReportNumberFormat.money(yuan: yuan)
        }
    }

    struct OrgRow {
        let org: String
        let metric: Metric
        let value: MetricValue
    }

    /// Every rolled-up metric per org of the scope (street stations once their lines record there).
    static func orgBreakdown(_ req: Request, year: Int, orgIDs: [UUID]) async throws -> [OrgRow] {
        var rows: [OrgRow] = []
        let orgs = Dictionary(uniqueKeysWithValues: try await Org.query(on: req.db).filter(\.$id ~~ orgIDs).all().map { ($0.id!, $0.name) })
        for computation in req.modules.metrics where computation.rolledUp {
            guard let metric = req.modules.metric(computation) else { continue }
            for (org, sums) in try await MetricRollup.byOrg(metric.key, year: year, orgIDs: orgIDs, on: req.db) {
                let value: MetricValue = metric.kind == .rate ? .rate(numerator: sums.0, denominator: sums.1) : .count(sums.0)
                rows.append(OrgRow(org: orgs[org] ?? "", metric: metric, value: value))
            }
        }
        return rows.sorted { ($0.org, $0.metric.key) < ($1.org, $1.metric.key) }
    }

    struct RiskRow {
        let line: WorkLine
        let overdue: Int
        let dueSoon: Int
    }

    /// Per case line within scope, the cases in its 已超期 and 即将到期 queues: counted with the queues' own
    /// filters, so each figure is the length of the list it links to.
    static func deadlineRisk(_ req: Request, scope: Scope) async throws -> [RiskRow] {
        let calendar = try await req.calendarStore.calendar()
        let userID = try req.requireCurrent().user.id!
        var rows: [RiskRow] = []
        for handler in req.modules.caseLines where scope.canRead(handler.line) {
            let context = CaseQueue.Context(db: req.db, userID: userID, today: ChinaTime.today, calendar: calendar, line: handler.line)
            let overdue = try await CaseQueue.overdue.filter(scope.cases(handler.line, on: req.db), context).count()
            let dueSoon = try await CaseQueue.dueSoon.filter(scope.cases(handler.line, on: req.db), context).count()
            rows.append(RiskRow(line: handler.line, overdue: overdue, dueSoon: dueSoon))
        }
        return rows
    }

    /// 明细: the records behind a figure — the same query the figure is counted with, within the viewer's scope.
    static func records(_ req: Request) async throws -> Response {
        let drill = try await DrillDown(req)
        let paging = try Paging.from(req, size: 50)
        let page = paging.page
        let total = try await drill.cases.count()
        let rows = try await drill.cases.with(\.$agency).sort(\.$receivedOn, .descending).range(paging.range).all()
        return try await req.page("\(drill.metric.label)：明细（\(drill.year)年）") {
            el("p") { drill.metric.definition }
            el("p", .class("actions")) {
                el("a", .class("button"), .href("/report/records.xlsx?" + ListWorkbook.query(drill.query))) { "导出 Excel" }
            }
            dataTable(caption: "共 \(total) 件", headers: DrillDown.headers, rows: rows.map { record in
                [el("a", .href("/\(record.line.rawValue)/\(record.id!)")) { record.caseNumber }, .text(record.title),
                 .text(record.agency?.name ?? ""), .text(record.stateLabel), .text(record.receivedOn),
                 .text(record.concludedOn ?? "—"), .text(record.outcomeLabel ?? "—")]
            })
            pager(page: page, total: total, pageSize: 50, base: "/report/records", query: drill.query)
        }
    }

    /// The same records as .xlsx, all of them.
    static func recordsWorkbook(_ req: Request) async throws -> Response {
        let drill = try await DrillDown(req)
        let rows = try await drill.cases.with(\.$agency).sort(\.$receivedOn, .descending).range(0..<ListWorkbook.maximumRows).all()
        return try ListWorkbook.response(name: "\(drill.metric.label)明细（\(drill.year)年）", headers: DrillDown.headers, rows: rows.map { record in
            [.string(record.caseNumber), .string(record.title), .string(record.agency?.name ?? ""), .string(record.stateLabel),
             .string(record.receivedOn), .string(record.concludedOn ?? ""), .string(record.outcomeLabel ?? "")]
        })
    }

    /// The records behind one figure as the request names it: `metric`, `year`, optionally `month` and `agency`.
    private struct DrillDown {
        static let headers = ["案号", "案件", "行政机关", "状态", "收到", "办结", "结果"]
        let metric: Metric
        let year: Int
        let cases: QueryBuilder<CaseRecord>
        /// The request's filter, to carry into the pager and the export link.
        let query: [String: String]

        init(_ req: Request) async throws {
            let scope = try req.scope
            try scope.requireStatistics()
            year = try DashboardController.year(req)
            guard let key = try? req.query.get(String.self, at: "metric"), let computation = req.modules.computation(named: key),
                  let metric = req.modules.metric(computation), let recordsOf = computation.records else {
                throw FieldError(field: "metric", message: "该指标没有可查看的案件明细")
            }
            self.metric = metric
            var report = ReportQuery(db: req.db, year: year, orgIDs: Array(scope.readableOrgIDs(metric.line)))
            if let month = try? req.query.get(Int.self, at: "month") {
                guard (1...12).contains(month) else { throw FieldError(field: "month", message: "月份须为1至12") }
                report = report.month(month)
            }
            var cases = try await recordsOf(report)
            if let agency = try? req.query.get(UUID.self, at: "agency") { cases = cases.filter(\.$agency.$id == agency) }
            self.cases = cases
            query = ["metric": key, "year": String(year), "month": (try? req.query.get(String.self, at: "month")) ?? "",
                     "agency": (try? req.query.get(String.self, at: "agency")) ?? ""]
        }
    }
}
