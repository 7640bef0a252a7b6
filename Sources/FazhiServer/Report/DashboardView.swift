import FazhiCore
import Vapor

/// Draws a `DashboardModel`: nothing here counts or queries.
enum DashboardView {
    static func page(_ req: Request, _ model: DashboardModel) async throws -> Response {
        let year = model.year
        let org = model.org.code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return try await req.page("\(model.org.name)\(year)年度工作统计") {
            el("form", Attribute("method", "get"), Attribute("action", "/dashboard"), .class("filters")) {
                el("input", Attribute("type", "hidden"), Attribute("name", "org"), Attribute("value", model.org.code))
                textField("year", label: "年度", state: FormState(values: ["year": String(year)]), type: "number")
                submitButton("查看")
                el("a", .class("button"), .href("/report?year=\(year)&org=\(org)")) { "年度报告草稿" }
            }
            if !model.districts.isEmpty { districtTable(model) }
            el("section", .class("card")) {
                el("h2") { "期限预警" }
                dataTable(headers: ["业务", "已超期", "3个工作日内到期"], rows: model.risk.map { row in
                    [.text(row.line.label),
                     el("a", .href("/\(row.line.rawValue)?queue=overdue")) { row.overdueAtLeast ? "\(row.overdue)件以上" : "\(row.overdue)件" },
                     el("a", .href("/\(row.line.rawValue)?queue=dueSoon")) { row.dueSoonAtLeast ? "\(row.dueSoon)件以上" : "\(row.dueSoon)件" }]
                })
            }
            el("section", .class("card")) {
                el("h2") { "主要指标（与\(year - 1)年对比）" }
                el("table", .class("figures")) {
                    el("thead") { el("tr") { el("th") { "指标" }; el("th", .class("num")) { "\(year)年" }; el("th", .class("num")) { "\(year - 1)年" } } }
                    el("tbody") {
                        for row in model.figures {
                            el("tr") {
                                el("td") { row.metric.label }
                                el("td", .class("num")) {
                                    el("a", .href("/report/records?metric=\(row.metric.key)&year=\(year)&org=\(org)")) { display(row.current, row.metric) }
                                }
                                el("td", .class("num compare")) {
                                    el("a", .href("/report/records?metric=\(row.metric.key)&year=\(year - 1)&org=\(org)")) {
                                        row.previous.map { display($0, row.metric) } ?? "—"
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for panel in model.panels { self.panel(panel) }
            if model.districts.isEmpty {
                el("section", .class("card")) {
                    el("h2") { "按机构统计" }
                    dataTable(headers: ["机构", "指标", "数值"], rows: model.byOrg.map { row in
                        [.text(row.org), .text(row.metric.label), .text(display(row.value, row.metric))]
                    }, empty: "暂无")
                }
            }
        }
    }

    /// Under a city: each district's headline figures, the district linking to its own dashboard and each figure to
    /// its records; the last row adds them up.
    static func districtTable(_ model: DashboardModel) -> Markup {
        let year = model.year
        return el("section", .class("card")) {
            el("h2") { "各区统计（\(year)年）" }
            dataTable(headers: ["司法局"] + model.districtMetrics.map(\.label), rows: model.districts.map { row in
                let code = row.code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                return [el("a", .href("/dashboard?year=\(year)&org=\(code)")) { row.name }]
                    + zip(model.districtMetrics, row.values).map { metric, value in
                        el("a", .href("/report/records?metric=\(metric.key)&year=\(year)&org=\(code)")) { display(value, metric) }
                    }
            } + [[.text("合计")] + model.districtMetrics.indices.map { index in
                let total = model.districts.reduce(0) { sum, row in
                    if case .count(let count) = row.values[index] { return sum + count }
                    return sum
                }
                return .text(display(.count(total), model.districtMetrics[index]))
            }])
        }
    }

    static func panel(_ panel: DashboardPanel) -> Markup {
        el("section", .class("card")) {
            el("h2") { panel.title }
            for block in panel.blocks {
                switch block {
                case .months(let title, let values, let links):
                    Charts.months(title: title, values: values) { month in links[month - 1] }
                case .table(let headers, let rows, let empty):
                    dataTable(headers: headers, rows: rows.map { $0.map(cell) }, empty: empty)
                }
            }
        }
    }

    static func cell(_ cell: DashboardPanel.Cell) -> Markup {
        guard let link = cell.link else { return .text(cell.text) }
        return el("a", .href(link)) { cell.text }
    }

    static func display(_ value: MetricValue, _ metric: Metric) -> String {
        switch value {
        case .count(let count): "\(count)\(metric.measureWord)"
        case .rate(let numerator, let denominator): ReportNumberFormat.rate(numerator: numerator, denominator: denominator)
        case .money(let yuan): ReportNumberFormat.money(yuan: yuan)
        }
    }
}
