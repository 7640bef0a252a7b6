@testable import FazhiOffice
import Foundation
import Testing
import ZIPFoundation

/// Issue 9, item 3: a file is refused at the first `SpreadsheetLimits` it passes, with an error naming the limit,
/// whatever it claims about itself, and a row holds only the cells up to its last filled one.
@Suite("Spreadsheet limits")
struct SpreadsheetLimitTests {
    static func limits(_ change: (inout SpreadsheetLimits) -> Void) -> SpreadsheetLimits {
        var limits = SpreadsheetLimits.web
        change(&limits)
        return limits
    }

    static func inlineCell(_ reference: String, _ text: String) -> String {
        "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
    }

    @Test("A value in column XFD of every row is refused naming the 256-column limit; an empty <c r=\"XFD1\"/> costs nothing")
    func columnXFD() throws {
        let rows = (1...2_000).map { "<row r=\"\($0)\">\(Self.inlineCell("A\($0)", "名\($0)"))<c r=\"XFD\($0)\"><v>1</v></c></row>" }
        let data = try XLSXFixture.workbook(sheets: [("数据", XLSXFixture.sheet(rows.joined(), dimension: "A1:XFD2000"))])
        #expect(throws: SpreadsheetError.tooManyColumns(limit: 256)) { try XLSXReader().read(data) }
        #expect(SpreadsheetError.tooManyColumns(limit: 256).description.contains("工作表超过 256 列的上限"))
        #expect(SpreadsheetError.tooManyColumns(limit: 256).isLimit)  // the server answers 413 (UploadLimitTests)

        let blanks = (1...2_000).map { "<row r=\"\($0)\">\(Self.inlineCell("A\($0)", "名\($0)"))<c r=\"XFD\($0)\" s=\"1\"/></row>" }
        let table = try XLSXReader().read(try XLSXFixture.workbook(sheets: [("数据", XLSXFixture.sheet(blanks.joined()))]))
        #expect(table.rows.count == 1_999)
        #expect(table.rows.allSatisfy { $0.cells.count == 1 })
        #expect(table.rows.allSatisfy { $0.cells.capacity < 16 })
    }

