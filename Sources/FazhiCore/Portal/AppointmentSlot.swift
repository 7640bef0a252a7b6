/// A half-day an office receives visitors booked online (预约到场): a working day of the bureau's calendar, morning or
/// afternoon. Its code (`2026-12-08-am`) is what a form posts and a booking stores.
public struct AppointmentSlot: Hashable, Sendable, Comparable {
    public enum Period: String, Sendable, CaseIterable {
        case morning = "am"
        case afternoon = "pm"

        /// The hours the office receives in it.
        public var label: String {
            switch self {
            case .morning: "上午 9:00–12:00"
            case .afternoon: "下午 13:30–17:00"
            }
        }
    }

    public let day: CivilDate
    public let period: Period

    public init(day: CivilDate, period: Period) {
        self.day = day
        self.period = period
    }

    /// Reads a slot's code; nil for anything else.
    public init?(code: String) {
        guard code.count == 13, let day = CivilDate(string: String(code.prefix(10))), code.dropFirst(10).first == "-",
              let period = Period(rawValue: String(code.suffix(2))) else { return nil }
        self.init(day: day, period: period)
    }

    public var code: String { "\(day)-\(period.rawValue)" }

    /// e.g. 2026年12月8日（星期二）上午 9:00–12:00.
    public var label: String {
        "\(day.year)年\(day.month)月\(day.day)日（\(day.weekdayChinese)）\(period.label)"
    }

    public static func < (lhs: AppointmentSlot, rhs: AppointmentSlot) -> Bool {
        (lhs.day, lhs.period == .morning ? 0 : 1) < (rhs.day, rhs.period == .morning ? 0 : 1)
    }

    /// The half-days a visit may be booked for on `today`: both halves of each of the next `workingDays` working days
    /// of `calendar` (holidays skipped, make-up working days included), from tomorrow — never today, so the office has
    /// the application before the visitor comes.
    public static func bookable(from today: CivilDate, workingDays: Int, calendar: WorkingCalendar) -> [AppointmentSlot] {
        var slots: [AppointmentSlot] = []
        var day = today
        var found = 0
        // A working day is never more than a holiday's length away; the bound only guards a calendar with none.
        for _ in 0..<(workingDays * 3 + 30) where found < workingDays {
            day = day.adding(days: 1)
            guard calendar.isWorkingDay(day) else { continue }
            found += 1
            slots += Period.allCases.map { AppointmentSlot(day: day, period: $0) }
        }
        return slots
    }
}
