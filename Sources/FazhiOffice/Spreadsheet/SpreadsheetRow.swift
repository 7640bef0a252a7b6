/// A data row with the row number the staff see in Excel (1-based, counting the header and any
/// rows the reader skipped), so "第3行" in an error is the row they open.
public struct SpreadsheetRow: Hashable, Sendable {
    public var number: Int
    public var cells: [SpreadsheetCell]

    public init(number: Int, cells: [SpreadsheetCell]) {
        self.number = number
        self.cells = cells
    }

    /// Out-of-range columns read as empty: rows are as long as their last filled cell, not as the
    /// header, because Excel does not store the blanks at the end.
    public subscript(column: Int) -> SpreadsheetCell {
        column >= 0 && column < cells.count ? cells[column] : .empty
    }

    public var isEmpty: Bool { cells.allSatisfy(\.isEmpty) }

    /// "第3行 C列", the way an error points at a cell.
    func location(ofColumn column: Int) -> String {
        "第\(number)行 \(SpreadsheetColumn.letters(column))列"
    }
}
