import Fluent
import FazhiCore
import Vapor

/// The double plan as the office drafts it today, brought in from a spreadsheet: one plan line a row (计划年度, 计划类别,
/// 行政执法机关, 主题, 月份, 计划场次), each added by the plan's own check (`EnforcementWork.addPlanLine`), all or nothing — a
/// row the rules refuse names its row and column and nothing is written; a line twice in the file is a problem of the
/// file. A line already in the plan is skipped, so importing the same sheet again adds nothing.
enum EnforcementPlanImport {
    static let sheet = EnforcementSheet(
        segment: "plan", noun: "计划条目", title: "导入“双计划”",
        columns: [
            SheetColumn("year", "计划年度", .int, required: true, example: "2025"),
            SheetColumn("kind", "计划类别", .choice(PlanKind.allCases.map(\.label)), required: true, example: PlanKind.training.label),
            SheetColumn("agency", "行政执法机关", required: true, example: "河东区市场监督管理局"),
            SheetColumn("topic", "主题", required: true, example: "行政处罚程序规范"),
            SheetColumn("month", "月份", .int, required: true, example: "3"),
            SheetColumn("planned", "计划场次", .int, required: true, example: "2"),
        ],
        naturalKey: ["year", "kind", "agency", "topic", "month"], groupedBy: ["year", "kind", "agency", "topic", "month"],
        explanation: "每行一条计划：计划类别为「培训计划」或「监督计划」，行政执法机关须为本区的机关，月份1至12；计划中已有的条目跳过；",
        maximumRows: 2_000, run: run)

    static var base: String { sheet.base }

    static func routes(_ routes: RoutesBuilder) { sheet.routes(routes) }

    @Sendable static func run(_ req: Request) async throws -> EnforcementSheet.Summary {
        let current = try req.requireCurrent()
        let office = try await EnforcementWork.office(current.scope, on: req.db)
        let agencies = try await EnforcementWork.agencies(current.scope, on: req.db)
        var (rows, problems) = try sheet.rows(req)
        var lines: [EnforcementSheet.Group<EnforcementWork.PlanLineInput>] = []
        for group in sheet.groups(rows) {
            let values = group[0].values
            let agency = agencies.first { $0.name == values["agency"] }
            if values["agency"] != nil, agency == nil {
                problems.append("第\(group[0].number)行「行政执法机关」：「\(values["agency"]!)」不是本区的行政执法机关")
            }
            lines.append(.init(rows: group, input: .init(
                year: values["year"].flatMap { Int($0) }, kind: PlanKind.allCases.first { $0.label == values["kind"] }?.rawValue,
                agencyID: agency?.id, topic: values["topic"], month: values["month"].flatMap { Int($0) },
                planned: values["planned"].flatMap { Int($0) })))
        }
        if !problems.isEmpty { throw EnforcementSheet.Problems(problems: problems) }
        let actor = current.actor
        return try await sheet.write(lines, on: req.db, isStored: { input, tx in
            guard let agencyID = input.agencyID else { return false }
            return try await EnforcementPlanLine.query(on: tx).filter(\.$org.$id == office.id!).filter(\.$year == input.year ?? 0)
                .filter(\.$kind == input.kind ?? "").filter(\.$agencyID == agencyID).filter(\.$topic == (input.topic ?? ""))
                .filter(\.$month == input.month ?? 0).first() != nil
        }, record: { input, tx in
            _ = try await EnforcementWork.addPlanLine(input, office: office, agencies: agencies, actor: actor, on: tx)
        }, place: { field, line in
            (line.rows[0].number, field == "agencyID" ? sheet.header(of: "agency") : sheet.header(of: field))
        })
    }
}
