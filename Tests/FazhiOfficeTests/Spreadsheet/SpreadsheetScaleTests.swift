@testable import FazhiOffice
import Foundation
import Testing

/// A year of a busy ledger: 100,000 rows written and read back. Prints the times (the benchmark
/// script reports throughput); asserts only that it finishes with the right rows.
@Suite struct SpreadsheetScaleTests {
    static let rowCount = 100_000
    static let streets = ["大王庄街道", "大直沽街道", "中山门街道", "富民路街道", "二号桥街道", "上杭路街道",
                          "东新街道", "鲁山道街道", "天铁街道", "向阳楼街道", "常州道街道", "春华街道", "唐家口街道"]

    static func table() -> SpreadsheetTable {
        let header = ["序号", "案号", "申请人", "街道", "申请日期", "金额（元）", "是否纠错", "事由"]
        var rows: [SpreadsheetRow] = []
        rows.reserveCapacity(rowCount)
        for index in 0..<rowCount {
            let number = Double(index + 1)
            let date = SpreadsheetDate(year: 2024, month: index % 12 + 1, day: index % 28 + 1)
            let amount = Double(index % 10_000) * 1.5
            let cells: [SpreadsheetCell] = [
                .number(number),
                .text("东政复〔2024〕\(index + 1)号"),
                .text("申请人\(index % 997)"),
                .text(streets[index % streets.count]),
                .date(date),
                .number(amount),
                .bool(index % 7 == 0),
                .text("不服某区市场监督管理局作出的行政处罚决定"),
            ]
            rows.append(SpreadsheetRow(number: index + 2, cells: cells))
        }
        return SpreadsheetTable(header: header, rows: rows)
    }

    @Test(.timeLimit(.minutes(5))) func writesAndReadsAHundredThousandRows() throws {
        let table = Self.table()
        let clock = ContinuousClock()
        var data = Data()
        let writeTime = try clock.measure { data = try XLSXWriter().write(table, sheetName: "台账") }
        var reports = 0
        var read = SpreadsheetTable(header: [], rows: [])
        let reader = XLSXReader(progress: ProgressReporter(every: 10_000) { _ in reports += 1 })
        let readTime = try clock.measure { read = try reader.read(data) }
        print("[spreadsheet] 100,000 rows × 8 columns: xlsx \(data.count / 1_024) KiB, write \(writeTime), read \(readTime)")

        #expect(read.rows.count == Self.rowCount)
        #expect(read.rows.last == table.rows.last)
        #expect(read.rows[4_321] == table.rows[4_321])
        #expect(reports == 11)

        let csv = CSVWriter().write(table)
        var csvTable = SpreadsheetTable(header: [], rows: [])
        let csvTime = try clock.measure { csvTable = try CSVReader().read(csv) }
        print("[spreadsheet] 100,000 rows CSV: \(csv.count / 1_024) KiB, read \(csvTime)")
        #expect(csvTable.rows.count == Self.rowCount)
        #expect(csvTable.rows.last?[1] == .text("东政复〔2024〕100000号"))
    }
}
