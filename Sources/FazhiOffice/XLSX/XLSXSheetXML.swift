/// Builds one worksheet's XML for the writer: the header row bold and frozen so it stays on screen
/// while scrolling 1,000 rows, columns wide enough for their Chinese text, then the data rows.
struct XLSXSheetXML {
    /// Widths are measured on the first rows only: enough to size columns, and a 100,000-row export
    /// does not scan every cell twice.
    static let widthSampleRows = 1_000

    private static let wrappedTextOpening = "\" s=\"\(XLSXStyleSheet.wrappedText)\" t=\"s\"><v>"
    private static let dateOpening = "\" s=\"\(XLSXStyleSheet.date)\"><v>"
    private static let dateTimeOpening = "\" s=\"\(XLSXStyleSheet.dateTime)\"><v>"

    var table: SpreadsheetTable
    var textColumns: Set<Int>
    var isFirstSheet: Bool

    func xml(sharedStrings: inout XLSXSharedStringTable) -> String {
        let columnCount = max(table.header.count, table.rows.reduce(0) { max($0, $1.cells.count) })
        let letters = (0..<max(columnCount, 1)).map(SpreadsheetColumn.letters)
        let lastRow = table.rows.count + 1

        var xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
        """
        xml.reserveCapacity(256 + table.rows.count * max(columnCount, 1) * 32)
        xml += "<dimension ref=\"A1:\(letters[letters.count - 1])\(lastRow)\"/>"
        xml += "<sheetViews><sheetView workbookViewId=\"0\"\(isFirstSheet ? " tabSelected=\"1\"" : "")>"
        xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if columnCount > 0 {
            xml += "<cols>"
            for (column, width) in columnWidths(count: columnCount).enumerated() {
                let style = textColumns.contains(column) ? " style=\"\(XLSXStyleSheet.textColumn)\"" : ""
                xml += "<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(width)\" customWidth=\"1\"\(style)/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        if !table.header.isEmpty {
            xml += "<row r=\"1\">"
            for (column, name) in table.header.enumerated() {
                xml += "<c r=\"\(letters[column])1\" s=\"\(XLSXStyleSheet.header)\" t=\"s\"><v>\(sharedStrings.index(of: name))</v></c>"
            }
            xml += "</row>"
        }
        for (offset, row) in table.rows.enumerated() {
            let number = String(offset + 2)
            xml += "<row r=\""
            xml += number
            xml += "\">"
            for (column, cell) in row.cells.enumerated() {
                if case .empty = cell { continue }
                // Appended piece by piece: `a + b + c` would build a temporary String per cell.
                xml += "<c r=\""
                xml += letters[column]
                xml += number
                switch cell {
                case .empty:
                    break
                case .text(let text):
                    xml += text.utf8.contains(10) ? XLSXSheetXML.wrappedTextOpening : "\" t=\"s\"><v>"
                    xml += String(sharedStrings.index(of: text))
                case .number(let value) where value.isFinite:
                    xml += "\"><v>"
                    xml += SpreadsheetCell.format(value)
                case .number(let value):
                    // Excel has no NaN or infinity; keep the cell visible rather than blank.
                    xml += "\" t=\"s\"><v>"
                    xml += String(sharedStrings.index(of: String(value)))
                case .date(let date):
                    xml += date.hasTime ? XLSXSheetXML.dateTimeOpening : XLSXSheetXML.dateOpening
                    xml += SpreadsheetCell.format(date.excelSerial)
                case .bool(let value):
                    xml += value ? "\" t=\"b\"><v>1" : "\" t=\"b\"><v>0"
                }
                xml += "</v></c>"
            }
            xml += "</row>"
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    /// Excel widths count the digit "0"; a Chinese character is about two of them. Between 8 (a
    /// short header still reads) and 60 (a long 事由 wraps instead of pushing the sheet sideways).
    private func columnWidths(count: Int) -> [Int] {
        var widths = [Int](repeating: 0, count: count)
        for (column, name) in table.header.enumerated() {
            widths[column] = XLSXSheetXML.displayWidth(name)
        }
        for row in table.rows.prefix(XLSXSheetXML.widthSampleRows) {
            for (column, cell) in row.cells.enumerated() {
                let width: Int
                switch cell {
                case .empty: continue
                case .date(let date): width = date.hasTime ? 19 : 10
                default: width = XLSXSheetXML.displayWidth(cell.displayText)
                }
                widths[column] = max(widths[column], width)
            }
        }
        return widths.map { min(60, max(8, $0 + 2)) }
    }

    /// The width of the longest line, counting East Asian wide characters as two.
    static func displayWidth(_ text: String) -> Int {
        var longest = 0
        var current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                longest = max(longest, current)
                current = 0
            } else {
                current += scalar.value >= 0x1100 ? 2 : 1
            }
        }
        return max(longest, current)
    }
}
