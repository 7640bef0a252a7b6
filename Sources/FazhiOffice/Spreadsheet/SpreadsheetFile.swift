import Foundation

/// Reads an uploaded or named file as a table: .xlsx by its ZIP signature (whatever its name says), CSV otherwise,
/// within `limits` (the browser's by default; `fazhi import` passes `.commandLine`).
public enum SpreadsheetFile {
    public static func read(_ data: Data, progress: ProgressReporter? = nil, limits: SpreadsheetLimits = .web) throws -> SpreadsheetTable {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try XLSXReader(progress: progress, limits: limits).read(data) }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw SpreadsheetError.legacyXLS }
        return try CSVReader(progress: progress, limits: limits).read(data)
    }
}
