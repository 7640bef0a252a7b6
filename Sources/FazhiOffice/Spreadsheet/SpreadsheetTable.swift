import Foundation

/// What a spreadsheet holds for the importer: the header names and the data rows under them, the
/// same shape whether it came from .xlsx or CSV, so the import rules are written once.
public struct SpreadsheetTable: Hashable, Sendable {
    typealias Cell = SpreadsheetCell
    typealias Row = SpreadsheetRow

    public var header: [String]
    public var rows: [SpreadsheetRow]

    public init(header: [String], rows: [SpreadsheetRow]) {
        self.header = header
        self.rows = rows
    }

    /// Rows numbered 2, 3, … under the header, for tables built in code (exports, templates, tests).
    public init(header: [String], cells: [[SpreadsheetCell]]) {
        self.header = header
        self.rows = cells.enumerated().map { SpreadsheetRow(number: $0.offset + 2, cells: $0.element) }
    }

    /// The 0-based column of a header name, ignoring surrounding blanks, so the importer maps columns
    /// by name and the staff may reorder them.
    public func column(named name: String) -> Int? {
        let wanted = SpreadsheetTable.headerText(name)
        return header.firstIndex(of: wanted)
    }

    /// The table read again with a later row as header: ledgers often carry a title row
    /// ("2024年行政复议案件台账") above the real header, and only the importer knows which row that is.
    /// Returns nil if no data row has that number.
    func reheaded(atRow number: Int) -> SpreadsheetTable? {
        guard let index = rows.firstIndex(where: { $0.number == number }) else { return nil }
        let header = rows[index].cells.map { SpreadsheetTable.headerText($0.displayText) }
        return SpreadsheetTable(header: header, rows: Array(rows[(index + 1)...]))
    }

    /// Builds a table from the rows a reader collected: the first non-empty row is the header,
    /// fully empty rows carry nothing to import and are dropped (their neighbours keep their numbers).
    static func assemble(_ rows: [SpreadsheetRow]) -> SpreadsheetTable {
        var rows = rows
        rows.removeAll { $0.isEmpty }
        guard let first = rows.first else { return SpreadsheetTable(header: [], rows: []) }
        var headerCells = first.cells
        while let last = headerCells.last, last.isEmpty { headerCells.removeLast() }
        let header = headerCells.map { headerText($0.displayText) }
        rows.removeFirst()
        return SpreadsheetTable(header: header, rows: rows)
    }

    /// Headers are names, not data: "姓名\n(必填)" typed with Alt+Enter or padded with full-width
    /// spaces still names the same column.
    static func headerText(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
