/// How far a reader has got, so a terminal can draw a progress bar for a file of 100,000 rows. The
/// CLI draws; the readers only call the hook.
public struct SpreadsheetProgress: Hashable, Sendable {
    /// Rows read so far, empty ones included.
    public var rowsRead: Int
    /// Rows the file declares (the .xlsx `<dimension>`), nil when it does not say.
    public var totalRows: Int?
    /// Bytes of the file consumed so far and in all, when the reader knows them cheaply (CSV).
    public var bytesProcessed: Int?
    public var totalBytes: Int?

    /// 0…1 for a bar, from bytes when known, else from declared rows; nil means "show a spinner".
    public var fractionCompleted: Double? {
        if let bytesProcessed, let totalBytes, totalBytes > 0 {
            return min(1, Double(bytesProcessed) / Double(totalBytes))
        }
        if let totalRows, totalRows > 0 {
            return min(1, Double(rowsRead) / Double(totalRows))
        }
        return nil
    }
}

/// The hook a reader calls every `interval` rows and once at the end. A closure rather than a
/// protocol so the CLI passes its bar's redraw inline.
public struct ProgressReporter {
    var interval: Int
    var report: (SpreadsheetProgress) -> Void

    public init(every interval: Int = 1_000, _ report: @escaping (SpreadsheetProgress) -> Void) {
        self.interval = max(1, interval)
        self.report = report
    }
}
