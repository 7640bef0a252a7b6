import Fluent
import FazhiCore
import Vapor

/// The trainings as the office lists them today, brought in from a spreadsheet: one row per agency that attended, the rows
/// of one training (the same 培训日期 and 培训主题) together, its 对应计划 the training plan line as the training form names
/// it (「3月 河东区市场监督管理局 行政处罚程序规范」, empty for 计划外). Each training is recorded by the training's own check
/// (`EnforcementWork.recordTraining`), all or nothing; a training already recorded (same day and topic) is skipped.
enum EnforcementTrainingImport {
    static let sheet = EnforcementSheet(
        segment: "trainings", noun: "培训", title: "导入行政执法培训",
        columns: [
            SheetColumn("heldOn", "培训日期", .date, required: true, example: "2025-03-12"),
            SheetColumn("topic", "培训主题", required: true, example: "行政处罚程序规范"),
            SheetColumn("agency", "行政执法机关", required: true, example: "河东区市场监督管理局"),
            SheetColumn("attendees", "参训人数", .int, required: true, example: "30"),
            SheetColumn("planLine", "对应计划", example: "3月 河东区市场监督管理局 行政处罚程序规范"),
        ],
        groupedBy: ["heldOn", "topic"],
        explanation: "每行一个机关的参训人数，培训日期与培训主题相同的行为同一场培训；对应计划按「月份 机关 主题」填写本年度的培训计划条目，计划外的留空；已登记的培训（同日同主题）跳过；",
        maximumRows: 5_000, run: run)

    static func routes(_ routes: RoutesBuilder) { sheet.routes(routes) }

    /// How the training form names a plan line.
    static func label(_ line: EnforcementPlanLine, agencies: [Org]) -> String {
        "\(line.month)月 \(agencies.first { $0.id == line.agencyID }?.name ?? "") \(line.topic)"
    }

    @Sendable static func run(_ req: Request) async throws -> EnforcementSheet.Summary {
        let current = try req.requireCurrent()
        let office = try await EnforcementWork.office(current.scope, on: req.db)
        let agencies = try await EnforcementWork.agencies(current.scope, on: req.db)
        var (rows, problems) = try sheet.rows(req)
        for row in rows {
            if let agency = row.values["agency"], !agencies.contains(where: { $0.name == agency }) {
                problems.append("第\(row.number)行「行政执法机关」：「\(agency)」不是本区的行政执法机关")
            }
        }
        let groups = sheet.groups(rows)
        let years = Set(groups.compactMap { $0[0].values["heldOn"].flatMap(CivilDate.init(string:))?.year })
        let planLines = years.isEmpty ? [] : try await EnforcementPlanLine.query(on: req.db).filter(\.$org.$id == office.id!)
            .filter(\.$kind == PlanKind.training.rawValue).filter(\.$year ~~ Array(years)).all()
        var trainings: [EnforcementSheet.Group<EnforcementWork.TrainingInput>] = []
        for rows in groups {
            let first = rows[0]
            let named = Set(rows.compactMap { $0.values["planLine"] })
            var planLineID: UUID?
            if named.count > 1 {
                problems.append("第\(first.number)行「对应计划」：同一场培训的各行对应了不同的计划条目")
            } else if let name = named.first {
                let year = first.values["heldOn"].flatMap(CivilDate.init(string:))?.year
                if let line = planLines.first(where: { $0.year == year && label($0, agencies: agencies) == name }) {
                    planLineID = line.id
                } else {
                    problems.append("第\(first.number)行「对应计划」：「\(name)」不是\(year.map { "\($0)年" } ?? "")的培训计划条目")
                }
            }
            trainings.append(.init(rows: rows, input: .init(
                heldOn: first.values["heldOn"], topic: first.values["topic"], planLineID: planLineID,
                attendance: rows.map { row in
                    .init(agencyID: agencies.first { $0.name == row.values["agency"] }?.id, attendees: row.values["attendees"].flatMap { Int($0) })
                })))
        }
        if !problems.isEmpty { throw EnforcementSheet.Problems(problems: problems) }
        let actor = current.actor, today = ChinaTime.today
        return try await sheet.write(trainings, on: req.db, isStored: { input, tx in
            try await EnforcementTraining.query(on: tx).filter(\.$org.$id == office.id!).filter(\.$heldOn == (input.heldOn ?? ""))
                .filter(\.$topic == (input.topic ?? "")).first() != nil
        }, record: { input, tx in
            _ = try await EnforcementWork.recordTraining(input, office: office, agencies: agencies, today: today, actor: actor, on: tx)
        }, place: { field, training in place(field, training.rows) })
    }

    /// The row and column of a training's field: `attendance[2].attendees` is the third row's 参训人数.
    static func place(_ field: String, _ rows: [SheetValidator.Row]) -> (row: Int, column: String) {
        if field.hasPrefix("attendance["), let close = field.firstIndex(of: "]"),
           let index = Int(field[field.index(field.startIndex, offsetBy: 11)..<close]), index < rows.count {
            return (rows[index].number, sheet.header(of: field.hasSuffix("attendees") ? "attendees" : "agency"))
        }
        let column = ["heldOn": "heldOn", "topic": "topic", "planLineID": "planLine", "attendance": "agency"][field] ?? field
        return (rows[0].number, sheet.header(of: column))
    }
}
