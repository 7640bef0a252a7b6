/// Which days are working days (工作日): Monday to Friday, less the State Council's announced rest
/// days, plus the announced make-up working days (调休上班) even on a weekend (RULES.md §1–2).
///
/// Built once from the years' notices into one small table indexed by day number, so a lookup is an
/// array read: recomputing every open deadline after an admin adds a year takes seconds.
/// A year without a notice is counted on weekends alone; `hasData(forYear:)` lets the deadline
/// engine mark such results provisional.
public struct WorkingCalendar: Sendable {
    /// The notices this calendar was built from, by year.
    public let notices: [Int: HolidayYear]
    /// Day number of 1 January of the first year with data (0 when there is none).
    private let firstDay: Int
    /// One code per day from `firstDay` through 31 December of the last year with data.
    private let codes: [UInt16]
    /// The holiday ranges, indexed by the code's upper bits.
    let ranges: [HolidayRange]

    /// A holiday range with the notice that announced it, for explanations.
    public struct HolidayRange: Hashable, Sendable {
        public let holiday: Holiday
        public let notice: String
    }

    // Bit layout of a day's code: why a day is or is not a working day.
    static let workingBit: UInt16 = 1
    static let restBit: UInt16 = 2
    static let makeUpBit: UInt16 = 4
    static let dataBit: UInt16 = 8
    static let rangeShift: UInt16 = 4

    public init(_ years: [HolidayYear] = []) {
        var notices: [Int: HolidayYear] = [:]
        for year in years { notices[year.year] = year }
        self.notices = notices
        guard let first = notices.keys.min(), let last = notices.keys.max() else {
            firstDay = 0
            codes = []
            ranges = []
            return
        }
        let start = CivilDate.dayNumber(year: first, month: 1, day: 1)
        let end = CivilDate.dayNumber(year: last, month: 12, day: 31)
        var codes = [UInt16](repeating: 0, count: end - start + 1)
        for index in codes.indices {
            let date = CivilDate(dayNumber: start + index)
            var code: UInt16 = date.isWeekend ? 0 : Self.workingBit
            if notices[date.year] != nil { code |= Self.dataBit }
            codes[index] = code
        }
        var ranges: [HolidayRange] = []
        for year in notices.keys.sorted() {
            let notice = notices[year]!
            for holiday in notice.holidays {
                ranges.append(HolidayRange(holiday: holiday, notice: notice.notice))
                let tag = UInt16(ranges.count) << Self.rangeShift
                for day in holiday.from.dayNumber...holiday.to.dayNumber {
                    codes[day - start] = Self.dataBit | Self.restBit | tag
                }
            }
            for workday in notice.workdays {
                codes[workday.dayNumber - start] = Self.dataBit | Self.makeUpBit | Self.workingBit
            }
        }
        self.firstDay = start
        self.codes = codes
        self.ranges = ranges
    }

    /// Years that have a notice, ascending.
    public var years: [Int] { notices.keys.sorted() }

    public func hasData(forYear year: Int) -> Bool {
        notices[year] != nil
    }

    /// A calendar with `year` added, or replacing the year's earlier notice (an admin's correction).
    public func adding(_ year: HolidayYear) -> WorkingCalendar {
        var years = notices
        years[year.year] = year
        return WorkingCalendar(Array(years.values))
    }

    @inline(__always)
    func code(_ dayNumber: Int) -> UInt16 {
        let index = dayNumber &- firstDay
        if index >= 0 && index < codes.count { return codes[index] }
        // No notice for this year: weekends only, and no data bit.
        let offset = (dayNumber + 3) % 7
        return (offset < 0 ? offset + 7 : offset) >= 5 ? 0 : Self.workingBit
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool {
        code(date.dayNumber) & Self.workingBit != 0
    }

    /// The holiday's name when `date` is an announced rest day (not for an ordinary weekend).
    public func holiday(on date: CivilDate) -> String? {
        holidayRange(on: date)?.holiday.name
    }

    /// The announced rest period containing `date`, with its notice.
    public func holidayRange(on date: CivilDate) -> HolidayRange? {
        let tag = Int(code(date.dayNumber) >> Self.rangeShift)
        return tag == 0 ? nil : ranges[tag - 1]
    }

    /// A weekend day announced as a working day (调休上班).
    public func isMakeUpWorkday(_ date: CivilDate) -> Bool {
        code(date.dayNumber) & Self.makeUpBit != 0
    }

    /// The notice number for `year`, e.g. 国办发明电〔2023〕7号.
    public func notice(forYear year: Int) -> String? {
        notices[year]?.notice
    }
}

extension WorkingCalendar {
    /// The holiday range a day's code points at, if any.
    @inline(__always)
    func range(forCode code: UInt16) -> HolidayRange? {
        let tag = Int(code >> Self.rangeShift)
        return tag == 0 ? nil : ranges[tag - 1]
    }

    /// Years between `from` and `through` (inclusive) without a notice, ascending.
    /// A year counts as present when its 1 January carries the data bit: no dictionary lookup,
    /// because this runs on every deadline computation.
    func yearsWithoutData(from: CivilDate, through: CivilDate) -> [Int] {
        let low = min(from, through), high = max(from, through)
        let firstYear = low.year, lastYear = high.year
        var missing: [Int] = []
        for year in firstYear...lastYear
        where code(CivilDate.dayNumber(year: year, month: 1, day: 1)) & Self.dataBit == 0 {
            missing.append(year)
        }
        return missing
    }

    /// The distinct holiday ranges met on days `from` up to but not including `to` (either order).
    func holidayRanges(between from: CivilDate, and to: CivilDate) -> [HolidayRange] {
        var found: [HolidayRange] = []
        var lastTag: UInt16 = 0
        for day in min(from, to).dayNumber..<max(from, to).dayNumber {
            let tag = code(day) >> Self.rangeShift
            if tag != 0 && tag != lastTag {
                found.append(ranges[Int(tag) - 1])
                lastTag = tag
            }
        }
        return found
    }
}
