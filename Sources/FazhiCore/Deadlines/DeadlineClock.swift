/// A running statutory period: start date, limit, unit, pauses and extension (RULES.md §1).
/// `compute(in:)` turns it into a due date with the steps that explain it.
public struct DeadlineClock: Hashable, Sendable {
    /// The day of the event; it is not counted (民事诉讼法第八十五条).
    public var start: CivilDate
    public var limit: Int
    public var unit: DayUnit
    public var direction: DeadlineDirection
    /// Days that do not count; they may be given in any order but must not overlap.
    public var pauses: [ClockPause]
    /// Extra days in the same unit as the limit; 0 = none.
    public var extensionDays: Int
    /// The catalogue rule this clock runs for; nil for a free calculation (`--days N`).
    public var ruleKey: String?
    /// The rule's maximum extension; with a rule, nil means the rule allows none.
    public var extensionLimit: Int?

    /// Longest period accepted, in days (100 years) and in years: no statute asks for more,
    /// and the bound keeps day arithmetic far from overflow.
    public static let maximumDays = 36_600
    public static let maximumYears = 100

    public init(start: CivilDate, limit: Int, unit: DayUnit, direction: DeadlineDirection = .after,
                pauses: [ClockPause] = [], extensionDays: Int = 0,
                ruleKey: String? = nil, extensionLimit: Int? = nil) {
        self.start = start
        self.limit = limit
        self.unit = unit
        self.direction = direction
        self.pauses = pauses
        self.extensionDays = extensionDays
        self.ruleKey = ruleKey
        self.extensionLimit = extensionLimit
    }

    /// The due date under `calendar`, or the input error naming the field.
    public func compute(in calendar: WorkingCalendar) throws(DeadlineError) -> DeadlineComputation {
        try validateAmounts()
        if direction == .before {
            return computeBackward(in: calendar)
        }
        let ordered = try orderedPauses()
        switch unit {
        case .working:
            return try computeWorking(in: calendar, pauses: ordered)
        case .calendar, .years:
            return try computeCalendar(in: calendar, pauses: ordered)
        }
    }

    private func validateAmounts() throws(DeadlineError) {
        let maximum = unit == .years ? Self.maximumYears : Self.maximumDays
        guard limit > 0 else { throw .nonPositiveLimit(field: "days", value: limit) }
        guard limit <= maximum else { throw .limitTooLarge(field: "days", value: limit, maximum: maximum) }
        guard extensionDays >= 0 else { throw .nonPositiveExtension(value: extensionDays) }
        if extensionDays > 0 {
            if let ruleKey {
                // 行政复议法第六十二条: an extension exists only where the law grants one, up to its maximum.
                guard let extensionLimit else { throw .extensionNotAllowed(rule: ruleKey) }
                guard extensionDays <= extensionLimit else {
                    throw .extensionAboveMaximum(rule: ruleKey, requested: extensionDays, maximum: extensionLimit)
                }
            }
            guard extensionDays <= maximum else {
                throw .limitTooLarge(field: "extend", value: extensionDays, maximum: maximum)
            }
        }
        if direction == .before && (extensionDays > 0 || !pauses.isEmpty) {
            throw .adjustmentOnBackwardPeriod(rule: ruleKey)
        }
    }

    /// Pauses in date order with their input positions, checked for shape, overlap and start.
    private func orderedPauses() throws(DeadlineError) -> [(index: Int, pause: ClockPause)] {
        if pauses.isEmpty { return [] }
        for (index, pause) in pauses.enumerated() where pause.to < pause.from {
            throw .pauseEndsBeforeStart(index: index, pause: pause)
        }
        let ordered = pauses.enumerated().map { (index: $0.offset, pause: $0.element) }
            .sorted { $0.pause.from < $1.pause.from }
        for (position, entry) in ordered.enumerated() {
            guard entry.pause.from > start else {
                throw .pauseOutsidePeriod(index: entry.index, pause: entry.pause, start: start, lastDay: nil)
            }
            if position > 0, entry.pause.from <= ordered[position - 1].pause.to {
                throw .pausesOverlap(index: entry.index, pause: entry.pause, other: ordered[position - 1].pause)
            }
        }
        return ordered
    }

    /// 民事诉讼法第八十五条 (via 行政复议法第八十八条, 行政诉讼法第一百零一条): the start day is not
    /// counted, every later day is (holidays too), paused days are not; a last day that is not a
    /// working day moves to the next working day. A make-up working weekend day is a working day.
    private func computeCalendar(in calendar: WorkingCalendar,
                                 pauses: [(index: Int, pause: ClockPause)]) throws(DeadlineError) -> DeadlineComputation {
        var steps: [DeadlineStep] = []
        if extensionDays > 0 { steps.append(.extended(days: extensionDays)) }
        let total = limit + extensionDays
        var last = unit == .years ? start.adding(years: total) : start.adding(days: total)
        for (index, pause) in pauses {
            // Each paused day pushes the end one day; a pause must begin while days remain to count.
            guard pause.from <= last else {
                throw .pauseOutsidePeriod(index: index, pause: pause, start: start, lastDay: last)
            }
            last = last.adding(days: pause.length)
            steps.append(.pause(pause, excludedDays: pause.length))
        }
        var due = last.dayNumber
        while calendar.code(due) & WorkingCalendar.workingBit == 0 { due += 1 }
        let dueDate = CivilDate(dayNumber: due)
        if due != last.dayNumber {
            steps.append(.rollForward(from: last, to: dueDate, holidays: calendar.holidayRanges(between: last, and: dueDate)))
        } else if calendar.code(due) & WorkingCalendar.makeUpBit != 0 {
            steps.append(.makeUpWorkday(last))
        }
        // Only the last day and the roll-forward depend on the calendar: the days before count anyway.
        return finish(calendar, due: dueDate, lastCounted: last, dependsFrom: last, steps: steps)
    }

