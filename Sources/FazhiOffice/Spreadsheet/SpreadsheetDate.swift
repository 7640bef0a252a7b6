import FazhiCore

/// A calendar date (and time of day, zero for plain dates) as written in a spreadsheet, with no time
/// zone: 2024-03-01 in the ledger is that day in Tianjin, and turning it into an instant is the
/// importer's business. Kept as fields rather than `Date` so a 1900-02-29 that Excel shows can still
/// be reported to the staff as an invalid date instead of silently becoming 1 March.
public struct SpreadsheetDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int = 0
    public var minute: Int = 0
    public var second: Int = 0

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    public var hasTime: Bool { hour != 0 || minute != 0 || second != 0 }

    /// yyyy-MM-dd, with HH:mm:ss when the cell had a time: the form staff type and the importer parses.
    public var description: String {
        let date = dayText
        guard hasTime else { return date }
        return date + " " + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
    }

    /// yyyy-MM-dd, written digit by digit into one string: an import formats one per dated row.
    public var dayText: String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, at start: Int, width: Int) {
                var rest = value
                for position in (start..<start + width).reversed() {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, at: 0, width: 4)
            buffer[4] = UInt8(ascii: "-")
            put(month, at: 5, width: 2)
            buffer[7] = UInt8(ascii: "-")
            put(day, at: 8, width: 2)
            return 10
        }
    }

    public static func < (lhs: SpreadsheetDate, rhs: SpreadsheetDate) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

// MARK: - Excel serial numbers

extension SpreadsheetDate {
    /// Excel keeps dates as days since an epoch. In the 1900 system day 1 is 1900-01-01 and day 60 is
    /// 1900-02-29, a day that never was (Lotus 1-2-3's leap-year bug, kept for compatibility), so from
    /// day 61 on the epoch is effectively 1899-12-30. The 1904 system (old Mac workbooks,
    /// `<workbookPr date1904="1"/>`) counts from 1904-01-01 = 0. Returns nil outside Excel's range
    /// (before the epoch, after 9999-12-31), where the number is better shown to the staff as is.
    public init?(excelSerial serial: Double, date1904: Bool = false) {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var wholeDays = serial.rounded(.down)
        // Round to the second: 0.5 / 86400 covers the binary noise in stored fractions.
        var seconds = Int(((serial - wholeDays) * 86_400).rounded())
        if seconds >= 86_400 {
            seconds -= 86_400
            wholeDays += 1
        }
        let days = Int(wholeDays)
        let hour = seconds / 3_600, minute = seconds / 60 % 60, second = seconds % 60
        if date1904 {
            let (y, m, d) = CivilDate(dayNumber: SpreadsheetDate.days1904Epoch + days).components
            self.init(year: y, month: m, day: d, hour: hour, minute: minute, second: second)
        } else if days == 60 {
            self.init(year: 1900, month: 2, day: 29, hour: hour, minute: minute, second: second)
        } else if days == 0 {
            // Time-only values (formats like h:mm) sit on day 0, which Excel shows as 1900-01-00.
            self.init(year: 1899, month: 12, day: 31, hour: hour, minute: minute, second: second)
        } else {
            let epoch = days < 60 ? SpreadsheetDate.days1899_12_31 : SpreadsheetDate.days1899_12_30
            let (y, m, d) = CivilDate(dayNumber: epoch + days).components
            self.init(year: y, month: m, day: d, hour: hour, minute: minute, second: second)
        }
    }

    /// The serial number the writer stores, in the 1900 system (the only one it writes).
    var excelSerial: Double {
        let days = CivilDate.dayNumber(year: year, month: month, day: day)
        var serial: Int
        if year == 1900 && month == 2 && day == 29 {
            serial = 60
        } else if days < CivilDate.dayNumber(year: 1900, month: 3, day: 1) {
            serial = days - SpreadsheetDate.days1899_12_31
        } else {
            serial = days - SpreadsheetDate.days1899_12_30
        }
        if serial < 0 { serial = 0 }
        return Double(serial) + Double(hour * 3_600 + minute * 60 + second) / 86_400
    }

    // Day numbers (days since 1970-01-01) are `CivilDate`'s integer arithmetic, so 100,000 date cells cost nothing
    // and no `Calendar` or time zone is involved; `CivilDate.dayNumber` is unchecked, as Excel's 1900-02-29 needs.
    private static let days1899_12_30 = CivilDate.dayNumber(year: 1899, month: 12, day: 30)
    private static let days1899_12_31 = CivilDate.dayNumber(year: 1899, month: 12, day: 31)
    private static let days1904Epoch = CivilDate.dayNumber(year: 1904, month: 1, day: 1)
}
