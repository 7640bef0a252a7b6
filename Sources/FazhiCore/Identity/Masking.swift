/// Masks personal data for screens and lists (DESIGN.md: parties' PII masked on screen by default).
/// Shapes follow common practice in government systems: enough left to tell records apart, not
/// enough to identify a person.
public enum Masking {
    /// 120102199001011234 → 1201**********1234: first 4 and last 4 kept, length kept.
    public static func idNumber(_ value: String) -> String {
        keep(value, first: 4, last: 4)
    }

    /// 13812341234 → 138****1234; a landline keeps its area code: 022-23456789 → 022-****6789.
    public static func phone(_ value: String) -> String {
        let parts = value.split(separator: "-", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[0].hasPrefix("0") {
            return parts[0] + "-" + keep(parts[1], first: 0, last: 4)
        }
        return keep(value, first: 3, last: 4)
    }

    /// zhangsan@hedong.gov.cn → zh***@hedong.gov.cn: the first two characters before the `@` and the domain kept.
    public static func email(_ value: String) -> String {
        guard let at = value.firstIndex(of: "@") else { return "***" }
        return String(value[..<at].prefix(2)) + "***" + value[at...]
    }

    /// 张三 → 张*, 张小三 → 张*三, 欧阳小三 → 欧**三: the first character and, from three characters on,
    /// the last are kept.
    public static func name(_ value: String) -> String {
        let characters = Array(value.trimmingWhitespace)
        switch characters.count {
        case 0: return ""
        case 1: return String(characters)
        case 2: return String(characters[0]) + "*"
        default: return String(characters[0]) + String(repeating: "*", count: characters.count - 2) + String(characters.last!)
        }
    }

    /// Keeps `first` and `last` characters and stars the rest; too short a value is starred whole.
    static func keep(_ value: String, first: Int, last: Int) -> String {
        let characters = Array(value)
        guard characters.count > first + last else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(first)) + String(repeating: "*", count: characters.count - first - last)
            + String(characters.suffix(last))
    }
}
