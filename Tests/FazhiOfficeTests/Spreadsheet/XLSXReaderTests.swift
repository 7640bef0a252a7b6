@testable import FazhiOffice
import Foundation
import Testing

@Suite struct XLSXReaderTests {
    @Test func readsEveryCellKindOfAnExcelLedger() throws {
        let table = try XLSXReader().read(XLSXFixture.ledger())

        #expect(table.header == ["姓名", "申请日期", "受理日期", "金额", "是否纠错", "备注"])
        #expect(table.rows.map(\.number) == [2, 4, 5, 6])
        #expect(table.rows[0].cells == [
            .text("张三"),
            .date(SpreadsheetDate(year: 2024, month: 3, day: 1)),   // built-in format 14
            .date(SpreadsheetDate(year: 2024, month: 3, day: 15)),  // yyyy"年"m"月"d"日"
            .number(1234.5),                                        // #,##0.00"元" is not a date
            .bool(true),
            .text("行内文字"),
        ])
        // Rich text runs joined, the phonetic guide left out; B4 and D4 are absent in the XML.
        #expect(table.rows[1].cells == [.text("李四 "), .empty, .date(SpreadsheetDate(year: 2023, month: 3, day: 15)),
                                        .empty, .bool(false), .text("公式结果")])
        #expect(table.rows[2].cells == [.text("第一行\r\n第二行"),
                                        .date(SpreadsheetDate(year: 2024, month: 3, day: 1, hour: 12)),
                                        .empty, .number(-3)])
        // Cells without references follow each other.
        #expect(table.rows[3].cells == [.text("无引用"), .number(7)])
        #expect(table.rows[1][3] == .empty)
        #expect(table.rows[1][40] == .empty)
        #expect(table.rows[1].location(ofColumn: 2) == "第4行 C列")
        #expect(table.column(named: "备注") == 5)
    }

    @Test func honoursThe1904DateSystem() throws {
        let styles = """
        <styleSheet xmlns="\(XLSXFixture.main)"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>
        """
        let rows = """
        <row r="1"><c r="A1" t="inlineStr"><is><t>日期</t></is></c></row>\
        <row r="2"><c r="A2" s="1"><v>0</v></c></row><row r="3"><c r="A3" s="1"><v>43890</v></c></row>
        """
        let data = try XLSXFixture.workbook(sheets: [("S", XLSXFixture.sheet(rows))], styles: styles,
                                            workbookProperties: "<workbookPr date1904=\"1\"/>")
        let table = try XLSXReader().read(data)
        #expect(table.rows.map { $0[0] } == [.date(SpreadsheetDate(year: 1904, month: 1, day: 1)),
                                             .date(SpreadsheetDate(year: 2024, month: 3, day: 1))])
    }

    @Test func findsSheetsThroughRelationshipsAndPrefixedElements() throws {
        // Second sheet written by a .NET library with a namespace prefix and no shared strings.
        let prefixed = """
        <?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="\(XLSXFixture.main)"><x:sheetData>\
        <x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>案号</x:t></x:is></x:c></x:row>\
        <x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>东政复〔2024〕1号</x:t></x:is></x:c></x:row>\
        </x:sheetData></x:worksheet>
        """
        let first = XLSXFixture.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")
        let data = try XLSXFixture.workbook(sheets: [("说明", first), ("数据", prefixed)])
        #expect(try XLSXReader().sheetNames(data) == ["说明", "数据"])
        let table = try XLSXReader().read(data, sheet: 1)
        #expect(table.header == ["", "案号"])
        #expect(table.rows == [SpreadsheetRow(number: 2, cells: [.empty, .text("东政复〔2024〕1号")])])
        #expect(try XLSXReader().read(data).header == ["1"])
    }

    @Test func takesALaterHeaderUnderATitleRow() throws {
        let rows = """
        <row r="1"><c r="A1" t="inlineStr"><is><t>2024年行政复议案件台账</t></is></c></row>\
        <row r="3"><c r="A3" t="inlineStr"><is><t>姓名</t></is></c><c r="B3" t="inlineStr"><is><t>年龄</t></is></c></row>\
        <row r="4"><c r="A4" t="inlineStr"><is><t>王五</t></is></c><c r="B4"><v>40</v></c></row>
        """
        let table = try XLSXReader().read(XLSXFixture.workbook(sheets: [("S", XLSXFixture.sheet(rows))]))
        #expect(table.header == ["2024年行政复议案件台账"])
        let reheaded = try #require(table.reheaded(atRow: 3))
        #expect(reheaded.header == ["姓名", "年龄"])
        #expect(reheaded.rows == [SpreadsheetRow(number: 4, cells: [.text("王五"), .number(40)])])
    }

    @Test func reportsProgressWithTheDeclaredRowCount() throws {
        let rows = (1...25).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }.joined()
        let data = try XLSXFixture.workbook(sheets: [("S", XLSXFixture.sheet(rows, dimension: "A1:A25"))])
        var reports: [SpreadsheetProgress] = []
        let reader = XLSXReader(progress: ProgressReporter(every: 10) { reports.append($0) })
        let table = try reader.read(data)
        #expect(table.rows.count == 24)
        #expect(reports.map(\.rowsRead) == [10, 20, 25])
        #expect(reports.first?.totalRows == 25)
        #expect(reports.last?.fractionCompleted == 1)
    }

    @Test(arguments: [
        (Data("名字,年龄\n".utf8), SpreadsheetError.notXLSX),
        (Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), .legacyXLS),
        (Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), .notXLSX),
        (Data(), .notXLSX),
    ])
    func refusesWhatIsNotAnXLSX(data: Data, expected: SpreadsheetError) {
        #expect(throws: expected) { try XLSXReader().read(data) }
    }

    @Test func refusesAZIPWithoutAWorkbook() throws {
        let docx = try XLSXFixture.zip([("word/document.xml", "<w:document/>")])
        #expect(throws: SpreadsheetError.notXLSX) { try XLSXReader().read(docx) }
    }

    @Test func namesTheMissingSheet() throws {
        let data = try XLSXFixture.workbook(sheets: [("S", XLSXFixture.sheet(""))])
        #expect(throws: SpreadsheetError.sheetNotFound(index: 2, count: 1)) { try XLSXReader().read(data, sheet: 2) }
        #expect(SpreadsheetError.sheetNotFound(index: 2, count: 1).description == "工作表不存在：要读取第3个工作表，文件中共有1个")
    }

    @Test func reportsDamagedSheets() throws {
        let broken = try XLSXFixture.workbook(sheets: [("S", "<worksheet><sheetData><row><c></sheetData>")])
        #expect {
            try XLSXReader().read(broken)
        } throws: { error in
            guard case SpreadsheetError.malformedXML(let part, _) = error else { return false }
            return part == "xl/worksheets/sheet1.xml"
        }

        let badReference = try XLSXFixture.workbook(sheets: [("S", XLSXFixture.sheet("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>"))])
        #expect(throws: SpreadsheetError.invalidCellReference("1A")) { try XLSXReader().read(badReference) }

        let badShared = try XLSXFixture.workbook(sheets: [("S", XLSXFixture.sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>9</v></c></row>"))],
                                                 sharedStrings: "<sst xmlns=\"\(XLSXFixture.main)\"><si><t>a</t></si></sst>")
        #expect {
            try XLSXReader().read(badShared)
        } throws: { error in
            if case SpreadsheetError.malformedXML = error { return true }
            return false
        }
    }

    @Test func readsEntitiesCDATAAndCommentsAndRefusesDoctypes() throws {
        let rows = """
        <!-- saved by a tool that comments --><?pi data?>\
        <row r="1"><c r="A1" t="inlineStr"><is><t>A&amp;B &lt;&#x4E2D;&#25991;&gt;</t></is></c>\
        <c r='B1' t='inlineStr'><is><t><![CDATA[<不转义> & "原样"]]></t></is></c></row>
        """
        let table = try XLSXReader().read(XLSXFixture.workbook(sheets: [("S", XLSXFixture.sheet(rows))]))
        #expect(table.header == ["A&B <中文>", "<不转义> & \"原样\""])

        let doctype = "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaa\">]><worksheet><sheetData/></worksheet>"
        #expect(throws: SpreadsheetError.malformedXML(part: "xl/worksheets/sheet1.xml", line: 1)) {
            try XLSXReader().read(XLSXFixture.workbook(sheets: [("S", doctype)]))
        }
        let mismatched = "<worksheet>\n<sheetData><row></sheetData></worksheet>"
        #expect(throws: SpreadsheetError.malformedXML(part: "xl/worksheets/sheet1.xml", line: 2)) {
            try XLSXReader().read(XLSXFixture.workbook(sheets: [("S", mismatched)]))
        }
    }

    @Test func refusesPartsThatInflateBeyondTheLimit() throws {
        let rows = String(repeating: "<row><c><v>1</v></c></row>", count: 2_000)
        let data = try XLSXFixture.workbook(sheets: [("S", XLSXFixture.sheet(rows))])
        #expect(throws: SpreadsheetError.tooLarge(limitBytes: 10_000)) {
            try XLSXReader(maximumPartBytes: 10_000).read(data)
        }
    }

    @Test func errorsSpeakChinese() {
        #expect(SpreadsheetError.notXLSX.localizedDescription == "不是有效的 .xlsx 文件")
        #expect(SpreadsheetError.unterminatedQuote(row: 3).description == "CSV 格式错误：第3行的引号没有闭合")
    }
}
