@testable import FazhiOffice
import Foundation
import Testing
import ZIPFoundation

@Suite struct XLSXWriterTests {
    static let register = SpreadsheetTable(header: ["姓名", "申请日期", "开庭时间", "金额（元）", "是否纠错", "事由"], cells: [
        [.text("张三"), .date(SpreadsheetDate(year: 2024, month: 3, day: 1)),
         .date(SpreadsheetDate(year: 2024, month: 4, day: 2, hour: 9, minute: 30)), .number(4_730_000), .bool(true),
         .text("不服河东区市场监督管理局作出的行政处罚决定\n（津东市监罚〔2024〕12号）")],
        [.text("  李四 "), .date(SpreadsheetDate(year: 1900, month: 1, day: 1)), .empty, .number(-0.25), .bool(false),
         .text("<script>&\"引号\"_x0041_")],
        [.empty, .empty, .empty, .empty, .empty, .text("只有最后一列")],
    ])

    @Test func roundTripsChineseTextDatesAndNumbers() throws {
        let data = try XLSXWriter().write(Self.register, sheetName: "行政复议台账")
        let table = try XLSXReader().read(data)
        #expect(table.header == Self.register.header)
        #expect(table.rows == Self.register.rows)
        #expect(try XLSXReader().sheetNames(data) == ["行政复议台账"])
    }

    @Test func writesTheSameBytesForTheSameTable() throws {
        #expect(try XLSXWriter().write(Self.register, sheetName: "a") == XLSXWriter().write(Self.register, sheetName: "a"))
    }

    @Test func freezesTheHeaderAndSizesColumnsForChineseText() throws {
        let data = try XLSXWriter().write(Self.register, sheetName: "台账", textColumns: [0])
        let sheet = try Self.part("xl/worksheets/sheet1.xml", of: data)
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        // 事由: 21 Chinese characters on its longest line → 42 + 2; 姓名 ("  李四 ", 7) is text-formatted.
        #expect(sheet.contains("<col min=\"6\" max=\"6\" width=\"44\" customWidth=\"1\"/>"))
        #expect(sheet.contains("<col min=\"1\" max=\"1\" width=\"9\" customWidth=\"1\" style=\"5\"/>"))
        #expect(sheet.contains("<c r=\"A1\" s=\"1\" t=\"s\">"))
        let styles = try Self.part("xl/styles.xml", of: data)
        #expect(styles.contains("<b/>"))
        #expect(styles.contains("formatCode=\"yyyy\\-mm\\-dd\""))
    }

    @Test func repairsSheetNamesExcelWouldRefuse() {
        #expect(XLSXWriter.sheetNames(["a/b:c", "", "河东区司法局2024年行政复议案件办理情况统计表（按月份分列汇总）", "A/B:C"])
            == ["a_b_c", "Sheet2", "河东区司法局2024年行政复议案件办理情况统计表（按月份分列汇", "A_B_C(2)"])
    }

    @Test func writesSeveralSheetsAndAnEmptyTable() throws {
        let data = try XLSXWriter().write(sheets: [
            .init(name: "说明", table: SpreadsheetTable(header: ["请按模板填写"], rows: [])),
            .init(name: "数据", table: Self.register),
        ])
        #expect(try XLSXReader().read(data, sheet: 1).rows == Self.register.rows)
        #expect(try XLSXReader().read(data).header == ["请按模板填写"])
        let empty = try XLSXWriter().write(SpreadsheetTable(header: [], rows: []), sheetName: "空")
        #expect(try XLSXReader().read(empty) == SpreadsheetTable(header: [], rows: []))
    }

    static func part(_ path: String, of data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[path])
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
