import Testing
@testable import FazhiCore

/// Properties over random inputs in 2024–2026 from a fixed seed (reproducible).
@Suite struct DeadlinePropertyTests {
    static let first = day("2024-01-01").dayNumber
    static let last = day("2026-10-31").dayNumber  // leaves room so results stay mostly in 2026

    static func randomStart(_ generator: inout SeededGenerator) -> CivilDate {
        CivilDate(dayNumber: Int.random(in: first...last, using: &generator))
    }

    @Test func aCalendarPeriodAlwaysEndsOnAWorkingDay() throws {
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<5_000 {
            let clock = DeadlineClock(start: Self.randomStart(&generator), limit: Int.random(in: 1...90, using: &generator),
                                      unit: .calendar)
            let result = try clock.compute(in: bundledCalendar)
            #expect(bundledCalendar.isWorkingDay(result.due), "\(clock.start) +\(clock.limit)")
            #expect(result.due >= result.lastCounted)
            #expect(result.lastCounted == clock.start.adding(days: clock.limit))
        }
    }

    @Test func aWorkingPeriodEndsOnAWorkingDayAndCountsExactly() throws {
        var generator = SeededGenerator(seed: 88)
        for _ in 0..<5_000 {
            let start = Self.randomStart(&generator)
            let limit = Int.random(in: 1...20, using: &generator)
            let result = try DeadlineClock(start: start, limit: limit, unit: .working).compute(in: bundledCalendar)
            let counted = (start.dayNumber + 1...result.due.dayNumber)
                .filter { bundledCalendar.isWorkingDay(CivilDate(dayNumber: $0)) }.count
            #expect(counted == limit && bundledCalendar.isWorkingDay(result.due))
        }
    }

    @Test(arguments: [DayUnit.calendar, .working])
    func addingAPauseNeverMakesTheDueDateEarlier(unit: DayUnit) throws {
        var generator = SeededGenerator(seed: unit == .calendar ? 7 : 11)
        for _ in 0..<3_000 {
            let start = Self.randomStart(&generator)
            let limit = Int.random(in: 1...(unit == .working ? 15 : 60), using: &generator)
            let plain = try DeadlineClock(start: start, limit: limit, unit: unit).compute(in: bundledCalendar)
            let span = plain.lastCounted.dayNumber - start.dayNumber
            let pauseStart = start.adding(days: Int.random(in: 1...span, using: &generator))
            let pause = ClockPause(from: pauseStart, to: pauseStart.adding(days: Int.random(in: 0...20, using: &generator)))
            let paused = try DeadlineClock(start: start, limit: limit, unit: unit, pauses: [pause]).compute(in: bundledCalendar)
            #expect(paused.due >= plain.due, "\(start) +\(limit) pause \(pause)")
        }
    }

    @Test(arguments: [DayUnit.calendar, .working])
    func oneMoreDayIsNeverEarlier(unit: DayUnit) throws {
        var generator = SeededGenerator(seed: unit == .calendar ? 3 : 5)
        for _ in 0..<3_000 {
            let start = Self.randomStart(&generator)
            let limit = Int.random(in: 1...40, using: &generator)
            let shorter = try DeadlineClock(start: start, limit: limit, unit: unit).compute(in: bundledCalendar)
            let longer = try DeadlineClock(start: start, limit: limit + 1, unit: unit).compute(in: bundledCalendar)
            #expect(longer.due >= shorter.due)
            if unit == .working { #expect(longer.due > shorter.due) }
        }
    }

    @Test func anExtensionEqualsTheLongerLimit() throws {
        var generator = SeededGenerator(seed: 62)
        for _ in 0..<2_000 {
            let start = Self.randomStart(&generator)
            let extra = Int.random(in: 1...30, using: &generator)
            let extended = try DeadlineClock(start: start, limit: 60, unit: .calendar, extensionDays: extra).compute(in: bundledCalendar)
            let longer = try DeadlineClock(start: start, limit: 60 + extra, unit: .calendar).compute(in: bundledCalendar)
            #expect(extended.due == longer.due)
        }
    }

    @Test func resultsInsideTheCoveredYearsAreFinal() throws {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<2_000 {
            let start = CivilDate(dayNumber: Int.random(in: Self.first...day("2026-09-30").dayNumber, using: &generator))
            let result = try DeadlineClock(start: start, limit: Int.random(in: 1...10, using: &generator), unit: .working)
                .compute(in: bundledCalendar)
            #expect(result.provisional == (result.due.year > 2026))
        }
    }
}
