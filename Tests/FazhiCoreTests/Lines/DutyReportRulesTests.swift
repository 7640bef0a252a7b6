@testable import FazhiCore
import Testing

@Suite("谁执法谁普法: a duty report's submission and review")
struct DutyReportRulesTests {
    let today = CivilDate(year: 2025, month: 6, day: 1)!

    @Test("A submission needs a year up to this one, a title and its text, each within its length; every broken rule named")
    func submission() throws {
        let ok = try DutyReportRules.submission(year: " 2024 ", title: " 2024年度履职报告 ", text: "正文\n", today: today)
        #expect(ok == .init(year: 2024, title: "2024年度履职报告", text: "正文"))
        #expect(try DutyReportRules.submission(year: "2025", title: "t", text: "x", today: today).year == 2025)
        for (year, title, text, fields) in [
            ("2026", "t", "x", ["year"]), ("1999", "t", "x", ["year"]), ("二〇二四", "t", "x", ["year"]), (nil, "t", "x", ["year"]),
            ("2024", "", "  ", ["title", "text"]), ("2024", String(repeating: "题", count: 201), "x", ["title"]),
            ("2024", "t", String(repeating: "字", count: DutyReportRules.maxText + 1), ["text"]),
        ] as [(String?, String, String, [String])] {
            do {
                _ = try DutyReportRules.submission(year: year, title: title, text: text, today: today)
                Issue.record("\(String(describing: year)) \(title.prefix(5)) passed")
            } catch {
                #expect(error.errors.map(\.field) == fields)
            }
        }
    }

    @Test("A review scores 0–100 with comments; equal scores share a rank")
    func review() throws {
        #expect(try DutyReportRules.review(score: "0", comments: "差").score == 0)
        #expect(try DutyReportRules.review(score: "100", comments: " 好 ").comments == "好")
        for (score, comments, fields) in [("101", "好", ["score"]), ("-1", "好", ["score"]), ("九十", "", ["score", "comments"]),
                                          ("90", String(repeating: "意", count: 1_001), ["comments"])] {
            do {
                _ = try DutyReportRules.review(score: score, comments: comments)
                Issue.record("\(score) passed")
            } catch {
                #expect(error.errors.map(\.field) == fields)
            }
        }
        #expect(DutyReportRules.ranks([98, 95, 95, 90]) == [1, 2, 2, 4])
        #expect(DutyReportRules.ranks([]) == [])
    }
}

extension DutyReportRulesTests {
    @Test("The office enters a report on paper only for an agency that has not submitted; it never overwrites the agency's own",
          arguments: [(DutyReportRules.Submitter?.none, DutyReportRules.Submitter.office, true), (.office, .office, true), (.agency, .office, false),
                      (nil, .agency, true), (.agency, .agency, true), (.office, .agency, true)])
    func replacement(_ existing: DutyReportRules.Submitter?, _ submitter: DutyReportRules.Submitter, _ allowed: Bool) {
        do {
            try DutyReportRules.replacement(of: existing, by: submitter, agency: "公安分局", year: 2024)
            #expect(allowed)
        } catch {
            #expect(!allowed)
            #expect(error.field == "orgID" && error.message.contains("不能修改单位自行提交的报告"))
        }
    }
}
