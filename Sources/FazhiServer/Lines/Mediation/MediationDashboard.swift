import Fluent
import FazhiCore
import SQLKit
import Vapor

/// People's mediation on the leaders' dashboard: the year's resolved disputes by month, and the disputes received and
/// resolved by street and by type, each figure linked to the disputes behind it.
enum MediationDashboard {
    static func panel(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> DashboardPanel {
        guard !orgIDs.isEmpty else { return DashboardPanel(title: "人民调解", blocks: []) }
        // Resolved by the month of the agreement, from the rollup (`MediationRules.contributions`): lawyer mediation
        // entrusted by the labour-arbitration commission is counted apart in the report, and with the rest here.
        let byMonth = try await MetricRollup.monthly(["mediation.resolved", "mediation.labor_arbitration_mediated"], year: year,
                                                     orgIDs: orgIDs, on: db)
        // Received in the year by org and type, and resolved among those (`MediationRules.facets`).
        let disputes = try await FacetRollup.yearTotals([MediationRules.disputesByType], year: year, orgIDs: orgIDs, on: db)
        let orgs = Dictionary(uniqueKeysWithValues: try await Org.query(on: db).all().map { ($0.id!, $0) })
        let labels = Dictionary(uniqueKeysWithValues: try await DisputeType.all(on: db).map { ($0.code, $0.label) })
        var byStation: [String: (name: String, received: Int, resolved: Int)] = [:]
        var byType: [String: (received: Int, resolved: Int)] = [:]
        for row in disputes {
            let type = row.facet, received = row.denominator, resolved = row.numerator
            let station = MediationCoverage.station(of: row.org, in: orgs)
            byStation[station.code, default: (station.name, 0, 0)].received += received
            byStation[station.code, default: (station.name, 0, 0)].resolved += resolved
            byType[type, default: (0, 0)].received += received
            byType[type, default: (0, 0)].resolved += resolved
        }
        let list = "/mediation/coverage/disputes?year=\(year)"
        let streets = byStation.sorted { $0.value.received > $1.value.received }.map { code, entry in
            [DashboardPanel.Cell(text: entry.name), DashboardPanel.Cell(text: String(entry.received), link: "\(list)&station=\(code)"),
             DashboardPanel.Cell(text: String(entry.resolved))]
        }
        let types = byType.sorted { $0.value.received > $1.value.received }.map { code, entry in
            [DashboardPanel.Cell(text: labels[code] ?? code), DashboardPanel.Cell(text: String(entry.received), link: "\(list)&type=\(code)"),
             DashboardPanel.Cell(text: String(entry.resolved))]
        }
        return DashboardPanel(title: "人民调解", blocks: [
            .months(title: "每月调解成功纠纷", values: byMonth, links: Array(repeating: "/mediation?queue=concluded", count: 12)),
            .table(headers: ["街道（司法所）", "受理纠纷", "调解成功"], rows: streets, empty: "本年度暂无纠纷"),
            .table(headers: ["纠纷类型", "受理纠纷", "调解成功"], rows: types, empty: "本年度暂无纠纷"),
        ])
    }
}
