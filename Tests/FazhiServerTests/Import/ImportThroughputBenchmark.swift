import Fluent
@testable import FazhiServer
import Foundation
import Testing

/// Import throughput of a 100,000-row .xlsx (a benchmark, not a timed test: it runs only with
/// FAZHI_IMPORT_BENCHMARK=1 and prints rows/s). It also writes the same rows as CSV to
/// $TMPDIR/fazhi-import-benchmark.csv (and the .xlsx beside it), for comparison with `sqlite3 .import`.
@Suite("Import throughput", .enabled(if: ProcessInfo.processInfo.environment["FAZHI_IMPORT_BENCHMARK"] == "1"))
struct ImportThroughputBenchmark {
    @Test("100,000 screening rows from .xlsx", arguments: TestDatabase.all)
    func hundredThousandRows(_ database: TestDatabase) async throws {
        let kind = try #require(LedgerKinds.kind("mediation.screening"))
        let rows = (0..<100_000).map { index in
            ["occurredOn": String(format: "2024-%02d-%02d", index % 12 + 1, index % 28 + 1),
             "title": "春华街道第\(index / 336 + 1)社区第\(index % 336 + 1)网格", "quantity": String(index % 5), "note": "例行排查"]
        }
        let table = LedgerFixtures.table(kind, rows)
        let data = try XLSXWriter().write(table, sheetName: kind.name)
        let folder = FileManager.default.temporaryDirectory
        try CSVWriter().write(table).write(to: folder.appendingPathComponent("fazhi-import-benchmark.csv"))
        try data.write(to: folder.appendingPathComponent("fazhi-import-benchmark.xlsx"))
        try await withTestApp(database) { app in
            let clock = ContinuousClock()
            var summary: ImportSummary?
            let elapsed = try await clock.measure {
                summary = try await FazhiApp.importFile(app, kind: kind.code, data: data, fileName: "bench.xlsx", orgCode: "120102-TW06")
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("[import-benchmark] \(database.testDescription): 100,000 rows, xlsx \(data.count / 1_024) KiB, \(elapsed), \(Int(100_000 / seconds)) rows/s")
            #expect(summary?.added == 100_000)
            #expect(try await LedgerFixtures.ledgerCount(app, kind.code) == 100_000)
            let again = try await clock.measure {
                summary = try await FazhiApp.importFile(app, kind: kind.code, data: data, fileName: "bench.xlsx", orgCode: "120102-TW06")
            }
            print("[import-benchmark] \(database.testDescription): re-import (all present) \(again)")
            #expect(summary?.alreadyPresent == 100_000)
        }
    }
}
