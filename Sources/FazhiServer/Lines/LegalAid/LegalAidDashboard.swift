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
        // Granted by month from the rollup (`legal_aid.accepted`), by type and channel from the facet counts
        // (`LegalAidRules.facets`): O(orgs × facets), however many cases the year had.
        let byMonth = try await MetricRollup.monthly(["legal_aid.accepted"], year: year, orgIDs: orgIDs, on: db)
        var byType: [String: Int] = [:], byChannel: [String: Int] = [:], byStatus: [AidedPersonStatus: Int] = [:]
        for row in try await FacetRollup.yearTotals(LegalAidRules.facetKeys, year: year, orgIDs: orgIDs, on: db) {
            if row.key == LegalAidRules.grantedByType { byType[row.facet, default: 0] += row.numerator }
            else { byChannel[row.facet, default: 0] += row.numerator }
        }
        // The categories of aided person from the cases' details (a notice-defence case keeps them there alone), each
        // set of categories counted once by the database.
        let sql = try db.sql
        for row in try await sql.raw("""
            SELECT \(ident: "legal_aid_details").\(ident: "statuses") AS \(ident: "statuses"), COUNT(*) AS \(ident: "n") \
            FROM \(ident: "cases") JOIN \(ident: "legal_aid_details") ON \(ident: "legal_aid_details").\(ident: "case_id") = \(ident: "cases").\(ident: "id") \
            WHERE \(ident: "cases").\(ident: "line") = \(bind: WorkLine.legalAid.rawValue) AND \(ident: "cases").\(ident: "org_id") IN (\(binds: orgIDs)) \
            AND \(ident: "cases").\(ident: "accepted_on") >= \(bind: "\(year)-01-01") AND \(ident: "cases").\(ident: "accepted_on") <= \(bind: "\(year)-12-31") \
            GROUP BY \(ident: "legal_aid_details").\(ident: "statuses")
            """).all() {
            let statuses = try row.decode(column: "statuses", as: String.self), n = try row.decode(column: "n", as: Int.self)
            for status in AidedPersonStatus.reported where statuses.contains(",\(status.rawValue),") { byStatus[status, default: 0] += n }
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
