import Foundation
import Testing
@testable import FazhiCore

@Suite struct CivilDateTests {
    @Test(arguments: ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-17", "24-01-17",
                      "2024/01/17", "2024-01-17 ", "", "abcd-ef-gh", "0000-01-01", "2024-04-31"])
    func rejectsMalformedOrNonexistentDays(_ text: String) {
        #expect(CivilDate(string: text) == nil)
    }

    @Test(arguments: ["2024-02-29", "1970-01-01", "2000-02-29", "2026-12-31", "1969-12-31", "9999-12-31"])
    func roundTripsThroughText(_ text: String) throws {
        let date = try #require(CivilDate(string: text))
        #expect(date.description == text)
    }

    @Test func dayNumberEpochAndWeekday() {
        #expect(day("1970-01-01").dayNumber == 0)
        #expect(day("1970-01-01").weekday == 4)  // Thursday
        #expect(day("2024-01-17").weekday == 3)  // Wednesday
        #expect(day("2024-02-04").weekday == 7)  // Sunday (a make-up working day)
        #expect(day("1969-12-28").weekday == 7)
        #expect(day("2024-01-17").weekdayChinese == "星期三")
    }

    @Test func formatsInChinese() {
        #expect(day("2024-01-17").chinese == "2024年1月17日")
        #expect(day("2025-10-08").chinese == "2025年10月8日")
    }

    @Test func addsDaysAcrossMonthAndYearEnds() {
        #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(day("2024-12-31").adding(days: 1) == day("2025-01-01"))
        #expect(day("2025-03-01").adding(days: -1) == day("2025-02-28"))
    }

    @Test func addsYearsToTheCorrespondingDay() {
        #expect(day("2024-03-15").adding(years: 5) == day("2029-03-15"))
        // 民法典第二百零二条: no corresponding day → the end of that month.
        #expect(day("2024-02-29").adding(years: 5) == day("2029-02-28"))
        #expect(day("2024-02-29").adding(years: 4) == day("2028-02-29"))
    }

    @Test func agreesWithFoundationOverManyYears() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let epoch = Date(timeIntervalSince1970: 0)
        for number in stride(from: -30_000, through: 60_000, by: 37) {
            let date = calendar.date(byAdding: .day, value: number, to: epoch)!
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let civil = CivilDate(dayNumber: number)
            #expect(civil.year == parts.year && civil.month == parts.month && civil.day == parts.day)
        }
    }

    @Test("The unchecked day number counts a day past the month's end into the next (Excel's 1900-02-29)")
    func uncheckedDayNumber() {
        #expect(CivilDate.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.dayNumber(year: 1900, month: 2, day: 29) == CivilDate.dayNumber(year: 1900, month: 3, day: 1))
        #expect(CivilDate(dayNumber: CivilDate.dayNumber(year: 2024, month: 2, day: 29)) == CivilDate(year: 2024, month: 2, day: 29))
    }

    @Test func codesAsString() throws {
        let data = try JSONEncoder().encode([day("2024-01-17")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-01-17"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [day("2024-01-17")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivilDate].self, from: Data(#"["2024-02-30"]"#.utf8)) }
    }
}
