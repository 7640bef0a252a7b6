import Fluent
import FazhiCore
import Vapor

/// Reconsideration's panels on the dashboard: applications and conclusions month by month, and applications per
/// respondent agency with the decisions correcting it; every number links to the records behind it.
enum ReconsiderationDashboard {
    static func panels(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> [DashboardPanel] {
        let received = try await MetricRollup.monthly(["reconsideration.received"], year: year, orgIDs: orgIDs, on: db)
        let concluded = try await MetricRollup.monthly(["reconsideration.concluded"], year: year, orgIDs: orgIDs, on: db)
        func links(_ metric: String) -> [String] {
            (1...12).map { "/report/records?metric=\(metric)&year=\(year)&month=\($0)" }
        }
        let agencies = try await agencyBreakdown(db, year: year, orgIDs: orgIDs)
        return [
            DashboardPanel(title: "按月统计", blocks: [
                .months(title: "行政复议申请（件）", values: received, links: links("reconsideration.received")),
                .months(title: "行政复议审结（件）", values: concluded, links: links("reconsideration.concluded")),
            ]),
            DashboardPanel(title: "按被申请人统计（行政复议）", blocks: [
                .table(headers: ["行政机关", "收到申请", "纠错决定"], rows: agencies.map { row in
                    [.init(text: row.name),
                     .init(text: "\(row.received)件", link: "/report/records?metric=reconsideration.received&year=\(year)&agency=\(row.id)"),
                     .init(text: "\(row.corrected)件")]
                }, empty: "本年度暂无申请"),
            ]),
        ]
    }

    struct AgencyRow {
        let id: UUID
        let name: String
        let received: Int
        let corrected: Int
    }

    /// Applications per respondent agency in the year, and decisions correcting it: from the rollup by agency
    /// (`ReconsiderationRules.metricsByAgency`), O(agencies × days), checked against the cases by `--recount`.
    static func agencyBreakdown(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> [AgencyRow] {
        let received = try await MetricRollup.byAgency("reconsideration.received", year: year, orgIDs: orgIDs, on: db)
        let decided = try await MetricRollup.byAgency("reconsideration.correction_rate", year: year, orgIDs: orgIDs, on: db)
        var counts: [UUID: (Int, Int)] = [:]
        for (id, sums) in received where sums.0 != 0 { counts[id, default: (0, 0)].0 = sums.0 }
        for (id, sums) in decided where sums.0 != 0 { counts[id, default: (0, 0)].1 = sums.0 }
        let names = try await Org.query(on: db).filter(\.$id ~~ Array(counts.keys)).all()
        return names.map { AgencyRow(id: $0.id!, name: $0.name, received: counts[$0.id!]?.0 ?? 0, corrected: counts[$0.id!]?.1 ?? 0) }
            .sorted { $0.received > $1.received }
    }
}
