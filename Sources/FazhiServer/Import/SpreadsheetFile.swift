import Foundation

/// Reads an uploaded or named file as a table: .xlsx by its ZIP signature (whatever its name says), CSV otherwise.
enum SpreadsheetFile {
    static func read(_ data: Data, progress: ProgressReporter? = nil) throws -> SpreadsheetTable {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try XLSXReader(progress: progress).read(data) }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw SpreadsheetError.legacyXLS }
        return try CSVReader(progress: progress).read(data)
    }
}
