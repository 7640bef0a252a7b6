/// A day in the proleptic Gregorian calendar, without time or time zone.
///
/// Statutory periods are counted in whole days (民事诉讼法第八十五条), so a deadline never needs
/// a time of day. The date is stored as a day number (days since 1970-01-01) so that counting
/// and calendar lookups are integer arithmetic.
public struct CivilDate: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01 (which is day 0, a Thursday).
    public let dayNumber: Int

    public init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// Returns nil for a day that does not exist (2024-02-30) or a year outside 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.dayNumber = CivilDate.dayNumber(year: year, month: month, day: day)
    }

    /// Strict `YYYY-MM-DD`: exactly ten characters, zero-padded, and a day that exists.
    public init?(string: String) {
        let bytes = Array(string.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// ISO 8601 weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        // Day 0 (1970-01-01) was a Thursday, ISO weekday 4.
        let offset = (dayNumber + 3) % 7
        return (offset < 0 ? offset + 7 : offset) + 1
    }

    /// Saturday or Sunday, the weekly rest days absent an announced adjustment.
    public var isWeekend: Bool { weekday >= 6 }

    /// 星期一 … 星期日, as written in instruments.
    public var weekdayChinese: String {
        ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"][weekday - 1]
    }

    public func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: dayNumber + days)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// 民法典第二百零二条: for a period in years the last day is the corresponding day of the
    /// final year; a 29 February without a corresponding day falls on the end of that month.
    public func adding(years: Int) -> CivilDate {
        let (year, month, day) = components
        let targetYear = year + years
        let lastDay = CivilDate.daysIn(month: month, year: targetYear)
        return CivilDate(dayNumber: CivilDate.dayNumber(year: targetYear, month: month, day: min(day, lastDay)))
    }

    /// 2024年1月17日, the form used in Chinese instruments.
    public var chinese: String {
        let (year, month, day) = components
        return "\(year)年\(month)月\(day)日"
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    /// Year, month and day (Howard Hinnant's civil_from_days).
    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a year, month (1...12) and day, unchecked (Howard Hinnant's days_from_civil): a day
    /// past the end of its month counts on into the next, so 1900-02-29 gets 1900-03-01's number. The one day-number
    /// conversion in the code; Excel's date serials (`SpreadsheetDate`) go through it and `components`.
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension CivilDate: CustomStringConvertible {
    /// 2024-01-17.
    public var description: String {
        let (year, month, day) = components
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

extension CivilDate: Codable {
    /// Encoded as the string "YYYY-MM-DD", the form used in the calendar files and the API.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(string: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "日期格式错误（应为存在的日期 YYYY-MM-DD）：\(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
