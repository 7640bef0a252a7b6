import Fluent
import FazhiCore
import Vapor

/// Notarisation on the leaders' dashboard: the year's certificates by month, by matter type and by notary, with the
/// share issued within the 15 working days (《公证法》第三十条), each figure linked to the matters behind it.
enum NotaryDashboard {
    static func panel(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> DashboardPanel {
        guard !orgIDs.isEmpty else { return DashboardPanel(title: "公证", blocks: []) }
        // Certificates by month from the rollup (`notary.matters`, on the day each was issued), by type and by notary
        // from the facet counts (`NotaryRules.facets`: issued, and issued on time in the numerator).
        let byMonth = try await MetricRollup.monthly(["notary.matters"], year: year, orgIDs: orgIDs, on: db)
        var byType: [String: (n: Int, onTime: Int)] = [:]
        var byNotary: [String: (n: Int, onTime: Int)] = [:]
        var total = 0, onTime = 0
        for row in try await FacetRollup.yearTotals(NotaryRules.facetKeys, year: year, orgIDs: orgIDs, on: db) {
            if row.key == NotaryRules.issuedByType {
                byType[row.facet, default: (0, 0)].n += row.denominator
                byType[row.facet, default: (0, 0)].onTime += row.numerator
                total += row.denominator
                onTime += row.numerator
            } else {
                let name = row.facet.isEmpty ? "—" : row.facet
                byNotary[name, default: (0, 0)].n += row.denominator
                byNotary[name, default: (0, 0)].onTime += row.numerator
            }
        }
        let labels = Dictionary(uniqueKeysWithValues: try await NotaryMatterType.all(on: db).map { ($0.code, $0.label) })
        let list = "/notary?queue=issued"
        func rate(_ punctual: Int, _ n: Int) -> String { n == 0 ? "—" : String(format: "%.1f%%", Double(punctual) * 100 / Double(n)) }
        let types = byType.sorted { $0.value.n > $1.value.n }.map { code, entry in
            [DashboardPanel.Cell(text: labels[code] ?? code), DashboardPanel.Cell(text: String(entry.n), link: list),
             DashboardPanel.Cell(text: rate(entry.onTime, entry.n))]
        }
        let notaries = byNotary.sorted { $0.value.n > $1.value.n }.map { name, entry in
            [DashboardPanel.Cell(text: name), DashboardPanel.Cell(text: String(entry.n), link: list), DashboardPanel.Cell(text: rate(entry.onTime, entry.n))]
        }
        return DashboardPanel(title: "公证", blocks: [
            .months(title: "每月出具公证书", values: byMonth, links: Array(repeating: list, count: 12)),
            .table(headers: ["全年出证", "按期出证率（15个工作日，《公证法》第三十条）"],
                   rows: total == 0 ? [] : [[DashboardPanel.Cell(text: String(total), link: list), DashboardPanel.Cell(text: rate(onTime, total))]],
                   empty: "本年度暂无出证"),
            .table(headers: ["公证事项类型", "出具公证书", "按期出证率"], rows: types, empty: "本年度暂无出证"),
            .table(headers: ["承办公证员", "出具公证书", "按期出证率"], rows: notaries, empty: "本年度暂无出证"),
        ])
    }
}
