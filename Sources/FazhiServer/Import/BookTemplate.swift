import FazhiOffice
import Foundation

/// The .xlsx a kind is kept in: the template (Chinese headers and one example row) and the export of a list, in the
/// same columns, so an export can be edited and imported back.
enum BookTemplate {
    static func template(_ kind: any BookKind) throws -> Data {
        try workbook(kind, rows: [kind.columns.map(\.example)])
    }

    /// `rows` are values in column order; dates and text stay text so they read back exactly as they were.
    static func workbook(_ kind: any BookKind, rows: [[String]]) throws -> Data {
        let cells: [[SpreadsheetCell]] = rows.map { row in
            zip(kind.columns, row).map { column, value in
                if case .int = column.type, let number = Double(value) { return .number(number) }
                return .string(value)
            }
        }
        let table = SpreadsheetTable(header: kind.columns.map(\.header), cells: cells)
        let textColumns = Set(kind.columns.enumerated().compactMap { index, column -> Int? in
            if case .int = column.type { return nil }
            return index
        })
        return try XLSXWriter().write(table, sheetName: kind.name, textColumns: textColumns)
    }
}
