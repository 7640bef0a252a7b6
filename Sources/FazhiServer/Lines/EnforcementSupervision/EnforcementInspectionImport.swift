import Fluent
import FazhiCore
import Vapor

/// The inspections as the office lists them today, brought in from a spreadsheet: one row per agency inspected or per
/// finding, the rows of one inspection (the same 检查日期 and 检查主题) together. An inspection's own columns (监督类别,
/// 参加人员, 企业家监督员 named with 、, 对应计划 named as the inspection form names a plan line) may stand on any of its rows;
/// 评查案卷数 is added up; a row with a 问题描述 is a finding of its agency, and gets its rectification notice and deadline
/// as one recorded on the page does. Each inspection goes through `EnforcementWork.recordInspection`, all or nothing; one
/// already recorded (same day and topic) is skipped.
enum EnforcementInspectionImport {
    static let sheet = EnforcementSheet(
        segment: "inspections", noun: "监督检查", title: "导入监督检查",
        columns: [
            SheetColumn("heldOn", "检查日期", .date, required: true, example: "2025-05-06"),
            SheetColumn("topic", "检查主题", required: true, example: "行政处罚案卷专项评查"),
            SheetColumn("kind", "监督类别", .choice(InspectionKind.allCases.map(\.label)), example: InspectionKind.special.label),
            SheetColumn("agency", "被监督机关", required: true, example: "河东区市场监督管理局"),
            SheetColumn("filesReviewed", "评查案卷数", .int, example: "12"),
            SheetColumn("participants", "参加人员", example: "行政执法协调监督科 张某、李某"),
            SheetColumn("supervisors", "企业家监督员", example: ""),
            SheetColumn("planLine", "对应计划", example: "5月 河东区市场监督管理局 执法案卷评查"),
            SheetColumn("category", "问题类别", .choice(EnforcementSupervisionRules.findingCategories.map(\.label)), example: "执法程序"),
            SheetColumn("description", "问题描述", example: "未告知当事人陈述申辩权利"),
            SheetColumn("dueOn", "整改期限", .date, example: ""),
        ],
        groupedBy: ["heldOn", "topic"],
        explanation: "每行一个被监督机关或一个问题，检查日期与检查主题相同的行为同一次检查；企业家监督员按名册姓名填写、多人以「、」分隔（仅联合监督）；填写问题描述的行即为该机关的一个问题，制发整改通知书；已登记的检查（同日同主题）跳过；",
        maximumRows: 5_000, run: run)

    static func routes(_ routes: RoutesBuilder) { sheet.routes(routes) }

    typealias Row = SheetValidator.Row

    /// An inspection and the rows of its findings, whose fields the line's check names by index.
    struct Checked: Sendable {
        let findingRows: [Row]
        let input: EnforcementWork.InspectionInput
    }

