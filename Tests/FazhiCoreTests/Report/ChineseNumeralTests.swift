import Testing
@testable import FazhiCore

@Suite struct ReportChineseNumeralTests {
    @Test(arguments: [
        (1, "一"), (2, "二"), (7, "七"), (10, "十"), (11, "十一"), (12, "十二"), (20, "二十"), (21, "二十一"),
        (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (111, "一百一十一"),
        (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (2024, "二千零二十四"), (0, "零"),
    ])
    func numerals(_ value: Int, _ expected: String) {
        #expect(ChineseNumeral.text(value) == expected)
    }

    @Test func headingMarkers() {
        #expect(ChineseNumeral.sectionMarker(1) == "一、")
        #expect(ChineseNumeral.sectionMarker(4) == "四、")
        #expect(ChineseNumeral.subsectionMarker(1) == "（一）")
        #expect(ChineseNumeral.subsectionMarker(7) == "（七）")
        #expect(ChineseNumeral.subsectionMarker(12) == "（十二）")
    }
}
