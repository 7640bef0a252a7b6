import Fluent
import FazhiCore
import SQLKit
import Vapor

/// Legal aid on the leaders' dashboard: the year's accepted cases by month, and by case type, by category of aided
/// person (new-employment workers, migrant workers, disabled and elderly people, minors) and by channel — what a centre
/// reports — each counted from the cases granted in the year.
enum LegalAidDashboard {
    static func panel(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> DashboardPanel {
        guard !orgIDs.isEmpty else { return DashboardPanel(title: "法律援助", blocks: []) }
        // Granted by month from the rollup (`legal_aid.accepted`), and by type, channel and status from the facet
        // counts (`LegalAidRules.facets`): O(orgs × facets × months), however many cases the year had.
        var byMonth = Array(repeating: 0, count: 12)
        for (month, sums) in try await MetricRollup.months("legal_aid.accepted", year: year, orgIDs: orgIDs, on: db) {
            if let month = Int(month.suffix(2)), (1...12).contains(month) { byMonth[month - 1] += sums.0 }
        }
        let granted = try await FacetRollup.read(LegalAidRules.facetKeys, year: year, orgIDs: orgIDs, on: db)
        var byType: [String: Int] = [:], byChannel: [String: Int] = [:], byStatus: [AidedPersonStatus: Int] = [:]
        for (cell, sums) in granted {
            switch cell.key {
            case LegalAidRules.grantedByType: byType[cell.facet, default: 0] += sums.numerator
            case LegalAidRules.grantedByChannel: byChannel[cell.facet, default: 0] += sums.numerator
            default: if let status = AidedPersonStatus(rawValue: cell.facet) { byStatus[status, default: 0] += sums.numerator }
            }
        }
        let labels = Dictionary(uniqueKeysWithValues: try await LegalAidCaseType.all(on: db).map { ($0.code, $0.label) })
        let types = byType.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { code, count in
            [DashboardPanel.Cell(text: labels[code] ?? code), DashboardPanel.Cell(text: String(count))]
        }
        let categories = AidedPersonStatus.reported.map { status in
            [DashboardPanel.Cell(text: status.label), DashboardPanel.Cell(text: String(byStatus[status] ?? 0))]
        }
        let channels = LegalAidChannel.allCases.filter { byChannel[$0.rawValue] != nil }.map { channel in
            [DashboardPanel.Cell(text: channel.label), DashboardPanel.Cell(text: String(byChannel[channel.rawValue] ?? 0))]
        }
        return DashboardPanel(title: "法律援助", blocks: [
            .months(title: "每月受理法律援助案件", values: byMonth, links: Array(repeating: "/legal-aid?queue=all", count: 12)),
            .table(headers: ["案件类型", "受理"], rows: types, empty: "本年度暂无受理的法律援助案件"),
            .table(headers: ["受援人群体", "受理"], rows: categories, empty: "本年度暂无受理的法律援助案件"),
            .table(headers: ["申请渠道", "受理"], rows: channels, empty: "本年度暂无受理的法律援助案件"),
        ])
    }
}
