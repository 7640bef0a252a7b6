import Foundation
import Testing
@testable import FazhiCore

@Suite struct WorkingCalendarTests {
    @Test func bundlesTheThreeNotices() {
        #expect(bundledCalendar.years == [2024, 2025, 2026])
        #expect(bundledCalendar.notice(forYear: 2024) == "国办发明电〔2023〕7号")
        #expect(bundledCalendar.notice(forYear: 2025) == "国办发明电〔2024〕12号")
        #expect(bundledCalendar.notice(forYear: 2026) == "国办发明电〔2025〕7号")
        #expect(!bundledCalendar.hasData(forYear: 2027))
    }

    /// Every rest day and make-up day of RULES.md §2, re-typed here from the table.
    static let table: [(year: Int, rest: String, workdays: String)] = [
        (2024, "01-01;02-10..02-17;04-04..04-06;05-01..05-05;06-10;09-15..09-17;10-01..10-07",
         "02-04,02-18,04-07,04-28,05-11,09-14,09-29,10-12"),
        (2025, "01-01;01-28..02-04;04-04..04-06;05-01..05-05;05-31..06-02;10-01..10-08",
         "01-26,02-08,04-27,09-28,10-11"),
        (2026, "01-01..01-03;02-15..02-23;04-04..04-06;05-01..05-05;06-19..06-21;09-25..09-27;10-01..10-07",
         "01-04,02-14,02-28,05-09,09-20,10-10"),
    ]

    @Test(arguments: [2024, 2025, 2026])
    func everyDayOfTheYearMatchesTheNotice(year: Int) {
        let entry = Self.table.first { $0.year == year }!
        var rest = Set<CivilDate>()
        for part in entry.rest.split(separator: ";") {
            let ends = part.split(separator: ".", omittingEmptySubsequences: true)
            let from = day("\(year)-\(ends[0])"), to = day("\(year)-\(ends.last!)")
            for number in from.dayNumber...to.dayNumber { rest.insert(CivilDate(dayNumber: number)) }
        }
        let makeUp = Set(entry.workdays.split(separator: ",").map { day("\(year)-\($0)") })
        var date = day("\(year)-01-01")
        while date.year == year {
            let expected = makeUp.contains(date) || (!rest.contains(date) && !date.isWeekend)
            #expect(bundledCalendar.isWorkingDay(date) == expected, "\(date)")
            #expect(bundledCalendar.isMakeUpWorkday(date) == makeUp.contains(date), "\(date)")
            #expect((bundledCalendar.holiday(on: date) != nil) == rest.contains(date), "\(date)")
            date = date.adding(days: 1)
        }
    }

    @Test func namesTheHolidays() {
        #expect(bundledCalendar.holiday(on: day("2024-02-12")) == "春节")
        #expect(bundledCalendar.holiday(on: day("2025-10-08")) == "国庆节、中秋节")
        #expect(bundledCalendar.holiday(on: day("2026-06-19")) == "端午节")
        #expect(bundledCalendar.holiday(on: day("2024-03-09")) == nil)  // an ordinary Saturday
    }

    @Test func yearsWithoutDataAreWeekendsOnly() {
        #expect(bundledCalendar.isWorkingDay(day("2027-01-01")))  // a Friday: no notice yet
        #expect(!bundledCalendar.isWorkingDay(day("2027-01-02")))
        #expect(bundledCalendar.isWorkingDay(day("2023-12-29")))
        #expect(WorkingCalendar().isWorkingDay(day("2024-10-01")))  // empty calendar: a Tuesday
    }

    @Test func addingAYearReplacesOrAdds() throws {
        let year2027 = try HolidayYear(year: 2027, notice: "测试通知", holidays: [
            Holiday(name: "元旦", from: day("2027-01-01"), to: day("2027-01-03")),
        ], workdays: [])
        let calendar = bundledCalendar.adding(year2027)
        #expect(calendar.years == [2024, 2025, 2026, 2027])
        #expect(!calendar.isWorkingDay(day("2027-01-01")))
        let corrected = try HolidayYear(year: 2024, notice: "更正", holidays: [], workdays: [])
        let replaced = calendar.adding(corrected)
        #expect(replaced.isWorkingDay(day("2024-10-08")) && replaced.isWorkingDay(day("2024-10-01")))
        #expect(replaced.notice(forYear: 2024) == "更正")
    }

    @Test func decodesTheDocumentedShape() throws {
        let json = #"{"year":2024,"notice":"国办发明电〔2023〕7号","holidays":[{"name":"元旦","from":"2024-01-01","to":"2024-01-01"}],"workdays":["2024-02-04"]}"#
        let year = try WorkingCalendar.decode(Data(json.utf8))
        #expect(year.holidays.count == 1 && year.workdays == [day("2024-02-04")])
    }

    @Test(arguments: [
        (#"{"year":2024,"notice":"n","holidays":[{"name":"春节","from":"2024-02-10","to":"2025-02-17"}],"workdays":[]}"#, "holidays[0].to"),
        (#"{"year":2024,"notice":"n","holidays":[{"name":"春节","from":"2024-02-17","to":"2024-02-10"}],"workdays":[]}"#, "holidays[0]"),
        (#"{"year":2024,"notice":"n","holidays":[{"name":"春节","from":"2024-02-10","to":"2024-02-17"}],"workdays":["2024-02-11"]}"#, "workdays[0]"),
        (#"{"year":2024,"notice":"n","holidays":[],"workdays":["2023-12-30"]}"#, "workdays[0]"),
        (#"{"year":2024,"notice":" ","holidays":[],"workdays":[]}"#, "notice"),
        (#"{"year":2024,"notice":"n","holidays":[{"name":"a","from":"2024-10-01","to":"2024-10-07"},{"name":"b","from":"2024-10-07","to":"2024-10-08"}],"workdays":[]}"#, "holidays[1]"),
    ])
    func rejectsContradictoryFilesNamingTheField(json: String, field: String) {
        do {
            _ = try WorkingCalendar.decode(Data(json.utf8))
            Issue.record("accepted \(json)")
        } catch let error as CalendarDataError {
            #expect(error.field == field)
            #expect(error.message.hasPrefix(field))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func reportsTheFieldOfABadDate() {
        let json = #"{"year":2024,"notice":"n","holidays":[{"name":"a","from":"2024-02-30","to":"2024-03-01"}],"workdays":[]}"#
        #expect {
            try WorkingCalendar.decode(Data(json.utf8), file: "2024.json")
        } throws: { error in
            (error as? CalendarDataError)?.message.contains("holidays[0].from") == true
        }
    }
}
