import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// The double plan as the office drafts it today, brought in from a spreadsheet: one plan line a row (计划年度, 计划类别,
/// 行政执法机关, 主题, 月份, 计划场次), each added by the plan's own check (`EnforcementWork.addPlanLine`), all or nothing — a
/// row the rules refuse names its row and column and nothing is written. A line already in the plan is skipped, so
/// importing the same sheet again adds nothing. Up to `maximumRows` rows a file.
enum EnforcementPlanImport {
    static let maximumRows = 2_000

    static let columns: [SheetColumn] = [
        SheetColumn("year", "计划年度", .int, required: true, example: "2025"),
        SheetColumn("kind", "计划类别", .choice(PlanKind.allCases.map(\.label)), required: true, example: PlanKind.training.label),
        SheetColumn("agency", "行政执法机关", required: true, example: "河东区市场监督管理局"),
        SheetColumn("topic", "主题", required: true, example: "行政处罚程序规范"),
        SheetColumn("month", "月份", .int, required: true, example: "3"),
        SheetColumn("planned", "计划场次", .int, required: true, example: "2"),
    ]

    struct Summary: Content {
        let imported: Int
        let skipped: Int
    }

    struct Problems: Error {
        let problems: [String]
    }

    struct Upload: Content {
        var file: File?
    }

    static let base = "/enforcement/plan/import"

    static func routes(_ routes: RoutesBuilder) {
        routes.get("enforcement", "plan", "import", "template.xlsx") { req async throws -> Response in
            _ = try EnforcementAPI.readable(req)
            let data = try XLSXWriter().write(SpreadsheetTable(header: columns.map(\.header), cells: [columns.map { SpreadsheetCell.string($0.example) }]),
                                              sheetName: "双计划", textColumns: [2, 3])
            return BookImportPages.download(data, name: "行政执法双计划导入模板.xlsx")
        }
        routes.get("enforcement", "plan", "import") { req in try await page(req, summary: nil, problems: [], status: .ok) }
        routes.post("enforcement", "plan", "import", limit: BodyLimit.spreadsheet) { req async throws -> Response in
            do {
                return try await page(req, summary: try await run(req), problems: [], status: .ok)
            } catch let problems as Problems {
                return try await page(req, summary: nil, problems: problems.problems, status: .unprocessableEntity)
            }
        }
        routes.post("api", "v1", "enforcement", "plan", "import", limit: BodyLimit.spreadsheet) { req async throws -> Response in
            do {
                let response = Response(status: .created)
                try response.content.encode(try await run(req))
                return response
            } catch let problems as Problems {
                throw FieldError(field: "file", message: problems.problems.prefix(20).joined(separator: "；"))
            }
        }.openAPI("从 Excel（.xlsx/.csv）导入“双计划”条目：multipart file；全部通过才写入，计划中已有的条目跳过", tag: "enforcement",
                  body: ["type": "object", "required": ["file"], "properties": ["file": ["type": "string", "contentMediaType": "application/octet-stream"]]],
                  responses: [201: "已导入", 403: "无权限", 422: "文件或某行有误（行、列与规则）"], bodyType: "multipart/form-data")
    }

