import Foundation

/// Writes a table as CSV that Excel on a Chinese Windows opens correctly by double-click: UTF-8 with
/// a byte-order mark (without it Excel assumes GBK and shows mojibake), CRLF line ends, and quotes
/// only where a field needs them.
struct CSVWriter {
    /// Prefixes text starting with = + - @ (or a tab/CR) with an apostrophe so Excel shows it instead
    /// of running it as a formula: exported lists hold text citizens typed, and a "formula" in a CSV
    /// is an attack on whoever opens the export (OWASP "CSV injection"). Off for machine round trips.
    var neutralizesFormulas: Bool

    init(neutralizesFormulas: Bool = true) {
        self.neutralizesFormulas = neutralizesFormulas
    }

    func write(_ table: SpreadsheetTable) -> Data {
        var text = "\u{FEFF}"
        text.reserveCapacity(table.rows.count * 64)
        if !table.header.isEmpty {
            append(table.header.map(SpreadsheetCell.string), to: &text)
        }
        for row in table.rows {
            append(row.cells, to: &text)
        }
        return Data(text.utf8)
    }

    func write(header: [String], rows: [[SpreadsheetCell]]) -> Data {
        write(SpreadsheetTable(header: header, cells: rows))
    }

    private func append(_ cells: [SpreadsheetCell], to text: inout String) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { text += "," }
            text += field(cell)
        }
        text += "\r\n"
    }

    private func field(_ cell: SpreadsheetCell) -> String {
        var value = cell.displayText
        if neutralizesFormulas, case .text = cell, let first = value.utf8.first,
           first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || first == 9 || first == 13 {
            value = "'" + value
        }
        let needsQuotes = value.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
            || CSVWriter.isBlank(value.unicodeScalars.first) || CSVWriter.isBlank(value.unicodeScalars.last)
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Unicode White_Space, spelled out: `Character.isWhitespace` looks up properties and cost more
    /// than the rest of the export together.
    private static func isBlank(_ scalar: Unicode.Scalar?) -> Bool {
        guard let value = scalar?.value else { return false }
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
