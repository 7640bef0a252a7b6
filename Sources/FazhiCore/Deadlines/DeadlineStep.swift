/// One fact that shaped a due date, kept so the explanation can show how it was counted.
public enum DeadlineStep: Hashable, Sendable {
    /// An announced rest period inside a working-day count: its weekdays were not counted.
    case holiday(WorkingCalendar.HolidayRange, excludedWeekdays: Int)
    /// A make-up working day (调休上班) counted as a working day; for a calendar-day period,
    /// the last day was one, so it did not roll forward.
    case makeUpWorkday(CivilDate)
    /// A pause and the days it kept out of the count (calendar days, or working days).
    case pause(ClockPause, excludedDays: Int)
    /// Extra days added to the limit in the same unit (行政复议法第六十二条 for decisions).
    case extended(days: Int)
    /// 民事诉讼法第八十五条: the last day `from` was not a working day, so the period ends on `to`;
    /// `holidays` are the announced rest periods passed over (empty for a plain weekend).
    case rollForward(from: CivilDate, to: CivilDate, holidays: [WorkingCalendar.HolidayRange])
    /// For a period counted back from an event: the computed day was not a working day, so the
    /// act must be done by the working day before it.
    case rollBack(from: CivilDate, to: CivilDate, holidays: [WorkingCalendar.HolidayRange])
    /// The count depended on a year with no notice: weekends only, result provisional.
    case missingCalendar(year: Int)
}
