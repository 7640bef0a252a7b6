import Testing
@testable import FazhiOffice

/// GB/T 9704-2012 7.3.1: a title wider than the line breaks where the words allow, in lines of near-equal length, and
/// never leaves one character alone. 20 characters is the 2号 title's line in the 156 mm 版心.
@Suite struct TitleLinesTests {
    @Test("A title that fits stays on one line")
    func fits() {
        #expect(TitleLines.lines("行政复议决定书", charactersPerLine: 20) == ["行政复议决定书"])
        #expect(TitleLines.lines(String(repeating: "复", count: 20), charactersPerLine: 20).count == 1)
        #expect(TitleLines.lines("", charactersPerLine: 20) == [""])
    }

    @Test("Breaks keep the title's words and punctuation whole", arguments: [
        // After 关于.
        ("天津市河东区人民政府关于印发法治政府建设实施纲要的通知", ["天津市河东区人民政府关于", "印发法治政府建设实施纲要的通知"]),
        // Before a conjunction, the lines near-equal.
        ("关于行政复议、行政应诉和行政执法监督工作情况的报告", ["关于行政复议、行政应诉", "和行政执法监督工作情况的报告"]),
        // Before 关于: the organ on a line of its own.
        ("河东区人民政府行政复议办公室关于延期审理的通知", ["河东区人民政府行政复议办公室", "关于延期审理的通知"]),
        // Between words, not inside one (规|范化), nor inside a law's name where a break outside it would leave 21.
        ("关于进一步加强行政复议规范化建设工作的实施意见", ["关于进一步加强行政复议", "规范化建设工作的实施意见"]),
        ("关于《天津市河东区行政规范性文件管理办法（试行）》的解读说明", ["关于《天津市河东区行政规范性文件", "管理办法（试行）》的解读说明"]),
    ])
    func preferredBreaks(title: String, expected: [String]) {
        #expect(TitleLines.lines(title, charactersPerLine: 20) == expected)
    }

    @Test("No line is a single character, wider than the line, or starts with closing punctuation", arguments: [
        "天津市河东区人民政府关于进一步加强行政复议规范化建设工作的实施意见",
        "河东区司法局关于2024年度法治政府建设情况的报告",
        "关于《天津市河东区行政规范性文件管理办法（试行）》的解读说明",
        // One character over: two balanced lines, not 20 + 1.
        String(repeating: "法", count: 21),
        String(repeating: "法", count: 41),
        "天津市河东区人民政府行政复议决定书（东政复〔2024〕123号）",
    ])
    func rules(title: String) {
        let lines = TitleLines.lines(title, charactersPerLine: 20)
        #expect(lines.joined() == title)
        #expect(lines.count == Int((TitleLines.width(title) / 20).rounded(.up)), "\(lines)")
        for line in lines {
            #expect(line.count >= 2, "\(lines)")
            #expect(TitleLines.width(line) <= 20, "\(lines)")
            #expect(!TitleLines.closingPunctuation.contains(line.first!), "\(lines)")
            #expect(!TitleLines.openingPunctuation.contains(line.last!), "\(lines)")
        }
    }

    @Test("A number is never split, and explicit line breaks are kept")
    func numbers() {
        let lines = TitleLines.lines("关于2024年度行政复议案件办理情况及20250101号文件执行情况的报告", charactersPerLine: 20)
        #expect(lines.allSatisfy { !$0.hasPrefix("0") && !$0.hasPrefix("2") || $0.hasPrefix("2024") || $0.hasPrefix("20250101") })
        #expect(lines.joined().contains("20250101"))
        #expect(lines.contains { $0.contains("20250101") })
        #expect(TitleLines.lines("天津市河东区人民政府\n行政复议决定书", charactersPerLine: 20) == ["天津市河东区人民政府", "行政复议决定书"])
    }

    @Test("Half-width characters count half")
    func halfWidth() {
        #expect(TitleLines.width("2024年") == 3)
        #expect(TitleLines.lines("关于2024年度工作的报告", charactersPerLine: 10).count == 2)
    }
}
