/// Chinese numerals for the headings of an official document (GB/T 9704-2012 7.3.3: 一、 then （一） then 1. then （1）).
public enum ChineseNumeral {
    private static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    private static let units = ["", "十", "百", "千"]

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 101 → 一百零一, 1010 → 一千零一十; 0 → 零.
    /// Defined for 0…9999, which every heading sequence stays within; other values are written in Arabic digits.
    public static func text(_ value: Int) -> String {
        guard (1...9999).contains(value) else { return value == 0 ? digits[0] : String(value) }
        let places = String(value).compactMap(\.wholeNumberValue)
        var result = ""
        var pendingZero = false
        for (index, digit) in places.enumerated() {
            let unit = units[places.count - 1 - index]
            if digit == 0 { pendingZero = !result.isEmpty; continue }
            if pendingZero { result += digits[0]; pendingZero = false }
            // 十二, not 一十二, when ten leads the number.
            if !(digit == 1 && unit == "十" && result.isEmpty) { result += digits[digit] }
            result += unit
        }
        return result
    }

    /// First-level heading marker: 一、
    public static func sectionMarker(_ number: Int) -> String { "\(text(number))、" }

    /// Second-level heading marker, with full-width parentheses: （一）
    public static func subsectionMarker(_ number: Int) -> String { "（\(text(number))）" }
}
