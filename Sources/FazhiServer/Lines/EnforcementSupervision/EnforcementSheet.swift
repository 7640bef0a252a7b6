import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// What the line's spreadsheet imports (the plan, the trainings, the inspections) share: the routes — a page with the
/// upload form and the template, the API — the uploaded file read (.xlsx or .csv) and checked by the platform's
/// `SheetValidator` (columns found by header, each cell by its column's rule, rows repeating `naturalKey` refused), every
/// problem of the file at once, each naming its row and column; the rows gathered into what one import records
/// (`groups`: the rows sharing `groupedBy`); and the writing of those, all or nothing, skipping what is already stored
/// (`write`). What a group means is the import's own (`run`), recorded through the line's own checks.
struct EnforcementSheet: Sendable {
    struct Summary: Content {
        let imported: Int
        /// Those already in the platform (imported before), left as they are.
        let skipped: Int
        /// The file's rows of those skipped.
        let skippedRows: Int
    }

    struct Problems: Error {
        let problems: [String]
    }

    struct Upload: Content {
        var file: File?
    }

    /// The rows of the file that make one thing the import records (a plan line, a training, an inspection), in file
    /// order, with what the line's check is given.
    struct Group<Input: Sendable>: Sendable {
        let rows: [SheetValidator.Row]
        let input: Input
    }

    /// `plan`, `trainings`: the page is `/enforcement/<segment>/import`, the API `/api/v1/enforcement/<segment>/import`.
    let segment: String
    /// What a row is, e.g. 计划条目.
    let noun: String
    let title: String
    let columns: [SheetColumn]
    /// Columns no two rows may share all of (empty: rows may repeat).
    var naturalKey: [String] = []
    /// Columns whose values make the rows one group (`groups`).
    let groupedBy: [String]
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

    /// The posted file's non-empty rows that passed their columns' rules (`SheetValidator`), and the problems of the others
    /// (row and column named), for the import to add its own before it throws them all; a file that cannot be read, or
    /// lacks a column, is `Problems` at once.
    func rows(_ req: Request) throws -> (rows: [SheetValidator.Row], problems: [String]) {
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
        if rows.isEmpty { throw Problems(problems: [SheetValidator.noRows.description]) }
        if rows.count > maximumRows { throw Problems(problems: ["一次最多导入\(maximumRows)行（文件有\(rows.count)行），请分批导入"]) }
        let validator = SheetValidator(columns: columns, naturalKey: naturalKey)
        let (positions, missing) = validator.positions(in: table.header)
        if !missing.isEmpty { throw Problems(problems: missing.map(\.description)) }
        var seen = SheetValidator.SeenKeys(capacity: rows.count)
        let (checked, problems) = validator.check(rows, positions, seen: &seen)
        // Named by row and header, as the import's own problems are (the form shows no column letters).
        return (checked, problems.map { ImportProblem(row: $0.row, column: nil, header: $0.header, message: $0.message).description })
    }

    /// The rows sharing `groupedBy`, in the order the file first names each group.
    func groups(_ rows: [SheetValidator.Row]) -> [[SheetValidator.Row]] {
        var order: [String] = [], groups: [String: [SheetValidator.Row]] = [:]
        for row in rows {
            let key = SheetValidator.key(row.values, groupedBy)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        return order.map { groups[$0]! }
    }

    /// Records each group through the line's check (`record`) in one transaction, all or nothing: a group already stored
    /// (`isStored`) is skipped, and every field the line's rules refuse is named by its row and column (`place`).
    func write<Input: Sendable>(_ groups: [Group<Input>], on db: Database,
                                isStored: @escaping @Sendable (Input, Database) async throws -> Bool,
                                record: @escaping @Sendable (Input, Database) async throws -> Void,
                                place: @escaping @Sendable (String, Group<Input>) -> (row: Int, column: String)) async throws -> Summary {
        try await db.transaction { tx in
            var failures: [String] = [], imported = 0, skipped = 0, skippedRows = 0
            for group in groups {
                if try await isStored(group.input, tx) {
                    skipped += 1
                    skippedRows += group.rows.count
                    continue
                }
                do {
                    try await record(group.input, tx)
                    imported += 1
                } catch let errors as ValidationErrors {
                    failures += errors.errors.map { error in
                        let (row, column) = place(error.field, group)
                        return "第\(row)行「\(column)」：\(error.message)"
                    }
                }
            }
            if !failures.isEmpty { throw Problems(problems: failures) }
            return Summary(imported: imported, skipped: skipped, skippedRows: skippedRows)
        }
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
