import Testing
@testable import FazhiCore

/// Hand-derived from the notices in RULES.md §2 (and re-checked by an independent script):
/// the reasoning for each row is in its comment.
@Suite struct DeadlineClockTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let from: String
        let days: Int
        let unit: DayUnit
        var pauses: [(String, String)] = []
        var extensionDays = 0
        let due: String
        var provisional = false
        let why: String
        var testDescription: String { "\(from) +\(days) \(unit) → \(due): \(why)" }
    }

    static let cases: [Case] = [
        // 2024
        Case(from: "2024-02-07", days: 5, unit: .working, due: "2024-02-20",
             why: "02-08, 02-09, Spring Festival 02-10..17, make-up Sunday 02-18, 02-19, 02-20"),
        Case(from: "2024-01-11", days: 30, unit: .calendar, due: "2024-02-18",
             why: "last day 02-10 is Spring Festival; rolls to the make-up Sunday 02-18"),
        Case(from: "2024-01-05", days: 30, unit: .calendar, due: "2024-02-04",
             why: "last day is the make-up Sunday 02-04: a working day, no roll"),
        Case(from: "2024-09-20", days: 15, unit: .calendar, due: "2024-10-08",
             why: "last day 10-05 in National Day 10-01..07, rolls to 10-08"),
        Case(from: "2024-09-25", days: 5, unit: .working, due: "2024-10-08",
             why: "09-26, 09-27, make-up Sunday 09-29, 09-30, National Day, 10-08"),
        Case(from: "2024-10-10", days: 2, unit: .working, due: "2024-10-12",
             why: "10-11, make-up Saturday 10-12"),
        Case(from: "2024-03-05", days: 30, unit: .calendar, due: "2024-04-07",
             why: "last day 04-04 Qingming; 04-07 is a make-up Sunday"),
        Case(from: "2024-04-01", days: 30, unit: .calendar, due: "2024-05-06",
             why: "last day 05-01 Labour Day 05-01..05; next working day Monday 05-06"),
        Case(from: "2024-03-01", days: 8, unit: .calendar, due: "2024-03-11",
             why: "last day Saturday 03-09, an ordinary weekend: rolls to Monday"),
        Case(from: "2024-08-01", days: 60, unit: .calendar, due: "2024-09-30",
             why: "reconsideration decision: 60 days to Monday 09-30"),
        // 2025
        Case(from: "2025-01-24", days: 5, unit: .working, due: "2025-02-07",
             why: "make-up Sunday 01-26, 01-27, Spring Festival 01-28..02-04, 02-05, 02-06, 02-07"),
        Case(from: "2025-01-01", days: 30, unit: .calendar, due: "2025-02-05",
             why: "last day 01-31 in Spring Festival; rolls to 02-05"),
        Case(from: "2025-09-01", days: 30, unit: .calendar, due: "2025-10-09",
             why: "last day 10-01; National Day and Mid-Autumn run to 10-08; 10-09"),
        Case(from: "2025-09-26", days: 5, unit: .working, due: "2025-10-10",
             why: "make-up Sunday 09-28, 09-29, 09-30, holiday 10-01..08, 10-09, 10-10"),
        Case(from: "2025-09-11", days: 30, unit: .calendar, due: "2025-10-11",
             why: "last day is the make-up Saturday 10-11: no roll"),
        Case(from: "2025-04-25", days: 3, unit: .working, due: "2025-04-29",
             why: "make-up Sunday 04-27, 04-28, 04-29"),
        Case(from: "2025-05-01", days: 30, unit: .calendar, due: "2025-06-03",
             why: "last day 05-31 Dragon Boat 05-31..06-02; 06-03"),
        // 2026
        Case(from: "2026-02-12", days: 3, unit: .working, due: "2026-02-24",
             why: "02-13, make-up Saturday 02-14, Spring Festival 02-15..23, 02-24"),
        Case(from: "2026-01-20", days: 30, unit: .calendar, due: "2026-02-24",
             why: "last day 02-19 in Spring Festival 02-15..23"),
        Case(from: "2026-02-13", days: 15, unit: .calendar, due: "2026-02-28",
             why: "last day is the make-up Saturday 02-28"),
        Case(from: "2026-09-01", days: 30, unit: .calendar, due: "2026-10-08",
             why: "last day 10-01, National Day to 10-07"),
        Case(from: "2026-09-29", days: 5, unit: .working, due: "2026-10-12",
             why: "09-30, National Day, 10-08, 10-09, make-up Saturday 10-10, 10-12"),
        // Year ends
        Case(from: "2024-12-27", days: 5, unit: .working, due: "2025-01-06",
             why: "12-30, 12-31, New Year 01-01, 01-02, 01-03, 01-06"),
        Case(from: "2025-12-30", days: 3, unit: .working, due: "2026-01-05",
             why: "12-31, New Year 01-01..03, make-up Sunday 01-04, 01-05"),
        Case(from: "2025-12-02", days: 30, unit: .calendar, due: "2026-01-04",
             why: "last day 01-01 New Year 01-01..03; 01-04 is a make-up Sunday"),
        // A year without a notice: weekends only, provisional
        Case(from: "2026-12-25", days: 5, unit: .working, due: "2027-01-01", provisional: true,
             why: "12-28..12-31 and Friday 2027-01-01, no 2027 notice"),
        Case(from: "2026-12-15", days: 30, unit: .calendar, due: "2027-01-14", provisional: true,
             why: "last day in 2027, no notice"),
        Case(from: "2026-11-01", days: 30, unit: .calendar, due: "2026-12-01",
             why: "entirely inside 2026: final"),
        Case(from: "2023-12-20", days: 30, unit: .calendar, due: "2024-01-19",
             why: "days in 2023 do not matter for a calendar-day count; the last day is in 2024"),
        Case(from: "2023-12-28", days: 3, unit: .working, due: "2024-01-03", provisional: true,
             why: "12-29 (2023, no notice), New Year 01-01, 01-02, 01-03"),
        // Pauses and extensions
        Case(from: "2024-08-01", days: 60, unit: .calendar, extensionDays: 30, due: "2024-10-30",
             why: "60 + 30 extension = 90 days, Wednesday 10-30"),
        Case(from: "2024-08-01", days: 60, unit: .calendar, pauses: [("2024-08-10", "2024-08-19")], due: "2024-10-10",
             why: "ten paused days move 09-30 to 10-10"),
        Case(from: "2024-07-25", days: 60, unit: .calendar, pauses: [("2024-08-01", "2024-08-12")], due: "2024-10-08",
             why: "09-23 + 12 paused days = 10-05, National Day, rolls to 10-08"),
        Case(from: "2024-03-01", days: 5, unit: .working, pauses: [("2024-03-05", "2024-03-06")], due: "2024-03-12",
             why: "03-04, [03-05, 03-06 paused], 03-07, 03-08, 03-11, 03-12"),
        Case(from: "2024-08-01", days: 60, unit: .calendar,
             pauses: [("2024-09-25", "2024-10-04"), ("2024-08-05", "2024-08-06")], due: "2024-10-12",
             why: "two pauses given out of order: 2 + 10 days; 10-12 is a make-up Saturday"),
        Case(from: "2024-09-02", days: 60, unit: .calendar, pauses: [("2024-10-30", "2024-11-15")], due: "2024-11-18",
             why: "pause from 10-30 (before the original end 11-01) to 11-15 leaves 3 days: 11-16..18"),
    ]

    @Test(arguments: cases)
    func computesTheDueDate(_ testCase: Case) throws {
        let pauses = testCase.pauses.map { ClockPause(from: day($0.0), to: day($0.1)) }
        let clock = DeadlineClock(start: day(testCase.from), limit: testCase.days, unit: testCase.unit,
                                  pauses: pauses, extensionDays: testCase.extensionDays)
        let result = try clock.compute(in: bundledCalendar)
        #expect(result.due == day(testCase.due))
        #expect(result.provisional == testCase.provisional)
    }

    @Test func countsBackFromAHearing() throws {
        // 行政复议法第五十一条: hearing Monday 2024-10-14; 10-12 (make-up Saturday), 10-11, 10-10,
        // 10-09, 10-08 → the notice must go out by 10-08.
        let rule = try DeadlineCatalogue.standard.rule("reconsideration.hearingNotice")
        let result = try rule.clock(from: day("2024-10-14")).compute(in: bundledCalendar)
        #expect(result.due == day("2024-10-08"))
        #expect(result.steps.contains(.makeUpWorkday(day("2024-10-12"))))
    }

    @Test func countsYearsToTheCorrespondingDay() throws {
        let rule = try DeadlineCatalogue.standard.rule("normativeDocument.validity")
        let result = try rule.clock(from: day("2024-02-29")).compute(in: bundledCalendar)
        #expect(result.due == day("2029-02-28"))
        #expect(result.provisional && result.missingYears == [2029])
    }

    @Test func recordsTheStepsThatMattered() throws {
        let working = try DeadlineClock(start: day("2024-09-25"), limit: 5, unit: .working).compute(in: bundledCalendar)
        #expect(working.steps.contains(.makeUpWorkday(day("2024-09-29"))))
        let holidays = working.steps.compactMap { step -> (String, Int)? in
            if case .holiday(let range, let weekdays) = step { return (range.holiday.name, weekdays) }
            return nil
        }
        #expect(holidays.count == 1 && holidays[0] == ("国庆节", 5))

        let rolled = try DeadlineClock(start: day("2024-09-20"), limit: 15, unit: .calendar).compute(in: bundledCalendar)
        #expect(rolled.lastCounted == day("2024-10-05"))
        guard case .rollForward(let from, let to, let ranges)? = rolled.steps.last else {
            Issue.record("no roll-forward in \(rolled.steps)")
            return
        }
        #expect(from == day("2024-10-05") && to == day("2024-10-08") && ranges.map(\.holiday.name) == ["国庆节"])
    }

    @Test func recordsExcludedDaysOfEachPause() throws {
        let clock = DeadlineClock(start: day("2024-03-01"), limit: 5, unit: .working,
                                  pauses: [ClockPause(from: day("2024-03-05"), to: day("2024-03-10"))])
        let result = try clock.compute(in: bundledCalendar)
        // 03-05..03-10: Tuesday to Sunday, four working days kept out.
        #expect(result.steps.contains(.pause(ClockPause(from: day("2024-03-05"), to: day("2024-03-10")), excludedDays: 4)))
        #expect(result.due == day("2024-03-14"))
    }

    @Test func aYearAddedLaterRemovesTheProvisionalMark() throws {
        let clock = DeadlineClock(start: day("2026-12-25"), limit: 5, unit: .working)
        #expect(try clock.compute(in: bundledCalendar).provisional)
        let year2027 = try HolidayYear(year: 2027, notice: "测试通知",
                                       holidays: [Holiday(name: "元旦", from: day("2027-01-01"), to: day("2027-01-01"))],
                                       workdays: [])
        let recomputed = try clock.compute(in: bundledCalendar.adding(year2027))
        #expect(!recomputed.provisional)
        #expect(recomputed.due == day("2027-01-04"))
    }
}
