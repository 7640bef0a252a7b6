import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// The register as the office keeps it today, brought in from a spreadsheet: one document a row (制定机关, 文号, 文件名称,
/// dates, validity, 报送备案日期, 状态, 全文), each registered by the register's own checks, all or nothing — a row the
/// rules refuse names its row and column and nothing is written. A 文号 already in the register is skipped, so importing
/// the same sheet again adds nothing. Up to `maximumRows` rows a file.
enum NormativeDocumentImport {
    static let maximumRows = 5_000

    static let columns: [SheetColumn] = [
        SheetColumn("agency", "制定机关", required: true, example: "河东区民政局"),
        SheetColumn("number", "文号", required: true, example: "东民规〔2023〕2号"),
        SheetColumn("title", "文件名称", required: true, example: "河东区养老服务补贴管理办法"),
        SheetColumn("adoptedOn", "审议通过日期", .date, example: "2023-03-01"),
        SheetColumn("publishedOn", "公布日期", .date, required: true, example: "2023-03-10"),
        SheetColumn("effectiveOn", "施行日期", .date, example: "2023-04-01"),
        SheetColumn("validityYears", "有效期（年）", .int, example: "5"),
        SheetColumn("filedOn", "报送备案日期", .date, example: "2023-03-20"),
        SheetColumn("status", "状态", .choice(NormativeDocumentStatus.allCases.map(\.label)), example: "现行有效"),
    ]
    static let bodyHeader = "全文"

    struct Summary: Content {
        let imported: Int
        let skipped: [String]
    }

    struct Problems: Error {
        let problems: [String]
    }

    static func routes(_ routes: RoutesBuilder) {
        routes.get("normative-documents", "import", "template.xlsx") { req async throws -> Response in
            _ = try NormativeDocumentAPI.readable(req)
            let cells = [columns.map { SpreadsheetCell.string($0.example) } + [.string("第一条 为了规范本区养老服务补贴工作，制定本办法。")]]
            let data = try XLSXWriter().write(SpreadsheetTable(header: columns.map(\.header) + [bodyHeader], cells: cells), sheetName: "行政规范性文件",
                                              textColumns: Set(0...columns.count))
            return BookImportPages.download(data, name: "行政规范性文件导入模板.xlsx")
        }
        routes.get("normative-documents", "import") { req in try await page(req, summary: nil, problems: [], status: .ok) }
        routes.on(.POST, "normative-documents", "import", body: .collect(maxSize: BodyLimit.spreadsheet)) { req async throws -> Response in
            do {
                let summary = try await run(req)
                return try await page(req, summary: summary, problems: [], status: .ok)
            } catch let problems as Problems {
                return try await page(req, summary: nil, problems: problems.problems, status: .unprocessableEntity)
            }
        }
        routes.on(.POST, "api", "v1", "normative-documents", "import", body: .collect(maxSize: BodyLimit.spreadsheet)) { req async throws -> Response in
            do {
                let response = Response(status: .created)
                try response.content.encode(try await run(req))
                return response
            } catch let problems as Problems {
                throw FieldError(field: "file", message: problems.problems.prefix(20).joined(separator: "；"))
            }
        }.openAPI("从 Excel（.xlsx/.csv）导入行政规范性文件库：multipart file；全部通过才写入，文号已在库中的跳过", tag: "normative-documents",
                  body: ["type": "object", "required": ["file"], "properties": ["file": ["type": "string", "contentMediaType": "application/octet-stream"]]],
                  responses: [201: "已导入", 422: "文件或某行有误（行、列与规则）"], bodyType: "multipart/form-data")
    }

    struct Upload: Content {
        var file: File?
    }

