import Fluent
import FazhiCore
import Vapor

/// Publicity on the leaders' dashboard: the year's events by month, the law exam's completion (units below the 95%
/// target) and the 法律明白人 at year end with their activities, each figure linked to the publicity page.
enum PublicityDashboard {
    static func panel(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> DashboardPanel {
        guard !orgIDs.isEmpty else { return DashboardPanel(title: "普法", blocks: []) }
        let from = "\(year)-01-01", through = "\(year)-12-31"
        func entries(_ kind: LedgerKind) -> QueryBuilder<LedgerEntry> {
            LedgerEntry.query(on: db).filter(\.$kind == kind.code).filter(\.$org.$id ~~ orgIDs)
                .filter(\.$occurredOn >= from).filter(\.$occurredOn <= through)
        }
        var byMonth = Array(repeating: 0, count: 12)
        for day in try await entries(PublicityBooks.events).all(\.$occurredOn) {
            if let month = CivilDate(string: day)?.month { byMonth[month - 1] += 1 }
        }
        var staff: [String: Int] = [:], completed: [String: Int] = [:]
        for entry in try await entries(PublicityBooks.examUnits).all() { staff[entry.title] = max(staff[entry.title] ?? 0, entry.quantity) }
        for title in try await entries(PublicityBooks.examResults).filter(\.$fields ~~ PublicityMetrics.completedField).all(\.$title) {
            completed[title, default: 0] += 1
        }
        let below = Set(staff.keys).union(completed.keys).filter { unit in
            guard let count = staff[unit], count > 0 else { return true }
            return Double(completed[unit] ?? 0) * 100 < 95 * Double(count)
        }.count
        let liaisons = try await RegisterEntry.query(on: db).filter(\.$kind == PublicityBooks.liaisons.code).filter(\.$org.$id ~~ orgIDs)
            .filter(\.$activeFrom <= through).group(.or) { $0.filter(\.$activeTo == nil).filter(\.$activeTo > through) }.count()
        let activities = try await entries(PublicityBooks.liaisonActivities).count()
        let page = "/publicity?year=\(year)"
        return DashboardPanel(title: "普法", blocks: [
            .months(title: "每月法治宣传活动", values: byMonth, links: Array(repeating: page, count: 12)),
            .table(headers: ["完成学法考试单位", "完成人数", "未达95%单位", "法律明白人（年末）", "法律明白人活动"], rows: [[
                DashboardPanel.Cell(text: String(completed.count), link: page), DashboardPanel.Cell(text: String(completed.values.reduce(0, +)), link: page),
                DashboardPanel.Cell(text: String(below), link: page), DashboardPanel.Cell(text: String(liaisons), link: "/registers/liaison"),
                DashboardPanel.Cell(text: String(activities), link: "/ledgers/liaison.activity"),
            ]], empty: ""),
        ])
    }
}
