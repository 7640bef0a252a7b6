@testable import FazhiOffice
import FazhiTestSupport
import Foundation
import Testing

@Suite struct CSVTests {
    static let text = "姓名,事由,金额\r\n张三,\"不服处罚决定，申请复议\",100\r\n\"李\"\"四\"\"\",\"第一行\n第二行\",\r\n"
    static let expected = SpreadsheetTable(header: ["姓名", "事由", "金额"], rows: [
        SpreadsheetRow(number: 2, cells: [.text("张三"), .text("不服处罚决定，申请复议"), .text("100")]),
        SpreadsheetRow(number: 3, cells: [.text("李\"四\""), .text("第一行\n第二行")]),
    ])

    @Test func readsUTF8WithAndWithoutBOM() throws {
        let (withBOM, encoding) = try CSVReader().readWithEncoding(Data([0xEF, 0xBB, 0xBF]) + Data(Self.text.utf8))
        #expect(withBOM == Self.expected)
        #expect(encoding == .utf8)
        #expect(try CSVReader().read(Data(Self.text.utf8)) == Self.expected)
        #expect(try CSVReader().read(Data(Self.text.replacingOccurrences(of: "\r\n", with: "\n").utf8)) == Self.expected)
    }

    @Test func readsGBKAsExcelOnChineseWindowsWritesIt() throws {
        // "姓名\r\n张三\r\n" in GBK, as a byte dump of a file saved by Excel shows it.
        let bytes = Data([0xD0, 0xD5, 0xC3, 0xFB, 0x0D, 0x0A, 0xD5, 0xC5, 0xC8, 0xFD, 0x0D, 0x0A])
        let (table, encoding) = try CSVReader().readWithEncoding(bytes)
        #expect(encoding == .gb18030)
        #expect(table.header == ["姓名"])
        #expect(table.rows == [SpreadsheetRow(number: 2, cells: [.text("张三")])])
        #expect(try Self.gb18030("张三") == Data([0xD5, 0xC5, 0xC8, 0xFD]))

        #expect(try CSVReader().read(try Self.gb18030(Self.text)) == Self.expected)
        // Characters outside GBK that GB18030 encodes in four bytes.
        let rare = "𠀀,€,〔2024〕\r\n"
        #expect(try CSVReader().read(try Self.gb18030(rare)).header == ["𠀀", "€", "〔2024〕"])
    }

    @Test func readsExcelUnicodeTextAsTabSeparatedUTF16() throws {
        var data = Data([0xFF, 0xFE])
        data.append(try #require("姓名\t年龄\r\n王五\t40\r\n".data(using: .utf16LittleEndian)))
        let (table, encoding) = try CSVReader().readWithEncoding(data)
        #expect(encoding == .utf16LittleEndian)
        #expect(table.header == ["姓名", "年龄"])
        #expect(table.rows[0].cells == [.text("王五"), .text("40")])
    }

    @Test func keepsRowNumbersAcrossBlankLinesAndEmbeddedNewlines() throws {
        let table = try CSVReader().read(Data("a,b\n\n\"x\ny\",1\n,,\n2,\"\"\nlast,3".utf8))
        #expect(table.rows.map(\.number) == [3, 5, 6])
        #expect(table.rows.last?.cells == [.text("last"), .text("3")])
        #expect(table.rows[1].cells == [.text("2")])
    }

    @Test func isLenientWhereExcelIs() throws {
        let table = try CSVReader().read(Data("h1,h2\nab\"c,\"q\"tail\n".utf8))
        #expect(table.rows[0].cells == [.text("ab\"c"), .text("qtail")])
    }

    @Test func refusesUnclosedQuotesAndUnknownEncodings() {
        #expect(throws: SpreadsheetError.unterminatedQuote(row: 2)) {
            try CSVReader().read(Data("a,b\n1,\"open\n3,4\n".utf8))
        }
        #expect(throws: SpreadsheetError.unknownEncoding) { try CSVReader().read(Data([0x41, 0xFF, 0xFF, 0x80])) }
    }

    @Test func reportsProgressInBytes() throws {
        let text = "n\n" + (1...100).map(String.init).joined(separator: "\n")
        var reports: [SpreadsheetProgress] = []
        _ = try CSVReader(progress: ProgressReporter(every: 50) { reports.append($0) }).read(Data(text.utf8))
        #expect(reports.map(\.rowsRead) == [50, 100, 101])
        #expect(reports.last?.fractionCompleted == 1)
    }

    @Test func writesUTF8WithBOMThatReadsBack() throws {
        let table = SpreadsheetTable(header: ["姓名", "备注"], cells: [
            [.text("张三"), .text("含,逗号")],
            [.text(" 前后空格 "), .text("含\"引号\"\n换行")],
            [.number(13_800_138_000), .date(SpreadsheetDate(year: 2024, month: 3, day: 1))],
            [.text("=1+2"), .bool(true)],
        ])
        let data = CSVWriter().write(table)
        #expect(data.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text == "姓名,备注\r\n张三,\"含,逗号\"\r\n\" 前后空格 \",\"含\"\"引号\"\"\n换行\"\r\n13800138000,2024-03-01\r\n'=1+2,TRUE\r\n")
        let back = try CSVReader().read(CSVWriter(neutralizesFormulas: false).write(table))
        #expect(back.rows.map { $0.cells.map(\.displayText) } == table.rows.map { $0.cells.map(\.displayText) })
    }

    /// GB18030 bytes made by the C library's iconv, the way Excel on Windows would save the text.
    static func gb18030(_ text: String) throws -> Data { try GB18030.encoded(text) }
}
