import Testing
@testable import FazhiCore

@Suite struct DeadlineExplanationTests {
    static func explain(_ request: DeadlineRequest) throws -> [String] {
        try request.compute(calendar: bundledCalendar).explanation.lines
    }

    @Test func explainsARollForwardOverNationalDay() throws {
        let lines = try Self.explain(DeadlineRequest(from: "2024-08-06", rule: "reconsideration.decision"))
        let text = lines.joined(separator: "\n")
        #expect(lines[0].hasPrefix("依据：《中华人民共和国行政复议法》第六十二条"))
        #expect(text.contains("起算日：2024年8月6日（2024-08-06，星期二）"))
        #expect(text.contains("当日不计入"))
        #expect(text.contains("计算方式：日历日，60日"))
        #expect(text.contains("最后一日2024-10-05为法定节假日（国庆节，国办发明电〔2023〕7号），顺延至其后第一个工作日2024-10-08"))
        #expect(lines.last == "期限届满日：2024年10月8日（2024-10-08，星期二）")
    }

    @Test func explainsHolidaysMakeUpDaysPausesAndExtensions() throws {
        let text = try Self.explain(DeadlineRequest(from: "2024-09-20", days: "5", working: true,
                                                    pauses: ["2024-09-24..2024-09-27"])).joined(separator: "\n")
        #expect(text.contains("计算方式：工作日，5个工作日"))
        #expect(text.contains("调休上班：2024-09-29（星期日）为调休上班日，计为工作日（国办发明电〔2023〕7号）"))
        #expect(text.contains("国庆节 2024-10-01至2024-10-07 放假，其中5日为周一至周五"))
        #expect(text.contains("2024-09-24至2024-09-27（共4日，其中4个工作日）不计入期限"))
        let extended = try Self.explain(DeadlineRequest(from: "2024-08-01", rule: "reconsideration.decision", extend: "30"))
            .joined(separator: "\n")
        #expect(extended.contains("延长：延长30日，按与原期限相同的方式计算，合计90日"))
    }

    @Test func marksAProvisionalResultNamingTheYear() throws {
        let lines = try Self.explain(DeadlineRequest(from: "2026-12-15", days: "30"))
        #expect(lines.last?.hasPrefix("【暂定】期限涉及2027年") == true)
    }

    @Test func saysWhenAMakeUpDayStopsTheRoll() throws {
        let text = try Self.explain(DeadlineRequest(from: "2024-01-05", days: "30")).joined(separator: "\n")
        #expect(text.contains("最后一日2024-02-04（星期日）为调休上班日，属工作日，不顺延"))
    }

    @Test func notesAnUnverifiedRule() throws {
        let text = try Self.explain(DeadlineRequest(from: "2024-03-01", rule: "legalAid.decision")).joined(separator: "\n")
        #expect(text.contains(DeadlineRule.unverifiedNote))
    }
}