    static func run(_ req: Request) async throws -> Summary {
        let register = try await NormativeDocumentAPI.register(req)
        guard !(try await NormativeDocumentRegister.agencies(register.scope, on: req.db)).isEmpty else {
            throw Abort(.forbidden, reason: "您没有登记行政规范性文件的权限")
        }
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
        for column in columns + [SheetColumn("body", bodyHeader, required: true, example: "")] {
            if let index = table.column(named: column.header) { positions[column.name] = index }
            else if column.required { problems.append("缺少「\(column.header)」列") }
        }
        if !problems.isEmpty { throw Problems(problems: problems) }
        let agencies = try await NormativeDocumentRegister.agencies(register.scope, on: req.db)
        var inputs: [(Int, NormativeDocumentRegister.Input, String?, NormativeDocumentStatus)] = []
        var skipped: [String] = []
        var numbers = Set<String>()
        for row in rows {
            var values: [String: String] = [:]
            for column in columns {
                guard let index = positions[column.name] else { continue }
                let cell = index < row.cells.count ? row.cells[index] : .empty
                do {
                    if let value = try column.parse(cell) { values[column.name] = value }
                } catch let error as ColumnRuleError {
                    problems.append("第\(row.number)行「\(column.header)」：\(error.message)")
                }
            }
            let bodyIndex = positions["body"]!
            let body = bodyIndex < row.cells.count ? row.cells[bodyIndex].displayText : ""
            let number = NormativeDocumentRegister.normalizedNumber(values["number"] ?? "")
            guard let agency = agencies.first(where: { $0.name == values["agency"] }) else {
                problems.append("第\(row.number)行「制定机关」：「\(values["agency"] ?? "")」不是您有权登记的行政机关")
                continue
            }
            if !numbers.insert(number).inserted { problems.append("第\(row.number)行「文号」：「\(number)」在文件中重复"); continue }
            if try await NormativeDocumentRecord.query(on: req.db).filter(\.$number == number).first() != nil {
                skipped.append(number)
                continue
            }
            let status = NormativeDocumentStatus.allCases.first { $0.label == values["status"] } ?? .inForce
            inputs.append((row.number, .init(agencyID: agency.id!.uuidString, number: number, title: values["title"], body: body,
                                             adoptedOn: values["adoptedOn"], publishedOn: values["publishedOn"], effectiveOn: values["effectiveOn"],
                                             validityYears: values["validityYears"], amends: nil, repeals: nil, reviewCaseID: nil),
                           values["filedOn"], status))
        }
        if !problems.isEmpty { throw Problems(problems: problems) }
        let today = ChinaTime.today
        let accepted = inputs
        try await req.db.transaction { tx in
            let writer = NormativeDocumentRegister(db: tx, scope: register.scope, actor: register.actor, catalogue: register.catalogue,
                                                   calendar: register.calendar)
            var failures: [String] = []
            for (number, input, filedOn, status) in accepted {
                do {
                    let document = try await writer.create(input, today: today)
                    if let filedOn { try await writer.act(.init(kind: "file", date: filedOn), on: document, today: today) }
                    if status != .inForce {
                        document.status = status.rawValue
                        try await document.update(on: tx)
                        try await writer.history(document.id!, on: today.description, "导入时状态为\(status.label)", tx)
                    }
                } catch let errors as ValidationErrors {
                    failures += errors.errors.map { "第\(number)行「\(header(of: $0.field))」：\($0.message)" }
                } catch let error as FieldError {
                    failures.append("第\(number)行「\(header(of: error.field))」：\(error.message)")
                }
            }
            if !failures.isEmpty { throw Problems(problems: failures) }
        }
        return Summary(imported: inputs.count, skipped: skipped)
    }

    static func header(of field: String) -> String {
        if field == "agencyID" { return "制定机关" }
        if field == "body" { return bodyHeader }
        if field == "date" { return "报送备案日期" }
        return columns.first { $0.name == field }?.header ?? field
    }

    static func page(_ req: Request, summary: Summary?, problems: [String], status: HTTPResponseStatus) async throws -> Response {
        let current = try req.requireCurrent()
        _ = try NormativeDocumentAPI.readable(req)
        return try await req.page("导入行政规范性文件库", status: status) {
            if let summary {
                notice("已导入 \(summary.imported) 件" + (summary.skipped.isEmpty ? "" : "；文号已在库中而跳过 \(summary.skipped.count) 件"), tone: "ok")
            }
            if !problems.isEmpty {
                el("div", .class("alert error"), Attribute("role", "alert")) {
                    el("p") { "文件有误，未导入任何文件：" }
                    el("ul") { for problem in problems.prefix(200) { el("li") { problem } } }
                }
            }
            el("p") {
                "每行一件文件：制定机关须为您有权登记的行政机关；文号已在库中的行跳过；任何一行有误则全部不导入。"
                el("a", .href("/normative-documents/import/template.xlsx")) { "下载模板" }
            }
            el("form", Attribute("method", "post"), Attribute("action", "/normative-documents/import"), Attribute("enctype", "multipart/form-data"),
               .class("card")) {
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