    @Sendable static func run(_ req: Request) async throws -> EnforcementSheet.Summary {
        let current = try req.requireCurrent()
        let office = try await EnforcementWork.office(current.scope, on: req.db)
        let agencies = try await EnforcementWork.agencies(current.scope, on: req.db)
        var (rows, problems) = try sheet.rows(req)
        for row in rows {
            if let agency = row.values["agency"], !agencies.contains(where: { $0.name == agency }) {
                problems.append("第\(row.number)行「被监督机关」：「\(agency)」不是本区的行政执法机关")
            }
        }
        let planLines = try await EnforcementPlanLine.query(on: req.db).filter(\.$org.$id == office.id!)
            .filter(\.$kind == PlanKind.supervision.rawValue).all()
        let supervisors = try await current.scope.registerEntries(EnforcementSupervisionBooks.supervisors, on: req.db).all()
        var inspections: [EnforcementSheet.Group<Checked>] = []
        for rows in sheet.groups(rows) {
            let first = rows[0]
            let day = first.values["heldOn"] ?? ""
            /// The one value of an inspection-wide column among its rows (a problem when they differ).
            func single(_ column: String) -> String? {
                let values = Set(rows.compactMap { $0.values[column] })
                if values.count > 1 { problems.append("第\(first.number)行「\(sheet.header(of: column))」：同一次检查的各行填写不一致") }
                return values.first
            }
            var planLineID: UUID?
            if let name = single("planLine") {
                let year = CivilDate(string: day)?.year
                if let line = planLines.first(where: { $0.year == year && EnforcementTrainingImport.label($0, agencies: agencies) == name }) {
                    planLineID = line.id
                } else {
                    problems.append("第\(first.number)行「对应计划」：「\(name)」不是\(year.map { "\($0)年" } ?? "")的监督计划条目")
                }
            }
            var supervisorIDs: [UUID] = []
            for name in (single("supervisors") ?? "").split(whereSeparator: { "、,，;；".contains($0) }).map({ $0.trimmingCharacters(in: .whitespaces) })
                where !name.isEmpty {
                let serving = supervisors.filter { $0.name == name && $0.activeFrom <= day && ($0.activeTo.map { $0 > day } ?? true) }
                if serving.count == 1 { supervisorIDs.append(serving[0].id!) } else {
                    problems.append("第\(first.number)行「企业家监督员」：「\(name)」" + (serving.isEmpty ? "不在名册中或检查当日不在聘" : "在名册中有重名，请在页面上登记"))
                }
            }
            let agencyIDs = rows.compactMap { row in agencies.first { $0.name == row.values["agency"] }?.id }
            let findingRows = rows.filter { $0.values["description"] != nil || $0.values["category"] != nil }
            let kindLabel = single("kind")
            let kind = InspectionKind.allCases.first { $0.label == kindLabel } ?? (supervisorIDs.isEmpty ? .special : .joint)
            inspections.append(.init(rows: rows, input: Checked(findingRows: findingRows, input: .init(
                kind: kind.rawValue, heldOn: day, topic: first.values["topic"], planLineID: planLineID,
                agencyIDs: agencyIDs.reduce(into: []) { if !$0.contains($1) { $0.append($1) } },
                filesReviewed: rows.compactMap { $0.values["filesReviewed"].flatMap { Int($0) } }.reduce(0, +),
                participants: single("participants"), supervisorIDs: supervisorIDs,
                findings: findingRows.map { row in
                    .init(agencyID: agencies.first { $0.name == row.values["agency"] }?.id,
                          category: EnforcementSupervisionRules.findingCategories.first { $0.label == row.values["category"] }?.code,
                          description: row.values["description"], dueOn: row.values["dueOn"])
                }))))
        }
        if !problems.isEmpty { throw EnforcementSheet.Problems(problems: problems) }
        let actor = current.actor, today = ChinaTime.today
        let clock = try await RectificationClock.of(req)
        return try await sheet.write(inspections, on: req.db, isStored: { checked, tx in
            try await EnforcementInspection.query(on: tx).filter(\.$org.$id == office.id!).filter(\.$heldOn == (checked.input.heldOn ?? ""))
                .filter(\.$topic == (checked.input.topic ?? "")).first() != nil
        }, record: { checked, tx in
            _ = try await EnforcementWork.recordInspection(checked.input, office: office, agencies: agencies, today: today, clock: clock,
                                                           actor: actor, on: tx)
        }, place: { field, inspection in place(field, rows: inspection.rows, findingRows: inspection.input.findingRows) })
    }

    /// The row and column of an inspection's field: `findings[1].dueOn` is the second finding row's 整改期限.
    static func place(_ field: String, rows: [Row], findingRows: [Row]) -> (row: Int, column: String) {
        if field.hasPrefix("findings["), let close = field.firstIndex(of: "]"),
           let index = Int(field[field.index(field.startIndex, offsetBy: 9)..<close]), index < findingRows.count {
            let name = field[field.index(after: close)...].drop { $0 == "." }
            return (findingRows[index].number, sheet.header(of: name == "agencyID" ? "agency" : String(name)))
        }
        let column = ["planLineID": "planLine", "agencyIDs": "agency", "supervisorIDs": "supervisors", "findings": "description"][field] ?? field
        return (rows[0].number, sheet.header(of: column))
    }
}
