import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// What the line's spreadsheet imports (the plan, the trainings) share: the routes — a page with the upload form and
/// the template, the API — the uploaded file read (.xlsx or .csv) with its columns found by header and each cell checked
/// by its column's rule, and every problem of the file at once, each naming its row and column. What a row means is the
/// import's own (`run`), written through the line's own checks, all or nothing.
struct EnforcementSheet: Sendable {
    struct Summary: Content {
        let imported: Int
        /// Rows already in the platform (imported before), left as they are.
        let skipped: Int
    }

    struct Problems: Error {
        let problems: [String]
    }

    struct Upload: Content {
        var file: File?
    }

    /// `plan`, `trainings`: the page is `/enforcement/<segment>/import`, the API `/api/v1/enforcement/<segment>/import`.
    let segment: String
    /// What a row is, e.g. 计划条目.
    let noun: String
    let title: String
    let columns: [SheetColumn]
    /// The rules of a row in words, shown above the form.
    let explanation: String
    let maximumRows: Int
    let run: @Sendable (Request) async throws -> Summary

    var base: String { "/enforcement/\(segment)/import" }

    func routes(_ routes: RoutesBuilder) {
        let segment = PathComponent(stringLiteral: self.segment)
        routes.get("enforcement", segment, "import", "template.xlsx") { req async throws -> Response in
            _ = try EnforcementAPI.readable(req)
            let table = SpreadsheetTable(header: columns.map(\.header), cells: [columns.map { SpreadsheetCell.string($0.example) }])
            let text = Set(columns.indices.filter { columns[$0].type == .text })
            return BookImportPages.download(try XLSXWriter().write(table, sheetName: noun, textColumns: text), name: "\(title)模板.xlsx")
        }
        routes.get("enforcement", segment, "import") { req in try await page(req, summary: nil, problems: [], status: .ok) }
        routes.post("enforcement", segment, "import", limit: BodyLimit.spreadsheet) { req async throws -> Response in
            do {
                return try await page(req, summary: try await run(req), problems: [], status: .ok)
            } catch let problems as Problems {
                return try await page(req, summary: nil, problems: problems.problems, status: .unprocessableEntity)
            }
        }
        routes.post("api", "v1", "enforcement", segment, "import", limit: BodyLimit.spreadsheet) { req async throws -> Response in
            do {
                let response = Response(status: .created)
                try response.content.encode(try await run(req))
                return response
            } catch let problems as Problems {
                throw FieldError(field: "file", message: problems.problems.prefix(20).joined(separator: "；"))
            }
        }.openAPI("从 Excel（.xlsx/.csv）\(title)：multipart file（列：\(columns.map(\.header).joined(separator: "、"))）；全部通过才写入，已有的\(noun)跳过",
                  tag: "enforcement",
                  body: ["type": "object", "required": ["file"], "properties": ["file": ["type": "string", "contentMediaType": "application/octet-stream"]]],
                  responses: [201: "已导入", 403: "无权限", 422: "文件或某行有误（行、列与规则）"], bodyType: "multipart/form-data")
    }

    /// The posted file's non-empty rows, each cell checked by its column's rule: the values by column name with the row's
    /// number, and the broken cells (row and column named), for the import to add its own before it throws them all; a file
    /// that cannot be read, or lacks a column, is `Problems` at once.
    func rows(_ req: Request) throws -> (rows: [(number: Int, values: [String: String])], problems: [String]) {
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
            if let index = table.column(named: column.header) { positions[column.name] = index }
            else if column.required { problems.append("缺少「\(column.header)」列") }
        }
        if !problems.isEmpty { throw Problems(problems: problems) }
        var checked: [(number: Int, values: [String: String])] = []
        for row in rows {
            var values: [String: String] = [:]
            for column in columns {
                guard let index = positions[column.name] else { continue }
                do {
                    if let value = try column.parse(index < row.cells.count ? row.cells[index] : .empty) { values[column.name] = value }
                } catch let error as ColumnRuleError {
                    problems.append("第\(row.number)行「\(column.header)」：\(error.message)")
                }
            }
            checked.append((row.number, values))
        }
        return (checked, problems)
    }

    func header(of field: String) -> String { columns.first { $0.name == field }?.header ?? field }

    func page(_ req: Request, summary: Summary?, problems: [String], status: HTTPResponseStatus) async throws -> Response {
        let current = try req.requireCurrent()
        _ = try EnforcementAPI.readable(req)
        return try await req.page(title, status: status) {
            EnforcementPages.links()
            if let summary {
                notice("已导入 \(summary.imported) 条\(noun)" + (summary.skipped == 0 ? "" : "；已有而跳过 \(summary.skipped) 条"), tone: "ok")
            }
            if !problems.isEmpty {
                el("div", .class("alert error"), Attribute("role", "alert")) {
                    el("p") { "文件有误，未导入任何\(noun)：" }
                    el("ul") { for problem in problems.prefix(200) { el("li") { problem } } }
                }
            }
            el("p") {
                explanation + "任何一行有误则全部不导入。"
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