    static func run(_ req: Request) async throws -> Summary {
        let current = try req.requireCurrent()
        let office = try await EnforcementWork.office(current.scope, on: req.db)
        let agencies = try await EnforcementWork.agencies(current.scope, on: req.db)
        guard let file = (try? req.content.decode(Upload.self))?.file, file.data.readableBytes > 0 else {
            throw Problems(problems: ["请选择要导入的 .xlsx 或 .csv 文件"])
        }
        let table: SpreadsheetTable
        do {
            table = try SpreadsheetFile.read(Data(buffer: file.data))
        } catch let error as SpreadsheetError {
            throw Problems(problems: [error.description])
        }
        let rows = table.rows.filter { !$0.isEmpty }
        if rows.isEmpty { throw Problems(problems: ["文件中没有数据行"]) }
        if rows.count > maximumRows { throw Problems(problems: ["一次最多导入\(maximumRows)行（文件有\(rows.count)行），请分批导入"]) }
        var positions: [String: Int] = [:]
        var problems: [String] = []
        for column in columns {
            if let index = table.column(named: column.header) { positions[column.name] = index } else { problems.append("缺少「\(column.header)」列") }
        }
        if !problems.isEmpty { throw Problems(problems: problems) }
        var inputs: [(row: Int, input: EnforcementWork.PlanLineInput)] = []
        for row in rows {
            var values: [String: String] = [:]
            for column in columns {
                let index = positions[column.name]!
                do {
                    if let value = try column.parse(index < row.cells.count ? row.cells[index] : .empty) { values[column.name] = value }
                } catch let error as ColumnRuleError {
                    problems.append("第\(row.number)行「\(column.header)」：\(error.message)")
                }
            }
            let agency = agencies.first { $0.name == values["agency"] }
            if values["agency"] != nil, agency == nil {
                problems.append("第\(row.number)行「行政执法机关」：「\(values["agency"]!)」不是本区的行政执法机关")
            }
            inputs.append((row.number, .init(year: values["year"].flatMap { Int($0) }, kind: PlanKind.allCases.first { $0.label == values["kind"] }?.rawValue,
                                            agencyID: agency?.id, topic: values["topic"], month: values["month"].flatMap { Int($0) },
                                            planned: values["planned"].flatMap { Int($0) })))
        }
        if !problems.isEmpty { throw Problems(problems: problems) }
        let actor = current.actor
        return try await req.db.transaction { tx in
            var failures: [String] = [], imported = 0, skipped = 0
            var seen = Set<String>()
            for (number, input) in inputs {
                let key = "\(input.year ?? 0)|\(input.kind ?? "")|\(input.agencyID?.uuidString ?? "")|\(input.topic ?? "")|\(input.month ?? 0)"
                guard seen.insert(key).inserted else {
                    failures.append("第\(number)行「主题」：与文件中前面的一行是同一计划条目")
                    continue
                }
                if try await EnforcementPlanLine.query(on: tx).filter(\.$org.$id == office.id!).filter(\.$year == input.year ?? 0)
                    .filter(\.$kind == input.kind ?? "").filter(\.$agencyID == input.agencyID!).filter(\.$topic == (input.topic ?? ""))
                    .filter(\.$month == input.month ?? 0).first() != nil {
                    skipped += 1
                    continue
                }
                do {
                    _ = try await EnforcementWork.addPlanLine(input, office: office, agencies: agencies, actor: actor, on: tx)
                    imported += 1
                } catch let errors as ValidationErrors {
                    failures += errors.errors.map { "第\(number)行「\(header(of: $0.field))」：\($0.message)" }
                }
            }
            if !failures.isEmpty { throw Problems(problems: failures) }
            return Summary(imported: imported, skipped: skipped)
        }
    }

    static func header(of field: String) -> String {
        if field == "agencyID" { return "行政执法机关" }
        return columns.first { $0.name == field }?.header ?? field
    }

    static func page(_ req: Request, summary: Summary?, problems: [String], status: HTTPResponseStatus) async throws -> Response {
        let current = try req.requireCurrent()
        _ = try EnforcementAPI.readable(req)
        return try await req.page("导入“双计划”", status: status) {
            EnforcementPages.links()
            if let summary {
                notice("已导入 \(summary.imported) 条计划" + (summary.skipped == 0 ? "" : "；计划中已有而跳过 \(summary.skipped) 条"), tone: "ok")
            }
            if !problems.isEmpty {
                el("div", .class("alert error"), Attribute("role", "alert")) {
                    el("p") { "文件有误，未导入任何条目：" }
                    el("ul") { for problem in problems.prefix(200) { el("li") { problem } } }
                }
            }
            el("p") {
                "每行一条计划：计划类别为「培训计划」或「监督计划」，行政执法机关须为本区的机关，月份1至12；计划中已有的条目跳过；任何一行有误则全部不导入。"
                el("a", .href(base + "/template.xlsx")) { "下载模板" }
            }
            el("form", Attribute("method", "post"), Attribute("action", base), Attribute("enctype", "multipart/form-data"), .class("card")) {
                csrfField(current.session.csrfToken)
                el("div", .class("field")) {
                    el("label", .for("f-file")) { "文件（.xlsx 或 .csv）" }
                    el("input", .type("file"), .id("f-file"), .name("file"), Attribute("accept", ".xlsx,.csv"), .flag("required", true))
                }
                submitButton("导入")
            }
        }
    }
}
