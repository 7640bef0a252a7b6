import Foundation
import Vapor

/// Any list on screen, downloaded as .xlsx with the same columns and the same filter (导出 Excel): the staff's way of
/// taking a queue or the records behind a figure into their own spreadsheet.
enum ListWorkbook {
    /// A one-sheet workbook: the headers, then one row per record; text cells stay text (case numbers, ID-like values).
    static func response(name: String, headers: [String], rows: [[SpreadsheetCell]]) throws -> Response {
        let table = SpreadsheetTable(header: headers, cells: rows)
        let textColumns = Set(headers.indices.filter { column in
            !rows.contains { row in
                if column < row.count, case .number = row[column] { return true }
                return false
            }
        })
        let data = try XLSXWriter().write(table, sheetName: String(name.prefix(31)), textColumns: textColumns)
        return RecordImportPages.download(data, name: "\(name).xlsx")
    }
}
