import FazhiOffice
import Foundation
import Vapor

/// Any list on screen, downloaded as .xlsx with the same columns and the same filter (导出 Excel): the staff's way of
/// taking a queue or the records behind a figure into their own spreadsheet.
enum ListWorkbook {
    /// The most data rows a worksheet holds (Excel's 1,048,576 rows, less the header).
    static let maximumRows = 1_048_575

    /// `a=1&b=2` of the non-empty values, percent-encoded, in key order: the link from a list to its export.
    static func query(_ values: [String: String]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return values.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }

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
        return BookImportPages.download(data, name: "\(name).xlsx")
    }
}
