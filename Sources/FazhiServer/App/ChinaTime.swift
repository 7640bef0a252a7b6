import FazhiCore
import Foundation

/// The bureau works in China Standard Time: "today" and day boundaries are taken there, whatever the server's zone.
enum ChinaTime {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The civil date in China at `date`.
    static func day(of date: Date) -> CivilDate {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    static var today: CivilDate { day(of: Date()) }
}

extension CivilDate {
    /// Midnight at the start of this day in China.
    var startInChina: Date {
        ChinaTime.calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }
}
