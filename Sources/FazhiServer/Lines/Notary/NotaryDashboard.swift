import Fluent
import FazhiCore
import SQLKit
import Vapor

/// Notarisation on the leaders' dashboard: the year's certificates by month, by matter type and by notary, with the
/// share issued within the 15 working days (《公证法》第三十条), each figure linked to the matters behind it.
enum NotaryDashboard {
    static func panel(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> DashboardPanel {
        guard let sql = db as? SQLDatabase, !orgIDs.isEmpty else { return DashboardPanel(title: "公证", blocks: []) }
        let from = "\(year)-01-01", through = "\(year)-12-31"
        let issued = NotaryState.issued.rawValue
        // One row per certificate of the year: its type, notary, month and whether it was issued by the deadline.
        let rows = try await sql.raw("""
            SELECT \(ident: "notary_details").\(ident: "matter_type") AS \(ident: "type"), \
            \(ident: "notary_certificates").\(ident: "notary_name") AS \(ident: "notary"), \
            SUBSTR(\(ident: "cases").\(ident: "concluded_on"), 6, 2) AS \(ident: "month"), \
            COUNT(*) AS \(ident: "n"), \
            CAST(SUM(CASE WHEN \(ident: "case_deadlines").\(ident: "completed_on") <= \(ident: "case_deadlines").\(ident: "due_on") THEN 1 ELSE 0 END) AS BIGINT) AS \(ident: "on_time") \
            FROM \(ident: "cases") \
            JOIN \(ident: "notary_details") ON \(ident: "notary_details").\(ident: "case_id") = \(ident: "cases").\(ident: "id") \
            LEFT JOIN \(ident: "notary_certificates") ON \(ident: "notary_certificates").\(ident: "case_id") = \(ident: "cases").\(ident: "id") \
            LEFT JOIN \(ident: "case_deadlines") ON \(ident: "case_deadlines").\(ident: "case_id") = \(ident: "cases").\(ident: "id") \
            AND \(ident: "case_deadlines").\(ident: "rule_key") = \(bind: "notary.certificate") \
            WHERE \(ident: "cases").\(ident: "line") = \(bind: WorkLine.notary.rawValue) AND \(ident: "cases").\(ident: "state") = \(bind: issued) \
            AND \(ident: "cases").\(ident: "org_id") IN (\(binds: orgIDs)) \
            AND \(ident: "cases").\(ident: "concluded_on") >= \(bind: from) AND \(ident: "cases").\(ident: "concluded_on") <= \(bind: through) \
            GROUP BY \(ident: "notary_details").\(ident: "matter_type"), \(ident: "notary_certificates").\(ident: "notary_name"), \
            SUBSTR(\(ident: "cases").\(ident: "concluded_on"), 6, 2)
            """).all()
        var byMonth = Array(repeating: 0, count: 12)
        var byType: [String: (n: Int, onTime: Int)] = [:]
        var byNotary: [String: (n: Int, onTime: Int)] = [:]
        var total = 0, onTime = 0
        for row in rows {
            let n = try row.decode(column: "n", as: Int.self)
            let punctual = try row.decode(column: "on_time", as: Int?.self) ?? 0
            let type = try row.decode(column: "type", as: String.self)
            let notary = try row.decode(column: "notary", as: String?.self) ?? "—"
            if let month = Int(try row.decode(column: "month", as: String.self)), (1...12).contains(month) { byMonth[month - 1] += n }
            byType[type, default: (0, 0)].n += n
            byType[type, default: (0, 0)].onTime += punctual
            byNotary[notary, default: (0, 0)].n += n
            byNotary[notary, default: (0, 0)].onTime += punctual
            total += n
            onTime += punctual
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
