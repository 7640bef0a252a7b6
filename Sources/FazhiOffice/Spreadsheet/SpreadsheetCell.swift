import Foundation

/// One cell as the spreadsheet stored it, before the importer gives it a meaning. Kept close to the
/// file's own types so the importer can tell "the staff typed 2024-03-01 as text" from "Excel holds
/// a date", and report each case in its own words.
public enum SpreadsheetCell: Hashable, Sendable {
    case empty
    case text(String)
    case number(Double)
    case date(SpreadsheetDate)
    case bool(Bool)

    /// A text cell, except that an empty string is `.empty`: a cleared cell and a blank one mean the
    /// same to the staff, so the importer sees one case.
    public static func string(_ value: String) -> SpreadsheetCell {
        value.isEmpty ? .empty : .text(value)
    }

    public var isEmpty: Bool {
        if case .empty = self { return true }
        return false
    }

    /// The cell as a person reads it in Excel's formula bar, for headers, CSV export and the importer
    /// when a text column holds a number (a phone number typed into a General cell is 13800138000,
    /// not 13800138000.0).
    public var displayText: String {
        switch self {
        case .empty: return ""
        case .text(let value): return value
        case .number(let value): return SpreadsheetCell.format(value)
        case .date(let value): return value.description
        case .bool(let value): return value ? "TRUE" : "FALSE"
        }
    }

    /// Integers print without a fraction as long as a Double holds them exactly (2^53).
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return String(value)
    }
}
