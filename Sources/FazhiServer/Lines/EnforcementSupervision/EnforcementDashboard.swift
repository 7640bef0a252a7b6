import Fluent
import FazhiCore
import Vapor

/// Enforcement supervision on the leaders' dashboard: the double plan's progress (planned against held, by kind, and
/// the plan lines behind) and the rectifications overdue, each figure linked to its page.
enum EnforcementDashboard {
    static func panel(_ db: Database, year: Int, orgIDs: [UUID], today: CivilDate) async throws -> DashboardPanel {
        guard !orgIDs.isEmpty else { return DashboardPanel(title: "行政执法监督", blocks: []) }
        let lines = try await EnforcementPlanLine.query(on: db).filter(\.$org.$id ~~ orgIDs).filter(\.$year == year).all()
        var held: [UUID: Int] = [:]
        if !lines.isEmpty {
            let ids = lines.map { $0.id! }
            for id in try await EnforcementTraining.query(on: db).filter(\.$planLineID ~~ ids).all(\.$planLineID).compactMap({ $0 }) { held[id, default: 0] += 1 }
            for id in try await EnforcementInspection.query(on: db).filter(\.$planLineID ~~ ids).all(\.$planLineID).compactMap({ $0 }) { held[id, default: 0] += 1 }
        }
        let plan = PlanProgress(lines: lines.map {
            PlanProgress.Line(kind: PlanKind(rawValue: $0.kind) ?? .training, agency: $0.agencyID.uuidString, topic: $0.topic, month: $0.month,
                              planned: $0.planned, held: held[$0.id!] ?? 0)
        })
        let owed = [RectificationState.notified.rawValue, RectificationState.returned.rawValue]
        let overdue = try await EnforcementFinding.query(on: db).filter(\.$org.$id ~~ orgIDs).filter(\.$state ~~ owed)
            .filter(\.$dueOn < today.description).count()
        let open = try await EnforcementFinding.query(on: db).filter(\.$org.$id ~~ orgIDs).filter(\.$state ~~ owed).count()
        let planPage = "/enforcement?year=\(year)"
        let rows = PlanKind.allCases.map { kind -> [DashboardPanel.Cell] in
            let own = plan.lines.filter { $0.kind == kind }
            return [DashboardPanel.Cell(text: kind.label), DashboardPanel.Cell(text: String(own.map(\.planned).reduce(0, +)), link: planPage),
                    DashboardPanel.Cell(text: String(own.map { min($0.held, $0.planned) }.reduce(0, +)), link: planPage),
                    DashboardPanel.Cell(text: String(own.filter { $0.isBehind(year: year, today: today) }.count), link: planPage)]
        }
        return DashboardPanel(title: "行政执法监督", blocks: [
            .months(title: "每月按计划开展的培训和监督", values: (1...12).map { month in
                plan.months(.training)[month - 1].held + plan.months(.supervision)[month - 1].held
            }, links: Array(repeating: planPage, count: 12)),
            .table(headers: ["“双计划”", "计划", "已完成", "滞后条目"], rows: lines.isEmpty ? [] : rows, empty: "本年度尚未制定计划"),
            .table(headers: ["待整改问题", "其中逾期未整改"], rows: [[
                DashboardPanel.Cell(text: String(open), link: "/enforcement/rectifications?queue=open"),
                DashboardPanel.Cell(text: String(overdue), link: "/enforcement/rectifications?queue=overdue"),
            ]], empty: ""),
        ])
    }
}
