import Fluent
import FazhiCore
import Vapor

/// 领导驾驶舱 (`DashboardModel` counts, `DashboardView` draws) and the records behind each of its figures, on screen
/// and as .xlsx. Everything is counted within the viewer's scope.
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

    /// The org a dashboard or drill-down counts (`org`: within the viewer's statistics scope, else 404; without it the
    /// viewer's widest statistics org) and the viewer's scope narrowed to that org's subtree, so the figures, the links
    /// and the records behind them always agree on what they cover.
    static func focus(_ req: Request) async throws -> (Scope, Org) {
        let scope = try req.scope
        let org = try await scope.statisticsOrg(code: req.query[String.self, at: "org"], on: req.db)
        return (scope.narrowed(to: Set(try await OrgDirectory.subtreeIDs(of: org, on: req.db))), org)
    }

    static func dashboard(_ req: Request) async throws -> Response {
        try await DashboardView.page(req, try await DashboardModel.load(req, year: try year(req)))
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
            let (scope, org) = try await DashboardController.focus(req)
            try scope.requireStatistics()
            year = try DashboardController.year(req)
            guard let key = try? req.query.get(String.self, at: "metric"), let computation = req.modules.computation(named: key),
                  let metric = req.modules.metric(computation), let recordsOf = computation.records else {
                throw FieldError(field: "metric", message: "该指标没有可查看的案件明细")
            }
            self.metric = metric
            var report = ReportQuery(db: req.readDB, year: year, orgIDs: Array(scope.readableOrgIDs(metric.line)))
            if let month = try? req.query.get(Int.self, at: "month") {
                guard (1...12).contains(month) else { throw FieldError(field: "month", message: "月份须为1至12") }
                report = report.month(month)
            }
            var cases = try await recordsOf(report)
            if let agency = try? req.query.get(UUID.self, at: "agency") { cases = cases.filter(\.$agency.$id == agency) }
            self.cases = cases
            query = ["metric": key, "year": String(year), "month": (try? req.query.get(String.self, at: "month")) ?? "",
                     "agency": (try? req.query.get(String.self, at: "agency")) ?? "", "org": org.code]
        }
    }
}
