import FazhiCore
import FazhiOffice

extension SheetColumn {
    /// The stored text of a cell, nil for an empty optional cell; throws the rule it broke (the caller adds the row
    /// and column). The same rules read an .xlsx cell, a CSV field and a form field, so every way in agrees.
    func parse(_ cell: SpreadsheetCell) throws -> String? {
        // The cell's text, trimmed once: every rule below reads it.
        let text: String
        switch cell {
        case .empty: text = ""
        case .text(let value): text = value.trimmedForImport
        default: text = cell.displayText
        }
        if text.isEmpty {
            if required { throw ColumnRuleError("不能为空") }
            return nil
        }
        switch type {
        case .text:
            // A character is at most 4 bytes of UTF-8, and never fewer than 1: count characters only when it could matter.
            if text.utf8.count > Self.maximumTextLength, text.count > Self.maximumTextLength {
                throw ColumnRuleError("不能超过\(Self.maximumTextLength)个字符")
            }
            return text
        case .date:
            return try Self.date(cell, text: text, rule: rule)
        case .int:
            switch cell {
            case .number(let value) where value >= 0 && value == value.rounded() && value < 1e9:
                return String(Int(value))
            case .text:
                if let value = Int(text), value >= 0, value < 1_000_000_000 { return String(value) }
            default: break
            }
            throw ColumnRuleError(rule)
        case .money:
            guard let value = Double(text.replacingOccurrences(of: ",", with: "")), value >= 0, value < 1e13,
                  (value * 100 - (value * 100).rounded()).magnitude < 1e-6 else { throw ColumnRuleError(rule) }
            return String(format: "%.2f", value)
        case .bool:
            if case .bool(let value) = cell { return value ? "是" : "否" }
            switch text.lowercased() {
            case "是", "true", "1", "y", "yes": return "是"
            case "否", "false", "0", "n", "no": return "否"
            default: throw ColumnRuleError(rule)
            }
        case .choice(let options):
            guard options.contains(text) else { throw ColumnRuleError(rule) }
            return text
        case .list:
            // Never read unresolved: the kind's lists are read before its columns check anything.
            throw ColumnRuleError("选项目录未能读取，请稍后重试")
        case .creditCode:
            let code = text.uppercased()
            if let error = CreditCode.validate(code, field: name) { throw ColumnRuleError(error.message) }
            return code
        }
    }

    /// A date typed as text (2024-03-01; 2024/3/1 as Excel shows it), stored by Excel as a date, or left as its serial number.
    private static func date(_ cell: SpreadsheetCell, text: String, rule: String) throws -> String {
        if case .text = cell, let date = isoDate(text) { return date }
        var candidate: String?
        switch cell {
        case .date(let date) where !date.hasTime:
            guard CivilDate(year: date.year, month: date.month, day: date.day) != nil else { throw ColumnRuleError(rule) }
            return date.dayText
        case .number(let serial):
            candidate = SpreadsheetDate(excelSerial: serial).flatMap { $0.hasTime ? nil : $0.description }
        case .text:
            let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" })
            if parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
               parts[1].count <= 2, parts[2].count <= 2 {
                candidate = String(format: "%04d-%02d-%02d", y, m, d)
            }
        default: break
        }
        guard let candidate, let date = CivilDate(string: candidate), date.description == candidate else {
            throw ColumnRuleError(rule)
        }
        return candidate
    }

    /// `text` itself when it is already a valid YYYY-MM-DD date, as most typed and exported dates are (read byte by byte:
    /// the general path below costs a formatted string per cell).
    private static func isoDate(_ text: String) -> String? {
        guard text.utf8.count == 10 else { return nil }
        let bytes = Array(text.utf8)
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              CivilDate(year: year, month: month, day: day) != nil else { return nil }
        return text
    }
}

/// A broken column rule, in Chinese, without the row and column (the importer or form adds them).
struct ColumnRuleError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}

extension String {
    /// Without leading and trailing whitespace (spaces, tabs, line breaks, full-width spaces). Written in Swift:
    /// Foundation's `trimmingCharacters` bridges through NSString and cost more than the rest of an imported cell.
    var trimmedForImport: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isImportWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isImportWhitespace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// Unicode's White_Space property (the same set as `properties.isWhitespace`), decided by comparisons: the property
    /// lookup was the largest cost of trimming an imported cell.
    var isImportWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
