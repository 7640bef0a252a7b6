import FazhiCore
@testable import FazhiOffice
import Foundation
import Testing

@Suite struct OfficialDocumentTests {
    @Test func headingNumbersPerLevel() {
        let cases: [(level: Int, n: Int, expected: String)] = [
            (1, 1, "一、"), (2, 1, "（一）"), (3, 1, "1."), (1, 10, "十、"), (2, 11, "（十一）"), (1, 23, "二十三、"),
            (2, 99, "（九十九）"), (3, 100, "100."),
        ]
        for (level, n, expected) in cases {
            #expect(OfficialDocument.headingNumber(n, level: level) == expected)
        }
    }

    @Test func headingNumbersRestartUnderEachHigherHeading() {
        var document = InstrumentFixtures.decision
        document.body = [.heading(level: 1, text: "甲"), .heading(level: 2, text: "乙"), .heading(level: 3, text: "丙"),
                         .heading(level: 3, text: "丁"), .heading(level: 2, text: "戊"), .heading(level: 3, text: "己"),
                         .heading(level: 1, text: "庚"), .heading(level: 2, text: "辛"), .heading(level: 7, text: "壬")]
        #expect(document.printedBody.map(\.text) == ["一、甲", "（一）乙", "1.丙", "2.丁", "（二）戊", "1.己", "二、庚", "（一）辛", "1.壬"])
    }

    @Test func issueDateUsesArabicNumeralsWithoutLeadingZeros() {
        #expect(OfficialDocument.IssueDate(year: 2024, month: 1, day: 7).text == "2024年1月7日")
        #expect(OfficialDocument.IssueDate(CivilDate(year: 2024, month: 1, day: 17)!).text == "2024年1月17日")
    }

    @Test func plainTextReadsInOrder() {
        let lines = InstrumentFixtures.decision.plainText.split(separator: "\n").map(String.init)
        #expect(lines.prefix(4) == ["天津市河东区人民政府", "行政复议决定书", "东政复〔2024〕12号", "申请人：张某某，男，1980年3月5日出生，住天津市河东区某街道某小区。"])
        #expect(lines.suffix(5) == ["（印章）", "天津市河东区人民政府", "2024年1月17日", "（此件依申请公开）", "抄送：天津市河东区司法局，天津市河东区某局。"])
    }
}