    /// Working days only: after the start day, make-up days included, paused days excluded.
    private func computeWorking(in calendar: WorkingCalendar,
                                pauses: [(index: Int, pause: ClockPause)]) throws(DeadlineError) -> DeadlineComputation {
        var steps: [DeadlineStep] = []
        if extensionDays > 0 { steps.append(.extended(days: extensionDays)) }
        let total = limit + extensionDays
        var counted = 0
        var day = start.dayNumber
        var nextPause = 0
        var pausedWorkdays = 0
        var holidayTag: UInt16 = 0
        var holidayWeekdays = 0
        while counted < total {
            day += 1
            let code = calendar.code(day)
            if nextPause < pauses.count, day >= pauses[nextPause].pause.from.dayNumber {
                if code & WorkingCalendar.workingBit != 0 { pausedWorkdays += 1 }
                if day == pauses[nextPause].pause.to.dayNumber {
                    steps.append(.pause(pauses[nextPause].pause, excludedDays: pausedWorkdays))
                    pausedWorkdays = 0
                    nextPause += 1
                }
                continue
            }
            let tag = code >> WorkingCalendar.rangeShift
            if tag != holidayTag {
                // A holiday run ended (or a new one began): record the one that ended.
                if holidayTag != 0 {
                    steps.append(.holiday(calendar.ranges[Int(holidayTag) - 1], excludedWeekdays: holidayWeekdays))
                }
                holidayTag = tag
                holidayWeekdays = 0
            }
            if code & WorkingCalendar.workingBit != 0 {
                counted += 1
                if code & WorkingCalendar.makeUpBit != 0 { steps.append(.makeUpWorkday(CivilDate(dayNumber: day))) }
            } else if tag != 0, !CivilDate(dayNumber: day).isWeekend {
                holidayWeekdays += 1
            }
        }
        if nextPause < pauses.count {
            let (index, pause) = pauses[nextPause]
            throw .pauseOutsidePeriod(index: index, pause: pause, start: start, lastDay: CivilDate(dayNumber: day))
        }
        let due = CivilDate(dayNumber: day)
        return finish(calendar, due: due, lastCounted: due, dependsFrom: start.adding(days: 1), steps: steps)
    }

    /// A period counted back from a future event (行政复议法第五十一条: notice five working days
    /// before the hearing). The event day is not counted; a calendar-day result on a rest day moves
    /// earlier, to the last working day before it, so the minimum is still kept.
    private func computeBackward(in calendar: WorkingCalendar) -> DeadlineComputation {
        var steps: [DeadlineStep] = []
        switch unit {
        case .working:
            var counted = 0
            var day = start.dayNumber
            while counted < limit {
                day -= 1
                if calendar.code(day) & WorkingCalendar.workingBit != 0 { counted += 1 }
            }
            // Second pass, forward, to list the holidays and make-up days in the counted span.
            var lastTag: UInt16 = 0
            var weekdays = 0
            for current in day..<start.dayNumber {
                let code = calendar.code(current)
                let tag = code >> WorkingCalendar.rangeShift
                if tag != lastTag {
                    if lastTag != 0 { steps.append(.holiday(calendar.ranges[Int(lastTag) - 1], excludedWeekdays: weekdays)) }
                    lastTag = tag
                    weekdays = 0
                }
                if code & WorkingCalendar.makeUpBit != 0 {
                    steps.append(.makeUpWorkday(CivilDate(dayNumber: current)))
                } else if tag != 0, !CivilDate(dayNumber: current).isWeekend {
                    weekdays += 1
                }
            }
            if lastTag != 0 { steps.append(.holiday(calendar.ranges[Int(lastTag) - 1], excludedWeekdays: weekdays)) }
            let due = CivilDate(dayNumber: day)
            return finish(calendar, due: due, lastCounted: due, dependsFrom: start.adding(days: -1), steps: steps)
        case .calendar, .years:
            let last = unit == .years ? start.adding(years: -limit) : start.adding(days: -limit)
            var due = last.dayNumber
            while calendar.code(due) & WorkingCalendar.workingBit == 0 { due -= 1 }
            let dueDate = CivilDate(dayNumber: due)
            if dueDate != last {
                steps.append(.rollBack(from: last, to: dueDate, holidays: calendar.holidayRanges(between: dueDate.adding(days: 1), and: last.adding(days: 1))))
            } else if calendar.isMakeUpWorkday(last) {
                steps.append(.makeUpWorkday(last))
            }
            return finish(calendar, due: dueDate, lastCounted: last, dependsFrom: last, steps: steps)
        }
    }

    private func finish(_ calendar: WorkingCalendar, due: CivilDate, lastCounted: CivilDate,
                        dependsFrom: CivilDate, steps: [DeadlineStep]) -> DeadlineComputation {
        let missing = calendar.yearsWithoutData(from: dependsFrom, through: due)
        var steps = steps
        for year in missing { steps.append(.missingCalendar(year: year)) }
        return DeadlineComputation(clock: self, due: due, lastCounted: lastCounted,
                                   provisional: !missing.isEmpty, missingYears: missing, steps: steps)
    }
}
