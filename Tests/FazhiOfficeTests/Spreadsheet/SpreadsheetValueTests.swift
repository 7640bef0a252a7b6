@testable import FazhiOffice
import Foundation
import Testing

@Suite struct SpreadsheetValueTests {
    @Test(arguments: [
        (1.0, SpreadsheetDate(year: 1900, month: 1, day: 1)),
        (59.0, SpreadsheetDate(year: 1900, month: 2, day: 28)),
        (60.0, SpreadsheetDate(year: 1900, month: 2, day: 29)),   // Lotus's phantom day, as Excel shows it
        (61.0, SpreadsheetDate(year: 1900, month: 3, day: 1)),
        (36526.0, SpreadsheetDate(year: 2000, month: 1, day: 1)),
        (45352.0, SpreadsheetDate(year: 2024, month: 3, day: 1)),
        (45352.75, SpreadsheetDate(year: 2024, month: 3, day: 1, hour: 18)),
        (45352.99999999, SpreadsheetDate(year: 2024, month: 3, day: 2)),
        (2958465.0, SpreadsheetDate(year: 9999, month: 12, day: 31)),
    ])
    func convertsSerialsInThe1900System(serial: Double, date: SpreadsheetDate) {
        #expect(SpreadsheetDate(excelSerial: serial) == date)
        if serial == serial.rounded() { #expect(date.excelSerial == serial) }
    }

    @Test func refusesSerialsOutsideExcelsRange() {
        #expect(SpreadsheetDate(excelSerial: -1) == nil)
        #expect(SpreadsheetDate(excelSerial: 3_000_000) == nil)
        #expect(SpreadsheetDate(excelSerial: .nan) == nil)
        #expect(SpreadsheetDate(excelSerial: 1462, date1904: true) == SpreadsheetDate(year: 1908, month: 1, day: 2))
    }

    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")])
    func namesColumnsAsExcelDoes(index: Int, letters: String) {
        #expect(SpreadsheetColumn.letters(index) == letters)
        #expect(SpreadsheetColumn.index(letters) == index)
        #expect(SpreadsheetColumn.parseReference(Array((letters + "12").utf8))?.column == index)
    }

    @Test func parsesReferences() {
        #expect(SpreadsheetColumn.parseReference("$C$3".utf8)! == (2, 3))
        #expect(SpreadsheetColumn.parseReference("B".utf8)! == (1, nil))
        #expect(SpreadsheetColumn.parseReference("3C".utf8) == nil)
        #expect(SpreadsheetColumn.parseReference("XFE1".utf8) == nil)
        #expect(SpreadsheetColumn.index("") == nil)
    }

    @Test(arguments: [
        ("yyyy-mm-dd", true), ("yyyy\"年\"m\"月\"d\"日\"", true), ("[$-804]yyyy/m/d", true), ("h:mm", true),
        ("General", false), ("0.00", false), ("#,##0.00\"元\"", false), ("0.00_);[Red](0.00)", false),
        ("\"day\"0", false), ("0.00E+00", false), ("@", false), ("[DBNum1][$-804]General", false),
    ])
    func tellsDateFormatsFromNumberFormats(code: String, isDate: Bool) {
        #expect(XLSXStyles.isDateFormat(code) == isDate)
    }

    @Test func printsCellsAsTheFormulaBarDoes() {
        #expect(SpreadsheetCell.number(13_800_138_000).displayText == "13800138000")
        #expect(SpreadsheetCell.number(0.1).displayText == "0.1")
        #expect(SpreadsheetCell.date(SpreadsheetDate(year: 2024, month: 3, day: 1)).displayText == "2024-03-01")
        #expect(SpreadsheetCell.date(SpreadsheetDate(year: 2024, month: 3, day: 1, hour: 9, minute: 5)).displayText == "2024-03-01 09:05:00")
        #expect(SpreadsheetCell.string("") == .empty)
    }

    @Test func escapesAndUnescapesOOXMLText() {
        let text = "a<b>&\"c\"\r\n_x0041_\u{1}"
        let escaped = OOXMLText.escaped(text)
        #expect(escaped == "a&lt;b&gt;&amp;&quot;c&quot;_x000D_\n_x005F_x0041__x0001_")
        #expect(OOXMLText.unescaped(escaped.replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")) == text)
        #expect(OOXMLText.unescaped("无_下划线_x") == "无_下划线_x")
    }
}
