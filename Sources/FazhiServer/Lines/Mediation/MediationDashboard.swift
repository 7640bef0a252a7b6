import Fluent
import FazhiCore
import SQLKit
import Vapor

/// People's mediation on the leaders' dashboard: the year's resolved disputes by month, and the disputes received and
/// resolved by street and by type, each figure linked to the disputes behind it.
enum MediationDashboard {
    static func panel(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> DashboardPanel {
        guard let sql = db as? SQLDatabase, !orgIDs.isEmpty else { return DashboardPanel(title: "人民调解", blocks: []) }
        let from = "\(year)-01-01", through = "\(year)-12-31"
        let rows = try await sql.raw("""
            SELECT \(ident: "mediation_details").\(ident: "dispute_type") AS \(ident: "type"), \(ident: "cases").\(ident: "org_id") AS \(ident: "org"), \
            COUNT(*) AS \(ident: "received"), \
            CAST(SUM(CASE WHEN \(ident: "cases").\(ident: "state") = \(bind: MediationState.resolved.rawValue) THEN 1 ELSE 0 END) AS BIGINT) AS \(ident: "resolved") \
            FROM \(ident: "cases") JOIN \(ident: "mediation_details") ON \(ident: "mediation_details").\(ident: "case_id") = \(ident: "cases").\(ident: "id") \
            WHERE \(ident: "cases").\(ident: "line") = \(bind: WorkLine.mediation.rawValue) AND \(ident: "cases").\(ident: "org_id") IN (\(binds: orgIDs)) \
            AND \(ident: "cases").\(ident: "received_on") >= \(bind: from) AND \(ident: "cases").\(ident: "received_on") <= \(bind: through) \
            GROUP BY \(ident: "mediation_details").\(ident: "dispute_type"), \(ident: "cases").\(ident: "org_id")
            """).all()
        let months = try await sql.raw("""
            SELECT SUBSTR(\(ident: "concluded_on"), 6, 2) AS \(ident: "month"), COUNT(*) AS \(ident: "n") FROM \(ident: "cases") \
            WHERE \(ident: "line") = \(bind: WorkLine.mediation.rawValue) AND \(ident: "state") = \(bind: MediationState.resolved.rawValue) \
            AND \(ident: "org_id") IN (\(binds: orgIDs)) AND \(ident: "concluded_on") >= \(bind: from) AND \(ident: "concluded_on") <= \(bind: through) \
            GROUP BY SUBSTR(\(ident: "concluded_on"), 6, 2)
            """).all()
        var byMonth = Array(repeating: 0, count: 12)
        for row in months {
            if let month = Int(try row.decode(column: "month", as: String.self)), (1...12).contains(month) {
                byMonth[month - 1] = try row.decode(column: "n", as: Int.self)
            }
        }
        let orgs = Dictionary(uniqueKeysWithValues: try await Org.query(on: db).all().map { ($0.id!, $0) })
        let labels = Dictionary(uniqueKeysWithValues: try await DisputeType.all(on: db).map { ($0.code, $0.label) })
        var byStation: [String: (name: String, received: Int, resolved: Int)] = [:]
        var byType: [String: (received: Int, resolved: Int)] = [:]
        for row in rows {
            let org = try row.decode(column: "org", as: UUID.self)
            let type = try row.decode(column: "type", as: String.self)
            let received = try row.decode(column: "received", as: Int.self)
            let resolved = try row.decode(column: "resolved", as: Int?.self) ?? 0
            let station = MediationCoverage.station(of: org, in: orgs)
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
