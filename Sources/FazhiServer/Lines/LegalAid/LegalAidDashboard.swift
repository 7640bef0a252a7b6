import Fluent
import FazhiCore
import SQLKit
import Vapor

/// Legal aid on the leaders' dashboard: the year's accepted cases by month, and by case type, by category of aided
/// person (new-employment workers, migrant workers, disabled and elderly people, minors) and by channel — what a centre
/// reports — each counted from the cases granted in the year.
enum LegalAidDashboard {
    static func panel(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> DashboardPanel {
        guard let sql = db as? SQLDatabase, !orgIDs.isEmpty else { return DashboardPanel(title: "法律援助", blocks: []) }
        let from = "\(year)-01-01", through = "\(year)-12-31"
        let rows = try await sql.raw("""
            SELECT \(ident: "legal_aid_details").\(ident: "case_type") AS \(ident: "type"), \(ident: "legal_aid_details").\(ident: "channel") AS \(ident: "channel"), \
            \(ident: "legal_aid_details").\(ident: "statuses") AS \(ident: "statuses"), SUBSTR(\(ident: "cases").\(ident: "accepted_on"), 6, 2) AS \(ident: "month") \
            FROM \(ident: "cases") JOIN \(ident: "legal_aid_details") ON \(ident: "legal_aid_details").\(ident: "case_id") = \(ident: "cases").\(ident: "id") \
            WHERE \(ident: "cases").\(ident: "line") = \(bind: WorkLine.legalAid.rawValue) AND \(ident: "cases").\(ident: "org_id") IN (\(binds: orgIDs)) \
            AND \(ident: "cases").\(ident: "accepted_on") >= \(bind: from) AND \(ident: "cases").\(ident: "accepted_on") <= \(bind: through)
            """).all()
        var byMonth = Array(repeating: 0, count: 12)
        var byType: [String: Int] = [:], byChannel: [String: Int] = [:], byStatus: [AidedPersonStatus: Int] = [:]
        for row in rows {
            if let month = Int(try row.decode(column: "month", as: String.self)), (1...12).contains(month) { byMonth[month - 1] += 1 }
            byType[try row.decode(column: "type", as: String.self), default: 0] += 1
            byChannel[try row.decode(column: "channel", as: String.self), default: 0] += 1
            let statuses = try row.decode(column: "statuses", as: String.self)
            for status in AidedPersonStatus.reported where statuses.contains(",\(status.rawValue),") { byStatus[status, default: 0] += 1 }
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
