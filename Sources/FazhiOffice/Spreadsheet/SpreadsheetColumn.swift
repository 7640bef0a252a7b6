/// Column letters as Excel shows them (0 → A, 25 → Z, 26 → AA), so an error names the cell the
/// staff can find on screen: 第3行 C列.
public enum SpreadsheetColumn {
    /// Excel's last column is XFD; a reference past it is a damaged file, not a wide sheet.
    static let maximumCount = 16_384

    public static func letters(_ index: Int) -> String {
        precondition(index >= 0, "column index must not be negative")
        var scalars: [Unicode.Scalar] = []
        var remaining = index + 1
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + digit)))
            remaining = (remaining - 1) / 26
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars.reversed())
        return result
    }

    /// The 0-based column of a letters-only string ("AA" → 26), or nil if it is not one.
    static func index(_ letters: String) -> Int? {
        var index = 0
        var count = 0
        for byte in letters.utf8 {
            let value: Int
            switch byte {
            case 65...90: value = Int(byte) - 64
            case 97...122: value = Int(byte) - 96
            default: return nil
            }
            index = index * 26 + value
            count += 1
            if count > 3 { return nil }
        }
        guard count > 0, index <= maximumCount else { return nil }
        return index - 1
    }

    /// Splits a cell reference such as "C12" into a 0-based column and a 1-based row, reading bytes
    /// directly because the sheet parser calls it once per cell.
    static func parseReference<Bytes: Collection>(_ bytes: Bytes) -> (column: Int, row: Int?)? where Bytes.Element == UInt8 {
        var column = 0
        var letters = 0
        var row = 0
        var digits = 0
        for byte in bytes {
            switch byte {
            case 65...90 where digits == 0:
                column = column * 26 + Int(byte) - 64
                letters += 1
            case 97...122 where digits == 0:
                column = column * 26 + Int(byte) - 96
                letters += 1
            case 36: // "$" in absolute references
                continue
            case 48...57:
                row = row * 10 + Int(byte) - 48
                digits += 1
                if digits > 7 { return nil }
            default:
                return nil
            }
            if letters > 3 { return nil }
        }
        guard letters > 0, column <= maximumCount else { return nil }
        return (column - 1, digits > 0 ? row : nil)
    }
}
