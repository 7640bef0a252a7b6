import FazhiCore
import Vapor

/// Draws a `DashboardModel`: nothing here counts or queries.
enum DashboardView {
    static func page(_ req: Request, _ model: DashboardModel) async throws -> Response {
        let year = model.year
        let org = encoded(model.org.code)
        return try await req.page("\(model.org.name)\(year)年度工作统计") {
            el("form", Attribute("method", "get"), Attribute("action", "/dashboard"), .class("filters")) {
                el("input", .type("hidden"), .name("org"), .value(model.org.code))
                textField("year", label: "年度", state: FormState(values: ["year": String(year)]), type: "number")
                submitButton("查看")
                el("a", .class("button"), .href("/report?year=\(year)&org=\(org)")) { "年度报告草稿" }
            }
            if !model.districts.isEmpty { districtTable(model) }
            el("section", .class("card")) {
                el("h2") { "期限预警" }
                dataTable(headers: ["业务", "已超期", "3个工作日内到期"], rows: model.risk.map { row in
                    let overdue = row.overdueAtLeast ? "\(row.overdue)件以上" : "\(row.overdue)件"
                    let dueSoon = row.dueSoonAtLeast ? "\(row.dueSoon)件以上" : "\(row.dueSoon)件"
                    // The queues are the viewer's whole scope: a dashboard narrowed to one district has no list to open.
                    guard model.riskLinksToQueues else { return [.text(row.line.label), .text(overdue), .text(dueSoon)] }
                    return [.text(row.line.label), el("a", .href("/\(row.line.rawValue)?queue=overdue")) { overdue },
                            el("a", .href("/\(row.line.rawValue)?queue=dueSoon")) { dueSoon }]
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
            for panel in model.panels { self.panel(panel, org: model.org.code) }
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
    /// its records; then the city's own row (its bureau and offices) and the totals, which are the dashboard's figures.
    static func districtTable(_ model: DashboardModel) -> Markup {
        let year = model.year
        func figures(_ values: [Int], code: String) -> [Markup] {
            zip(model.districtMetrics, values).map { metric, value in
                el("a", .href("/report/records?metric=\(metric.key)&year=\(year)&org=\(encoded(code))")) { display(.count(value), metric) }
            }
        }
        return el("section", .class("card")) {
            el("h2") { "各区统计（\(year)年）" }
            dataTable(headers: ["司法局"] + model.districtMetrics.map(\.label), rows: model.districts.map { row in
                [el("a", .href("/dashboard?year=\(year)&org=\(encoded(row.code))")) { row.name }] + figures(row.values, code: row.code)
            } + (model.ownRow.map { [[.text($0.name)] + figures($0.values, code: $0.code)] } ?? [])
              + [[.text("合计")] + zip(model.districtMetrics, model.districtTotals).map { .text(display(.count($1), $0)) }])
        }
    }

    /// A line's panel; its links to the records behind a figure keep the dashboard's org (`org`), so a district's
    /// figures open that district's records.
    static func panel(_ panel: DashboardPanel, org: String) -> Markup {
        func cell(_ cell: DashboardPanel.Cell) -> Markup {
            guard let link = cell.link else { return .text(cell.text) }
            return el("a", .href(withOrg(link, org))) { cell.text }
        }
        return el("section", .class("card")) {
            el("h2") { panel.title }
            for block in panel.blocks {
                switch block {
                case .months(let title, let values, let links):
                    Charts.months(title: title, values: values) { month in withOrg(links[month - 1], org) }
                case .table(let headers, let rows, let empty):
                    dataTable(headers: headers, rows: rows.map { $0.map(cell) }, empty: empty)
                }
            }
        }
    }

    /// `link` with the dashboard's org added when it opens the records behind a figure (`/report/records?…`).
    static func withOrg(_ link: String, _ org: String) -> String {
        link.hasPrefix("/report/records?") && !link.contains("org=") ? link + "&org=" + encoded(org) : link
    }

    static func encoded(_ code: String) -> String {
        code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    static func display(_ value: MetricValue, _ metric: Metric) -> String {
        switch value {
        case .count(let count): "\(count)\(metric.measureWord)"
        case .rate(let numerator, let denominator): ReportNumberFormat.rate(numerator: numerator, denominator: denominator)
        case .money(let yuan): ReportNumberFormat.money(yuan: yuan)
        }
    }
}