    @Test("Rows past the row limit, and cells past the cell budget, are refused naming the limit")
    func rowsAndCells() throws {
        let rows = (1...150).map { n in "<row r=\"\(n)\">" + (0..<20).map { Self.inlineCell("\(SpreadsheetColumn.letters($0))\(n)", "x") }.joined() + "</row>" }
        let data = try XLSXFixture.workbook(sheets: [("数据", XLSXFixture.sheet(rows.joined()))])
        #expect(throws: SpreadsheetError.tooManyRows(limit: 100)) {
            try XLSXReader(limits: Self.limits { $0.rows = 100 }).read(data)
        }
        #expect(throws: SpreadsheetError.tooManyCells(limit: 1_000)) {
            try XLSXReader(limits: Self.limits { $0.cells = 1_000 }).read(data)
        }
        #expect(try XLSXReader().read(data).rows.count == 149)
        #expect(SpreadsheetError.tooManyRows(limit: 200_000).description.contains("200000 行的上限"))
    }

    @Test("A highly compressible part is stopped where it passes the part limit, and parts together at the total limit")
    func inflation() throws {
        // 5 MB of blanks inside the sheet: a few KB zipped.
        let padding = String(repeating: " ", count: 5 * 1_048_576)
        let bomb = try XLSXFixture.workbook(sheets: [("数据", XLSXFixture.sheet("<row r=\"1\">\(Self.inlineCell("A1", "a"))</row>" + padding))])
        #expect(bomb.count < 100_000)
        #expect(throws: SpreadsheetError.tooLarge(limitBytes: 1_048_576)) {
            try XLSXReader(limits: Self.limits { $0.partBytes = 1_048_576 }).read(bomb)
        }
        #expect(SpreadsheetError.tooLarge(limitBytes: 128 * 1_048_576).description.contains("128 MB 的上限"))

        // Three parts of 0.9 MB each: every one under the part limit, together over the total.
        let filler = String(repeating: " ", count: 900_000)
        let spread = try XLSXFixture.workbook(
            sheets: [("数据", XLSXFixture.sheet("<row r=\"1\"><c r=\"A1\" t=\"s\" s=\"0\"><v>0</v></c></row>" + filler))],
            sharedStrings: "<sst xmlns=\"\(XLSXFixture.main)\"><si><t>a</t></si>\(filler)</sst>",
            styles: "<styleSheet xmlns=\"\(XLSXFixture.main)\">\(filler)</styleSheet>")
        let limits = Self.limits { $0.partBytes = 1_048_576; $0.inflatedBytes = 2 * 1_048_576 }
        #expect(throws: SpreadsheetError.inflatedTooLarge(limitBytes: 2 * 1_048_576)) { try XLSXReader(limits: limits).read(spread) }
        #expect(try XLSXReader().read(spread).header == ["a"])
    }

    @Test("A ZIP with more entries than the limit is refused before any part is read")
    func entries() throws {
        let good = try XLSXFixture.workbook(sheets: [("数据", XLSXFixture.sheet("<row r=\"1\">\(Self.inlineCell("A1", "a"))</row>"))])
        let archive = try Archive(data: good, accessMode: .update)
        for index in 0..<1_000 {
            let data = Data("x".utf8)
            try archive.addEntry(with: "customXml/item\(index).xml", type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .none) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        let crowded = try #require(archive.data)
        #expect(throws: SpreadsheetError.tooManyEntries(limit: 1_000)) { try XLSXReader().read(crowded) }
        #expect(try XLSXReader().read(good).header == ["a"])
    }

    @Test("Shared strings past the limit are refused")
    func sharedStrings() throws {
        let strings = (0..<50).map { "<si><t>s\($0)</t></si>" }.joined()
        let data = try XLSXFixture.workbook(
            sheets: [("数据", XLSXFixture.sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"))],
            sharedStrings: "<sst xmlns=\"\(XLSXFixture.main)\">\(strings)</sst>")
        #expect(throws: SpreadsheetError.tooManySharedStrings(limit: 10)) {
            try XLSXReader(limits: Self.limits { $0.sharedStrings = 10 }).read(data)
        }
    }

    @Test("CSV: too many columns, too many rows, a gigantic line, a lost quote; trailing blanks are not held")
    func csv() throws {
        let wide = (0..<300).map { "c\($0)" }.joined(separator: ",") + "\n"
        #expect(throws: SpreadsheetError.tooManyColumns(limit: 256)) { try CSVReader().read(Data(wide.utf8)) }

        let trailing = "姓名" + String(repeating: ",", count: 5_000) + "\n张三" + String(repeating: ",", count: 5_000) + "\n"
        let table = try CSVReader().read(Data(trailing.utf8))
        #expect(table.header == ["姓名"])
        #expect(table.rows.map(\.cells) == [[.text("张三")]])

        let tall = Data(("名称\n" + String(repeating: "x\n", count: 200_000)).utf8)
        #expect(throws: SpreadsheetError.tooManyRows(limit: 200_000)) { try CSVReader().read(tall) }
        #expect(try CSVReader(limits: .commandLine).read(tall).rows.count == 200_000)

        let line = Data(("名称,备注\n张三," + String(repeating: "很", count: 400_000) + "\n").utf8)
        #expect(throws: SpreadsheetError.recordTooLong(row: 2, limitBytes: 1_048_576)) { try CSVReader().read(line) }
        let lostQuote = Data(("名称,备注\n张三,\"" + String(repeating: "a,b\n", count: 300_000)).utf8)
        #expect(throws: SpreadsheetError.recordTooLong(row: 2, limitBytes: 1_048_576)) { try CSVReader().read(lostQuote) }
        #expect(SpreadsheetError.recordTooLong(row: 2, limitBytes: 1_048_576).description.contains("第2行超过 1 MB 的上限"))

        #expect(throws: SpreadsheetError.tooManyCells(limit: 100)) {
            try CSVReader(limits: Self.limits { $0.cells = 100 }).read(Data(String(repeating: "a,b,c\n", count: 50).utf8))
        }
        #expect(throws: SpreadsheetError.tooLarge(limitBytes: 1_000)) {
            try CSVReader(limits: Self.limits { $0.partBytes = 1_000 }).read(Data(String(repeating: "a\n", count: 600).utf8))
        }
    }
}
