import Foundation

/// A UTF-8 CSV file read chunk by chunk, so that `fazhi import` of a million rows holds one chunk of the file and the
/// rows parsed from it, never the file (read whole, a 10⁶-row CSV took 1.2 GB). The rules are `CSVRecordParser`'s, as
/// for a file read whole; row numbers run on across chunks, and the limits are the same (rows, record bytes, columns;
/// cells bound what a whole table holds, and a stream holds none).
///
/// Only UTF-8, with or without BOM: whether a chunk is valid is checked up to its last line break, which no multi-byte
/// character straddles. A file in GB18030 (Excel's "CSV" on Chinese Windows) or UTF-16 is not streamed — `init` returns
/// nil and the caller reads it whole with `CSVReader`, bounded by `SpreadsheetLimits.commandLine` — because its
/// decoders take the whole buffer.
///
/// Read by one task at a time (the import that opened it), hence unchecked.
public final class CSVStream: @unchecked Sendable {
    /// The header row's names (the first non-empty record), as `SpreadsheetTable.assemble` makes them.
    public private(set) var header: [String] = []
    /// The file's size in bytes.
    let fileBytes: Int

    private let handle: FileHandle
    private let chunkBytes: Int
    private var parser: CSVRecordParser
    /// Bytes read and not yet parsed: the start of an unfinished record, then the latest chunk.
    private var buffer: [UInt8] = []
    /// How much of `buffer` is known to be valid UTF-8.
    private var validated = 0
    /// Bytes of the file read so far.
    private var bytesRead = 0
    /// Whether `buffer` got bytes since it was last parsed (else parsing it again would give nothing new).
    private var hasNewBytes = false
    private var atEnd = false
    private var finished = false
    /// Rows parsed with the header and not yet handed out.
    private var pending: [SpreadsheetRow] = []
    /// Called with each chunk of the file's bytes as it is read, in order and BOM included.
    private let onRead: ((Data) -> Void)?

    /// Opens the CSV at `path`, reading until its header row; nil when the file is not UTF-8. `chunkBytes` is how much
    /// of the file is read at a time (tests make it tiny, so records straddle chunks). `onRead` sees every byte of the
    /// file once, in order, as it is read: the import hashes the file with it for its audit row, without a second read.
    public init?(path: String, chunkBytes: Int = 4 * 1_048_576, limits: SpreadsheetLimits = .commandLine,
                 progress: ProgressReporter? = nil, onRead: ((Data) -> Void)? = nil) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        self.handle = handle
        self.onRead = onRead
        self.chunkBytes = max(1, chunkBytes)
        fileBytes = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        parser = CSVRecordParser(delimiter: CSVReader.comma, limits: limits, holdsRows: false)

        // Enough of the file to tell its encoding and delimiter: up to its first line break (or the record limit).
        repeat { try read() } while !atEnd && Self.lastLineBreak(buffer) == nil && buffer.count <= limits.recordBytes
        if buffer.starts(with: [0xFF, 0xFE]) || buffer.starts(with: [0xFE, 0xFF]) { return nil }
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
        guard validate() else { return nil }
        let delimiter = buffer.withUnsafeBufferPointer { CSVReader.detectDelimiter($0, encoding: .utf8) }
        parser = CSVRecordParser(delimiter: delimiter, limits: limits, holdsRows: false, progress: progress, totalBytes: fileBytes)

        while pending.isEmpty, let rows = try nextChunk() { pending = rows }
        guard !pending.isEmpty else { return }
        var names = pending.removeFirst().cells
        while let last = names.last, last.isEmpty { names.removeLast() }
        header = names.map { SpreadsheetTable.headerText($0.displayText) }
    }

    deinit { try? handle.close() }

    /// The next data rows (one chunk's worth, at least one row), or nil at the end of the file.
    public func next() throws -> [SpreadsheetRow]? {
        if !pending.isEmpty {
            defer { pending = [] }
            return pending
        }
        while let rows = try nextChunk() {
            if !rows.isEmpty { return rows }
        }
        return nil
    }

    /// The records that the buffer holds whole, after reading one more chunk; nil once the file is parsed.
    private func nextChunk() throws -> [SpreadsheetRow]? {
        guard !finished else { return nil }
        if !atEnd && !hasNewBytes { try read() }
        guard validate() else { throw SpreadsheetError.invalidUTF8(row: parser.recordNumber) }
        var rows: [SpreadsheetRow] = []
        let isLast = atEnd
        parser.bytesBefore = bytesRead - buffer.count
        let consumed = try buffer.withUnsafeBufferPointer { try parser.parse($0, isLast: isLast, into: &rows) }
        buffer.removeFirst(consumed)
        validated -= consumed
        hasNewBytes = false
        if isLast {
            finished = true
            parser.progress?.report(SpreadsheetProgress(rowsRead: parser.recordNumber - 1, bytesProcessed: fileBytes, totalBytes: fileBytes))
        }
        return rows
    }

    /// Appends the next chunk of the file to `buffer`, showing it to `onRead`; sets `atEnd` at its end.
    private func read() throws {
        guard let data = try handle.read(upToCount: chunkBytes), !data.isEmpty else {
            atEnd = true
            return
        }
        onRead?(data)
        buffer.append(contentsOf: data)
        bytesRead += data.count
        hasNewBytes = true
    }

    /// Checks the buffer's UTF-8 up to its last line break (to its end at the end of the file), where no character is
    /// cut; false when it is not UTF-8.
    private func validate() -> Bool {
        let end = atEnd ? buffer.count : (Self.lastLineBreak(buffer).map { $0 + 1 } ?? validated)
        guard end > validated else { return true }
        let valid = buffer.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[validated..<end]), as: UTF8.self) != nil }
        if valid { validated = end }
        return valid
    }

    private static func lastLineBreak(_ bytes: [UInt8]) -> Int? {
        bytes.lastIndex { $0 == CSVReader.lineFeed || $0 == CSVReader.carriageReturn }
    }
}
