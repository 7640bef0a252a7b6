import Fluent
@testable import FazhiOffice
@testable import FazhiServer
import Foundation
import Testing
import Vapor

/// Tables and counts shared by the ledger, register and import tests.
enum LedgerFixtures {
    /// A filled template of `kind`: its headers and `rows` of values by column name.
    static func table(_ kind: any BookKind, _ rows: [[String: String]]) -> SpreadsheetTable {
        SpreadsheetTable(header: kind.columns.map(\.header),
                         cells: rows.map { row in kind.columns.map { .string(row[$0.name] ?? "") } })
    }

    static func xlsx(_ kind: any BookKind, _ rows: [[String: String]]) throws -> Data {
        try XLSXWriter().write(table(kind, rows), sheetName: kind.name)
    }

    static func ledgerCount(_ app: Application, _ kind: String) async throws -> Int {
        try await LedgerEntry.query(on: app.db).filter(\.$kind == kind).count()
    }

    static func registerCount(_ app: Application, _ kind: String) async throws -> Int {
        try await RegisterEntry.query(on: app.db).filter(\.$kind == kind).count()
    }

    static func figure(_ figures: AnnualFigures, _ key: String) -> MetricValue? {
        figures.values.first { $0.0.key == key }?.1
    }

    /// Imports rows of `kind` into the org with `orgCode` as the CLI would.
    static func importRows(_ app: Application, _ kind: any BookKind, _ rows: [[String: String]], org orgCode: String = "120102") async throws -> ImportSummary {
        try await FazhiApp.importFile(app, kind: kind.code, data: try xlsx(kind, rows), fileName: "test.xlsx", orgCode: orgCode)
    }
}
