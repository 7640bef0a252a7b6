/// A calendar date (and time of day, zero for plain dates) as written in a spreadsheet, with no time
/// zone: 2024-03-01 in the ledger is that day in Tianjin, and turning it into an instant is the
/// importer's business. Kept as fields rather than `Date` so a 1900-02-29 that Excel shows can still
/// be reported to the staff as an invalid date instead of silently becoming 1 March.
struct SpreadsheetDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int = 0
    var minute: Int = 0
    var second: Int = 0

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    var hasTime: Bool { hour != 0 || minute != 0 || second != 0 }

    /// yyyy-MM-dd, with HH:mm:ss when the cell had a time: the form staff type and the importer parses.
    var description: String {
        let date = dayText
        guard hasTime else { return date }
        return date + " " + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
    }

    /// yyyy-MM-dd, written digit by digit into one string: an import formats one per dated row.
    var dayText: String {
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

    static func < (lhs: SpreadsheetDate, rhs: SpreadsheetDate) -> Bool {
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
    init?(excelSerial serial: Double, date1904: Bool = false) {
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
            let (y, m, d) = SpreadsheetDate.civil(fromDays: SpreadsheetDate.days1904Epoch + days)
            self.init(year: y, month: m, day: d, hour: hour, minute: minute, second: second)
        } else if days == 60 {
            self.init(year: 1900, month: 2, day: 29, hour: hour, minute: minute, second: second)
        } else if days == 0 {
            // Time-only values (formats like h:mm) sit on day 0, which Excel shows as 1900-01-00.
            self.init(year: 1899, month: 12, day: 31, hour: hour, minute: minute, second: second)
        } else {
            let epoch = days < 60 ? SpreadsheetDate.days1899_12_31 : SpreadsheetDate.days1899_12_30
            let (y, m, d) = SpreadsheetDate.civil(fromDays: epoch + days)
            self.init(year: y, month: m, day: d, hour: hour, minute: minute, second: second)
        }
    }

    /// The serial number the writer stores, in the 1900 system (the only one it writes).
    var excelSerial: Double {
        let days = SpreadsheetDate.days(fromCivil: year, month, day)
        var serial: Int
        if year == 1900 && month == 2 && day == 29 {
            serial = 60
        } else if days < SpreadsheetDate.days(fromCivil: 1900, 3, 1) {
            serial = days - SpreadsheetDate.days1899_12_31
        } else {
            serial = days - SpreadsheetDate.days1899_12_30
        }
        if serial < 0 { serial = 0 }
        return Double(serial) + Double(hour * 3_600 + minute * 60 + second) / 86_400
    }

    private static let days1899_12_30 = days(fromCivil: 1899, 12, 30)
    private static let days1899_12_31 = days(fromCivil: 1899, 12, 31)
    private static let days1904Epoch = days(fromCivil: 1904, 1, 1)

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm):
    /// integer arithmetic, so 100,000 date cells cost nothing and no `Calendar` or time zone is involved.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
