@testable import FazhiOffice
import FazhiTestSupport
import Foundation
import Testing

/// LibreOffice opens the written .xlsx and saves it as CSV: a file it would have to repair, or a
/// date it would show as a number, fails here. Runs only where LibreOffice Calc is installed (a
/// machine with only libreoffice-writer has `soffice` but cannot load a spreadsheet).
@Suite struct XLSXLibreOfficeTests {
    @Test(.enabled(if: LibreOffice.calc != nil, "LibreOffice Calc is not installed"), .timeLimit(.minutes(2)))
    func libreOfficeReadsTheWrittenWorkbook() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let xlsx = directory.appendingPathComponent("register.xlsx")
        try XLSXWriter().write(XLSXWriterTests.register, sheetName: "行政复议台账").write(to: xlsx)

        // Filter options 44,34,76: comma, double quote, UTF-8.
        let status = try await LibreOffice.convert(xlsx, to: "csv:Text - txt - csv (StarCalc):44,34,76", outdir: directory,
                                             profileFolder: directory)
        #expect(status == 0)

        let csv = try CSVReader().read(Data(contentsOf: directory.appendingPathComponent("register.csv")))
        try #require(csv.rows.count == 3)
        #expect(csv.header == XLSXWriterTests.register.header)
        let shown = csv.rows.map { $0.cells.map(\.displayText) }
        #expect(shown == [
            ["张三", "2024-03-01", "2024-04-02 09:30:00", "4730000", "TRUE",
             "不服河东区市场监督管理局作出的行政处罚决定\n（津东市监罚〔2024〕12号）"],
            // LibreOffice does not reproduce Excel's 1900 leap-year bug, so serials before 1900-03-01
            // show a day early there; Excel shows serial 1 as 1900-01-01, which is what we write.
            ["  李四 ", "1899-12-31", "", "-0.25", "FALSE", "<script>&\"引号\"_x0041_"],
            ["", "", "", "", "", "只有最后一列"],
        ])
    }

    /// The other direction: a workbook saved by LibreOffice (its own shared strings, styles and date
    /// formats) reads back as the table we gave it.
    @Test(.enabled(if: LibreOffice.calc != nil, "LibreOffice Calc is not installed"), .timeLimit(.minutes(2)))
    func readsAWorkbookSavedByLibreOffice() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-xlsx-\(UUID().uuidString)")
        let resaved = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: resaved, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var table = XLSXWriterTests.register
        table.rows[1].cells[1] = .date(SpreadsheetDate(year: 2023, month: 12, day: 31))
        let xlsx = directory.appendingPathComponent("register.xlsx")
        try XLSXWriter().write(table, sheetName: "台账").write(to: xlsx)

        let status = try await LibreOffice.convert(xlsx, to: "xlsx:Calc Office Open XML", outdir: resaved, profileFolder: directory)
        #expect(status == 0)

        let read = try XLSXReader().read(Data(contentsOf: resaved.appendingPathComponent("register.xlsx")))
        #expect(read.header == table.header)
        #expect(read.rows == table.rows)
    }
}
