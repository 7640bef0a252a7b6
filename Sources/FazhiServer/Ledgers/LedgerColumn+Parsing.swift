import FazhiCore

extension LedgerColumn {
    /// The stored text of a cell, nil for an empty optional cell; throws the rule it broke (the caller adds the row
    /// and column). The same rules read an .xlsx cell, a CSV field and a form field, so every way in agrees.
    func parse(_ cell: SpreadsheetCell) throws -> String? {
        if cell.isEmpty || cell.displayText.trimmedForImport.isEmpty {
            if required { throw ColumnRuleError("不能为空") }
            return nil
        }
        switch type {
        case .text:
            let text = cell.displayText.trimmedForImport
            if text.count > Self.maximumTextLength { throw ColumnRuleError("不能超过\(Self.maximumTextLength)个字符") }
            return text
        case .date:
            return try Self.date(cell, rule: rule)
        case .int:
            switch cell {
            case .number(let value) where value >= 0 && value == value.rounded() && value < 1e9:
                return String(Int(value))
            case .text(let text):
                let trimmed = text.trimmedForImport
                if let value = Int(trimmed), value >= 0, value < 1_000_000_000 { return String(value) }
            default: break
            }
            throw ColumnRuleError(rule)
        case .money:
            let text = cell.displayText.trimmedForImport.replacingOccurrences(of: ",", with: "")
            guard let value = Double(text), value >= 0, value < 1e13,
                  (value * 100 - (value * 100).rounded()).magnitude < 1e-6 else { throw ColumnRuleError(rule) }
            return String(format: "%.2f", value)
        case .bool:
            if case .bool(let value) = cell { return value ? "是" : "否" }
            switch cell.displayText.trimmedForImport.lowercased() {
            case "是", "true", "1", "y", "yes": return "是"
            case "否", "false", "0", "n", "no": return "否"
            default: throw ColumnRuleError(rule)
            }
        case .choice(let options):
            let text = cell.displayText.trimmedForImport
            guard options.contains(text) else { throw ColumnRuleError(rule) }
            return text
        case .creditCode:
            let text = cell.displayText.trimmedForImport.uppercased()
            if let error = CreditCode.validate(text, field: name) { throw ColumnRuleError(error.message) }
            return text
        }
    }

    /// A date typed as text (2024-03-01; 2024/3/1 as Excel shows it), stored by Excel as a date, or left as its serial number.
    private static func date(_ cell: SpreadsheetCell, rule: String) throws -> String {
        var candidate: String?
        switch cell {
        case .date(let date) where !date.hasTime:
            candidate = date.description
        case .number(let serial):
            candidate = SpreadsheetDate(excelSerial: serial).flatMap { $0.hasTime ? nil : $0.description }
        case .text(let text):
            let parts = text.trimmedForImport.split(whereSeparator: { $0 == "-" || $0 == "/" })
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
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
