import Foundation

/// Reads CSV into a `SpreadsheetTable` whose cells are all text (or empty): CSV has no types, and
/// the importer applies the same rules to "2024-03-01" whether it came from CSV or a text cell.
///
/// Follows RFC 4180 (quoted fields, "" for a quote, line breaks inside quotes, CRLF or LF) and is
/// lenient where Excel is: a stray quote inside an unquoted field is kept as text. Row numbers count
/// records the way Excel shows the file, so 第3行 is the row the staff see when they open it.
///
/// What it holds is bounded by `limits` (columns, rows, cells, and the bytes of one record), as for .xlsx. The rules
/// themselves are `CSVRecordParser`'s, which `CSVStream` also uses to read a large UTF-8 file chunk by chunk.
struct CSVReader {
    /// How the bytes were decoded, for a preview that says "按 GBK 编码读取".
    enum Encoding: Equatable, Sendable {
        case utf8, utf16LittleEndian, utf16BigEndian, gb18030
    }

    /// nil detects it: a comma, or a tab for Excel's "Unicode text" (UTF-16) or a first line with
    /// tabs and no commas.
    var delimiter: UInt8?
    var progress: ProgressReporter?
    var limits: SpreadsheetLimits

    init(delimiter: Character? = nil, progress: ProgressReporter? = nil, limits: SpreadsheetLimits = .web) {
        self.delimiter = delimiter?.asciiValue
        self.progress = progress
        self.limits = limits
    }

    func read(_ data: Data) throws -> SpreadsheetTable {
        try readWithEncoding(data).table
    }

    func readWithEncoding(_ data: Data) throws -> (table: SpreadsheetTable, encoding: Encoding) {
        // Decoded whole, so the file itself is the "part".
        guard data.count <= limits.partBytes else { throw SpreadsheetError.tooLarge(limitBytes: limits.partBytes) }
        var (text, encoding) = try CSVReader.decode(data)
        let rows = try text.withUTF8 { buffer in
            let delimiter = self.delimiter ?? CSVReader.detectDelimiter(buffer, encoding: encoding)
            var parser = CSVRecordParser(delimiter: delimiter, limits: limits, holdsRows: true, progress: progress, totalBytes: buffer.count)
            var rows: [SpreadsheetRow] = []
            _ = try parser.parse(buffer, isLast: true, into: &rows)
            progress?.report(SpreadsheetProgress(rowsRead: parser.recordNumber - 1, bytesProcessed: buffer.count, totalBytes: buffer.count))
            return rows
        }
        return (SpreadsheetTable.assemble(rows), encoding)
    }

    /// UTF-8 if it has a BOM or is valid UTF-8 (pure ASCII included), UTF-16 by its BOM, else
    /// GB18030: what Excel on a Chinese Windows writes for "CSV (逗号分隔)". Valid UTF-8 is a strong
    /// signal: GBK text almost never forms valid UTF-8 sequences by accident.
    static func decode(_ data: Data) throws -> (String, Encoding) {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: data.dropFirst(3), as: UTF8.self) else { throw SpreadsheetError.unknownEncoding }
            return (text, .utf8)
        }
        if data.starts(with: [0xFF, 0xFE]) {
            guard let text = String(data: data.dropFirst(2), encoding: .utf16LittleEndian) else { throw SpreadsheetError.unknownEncoding }
            return (text, .utf16LittleEndian)
        }
        if data.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: data.dropFirst(2), encoding: .utf16BigEndian) else { throw SpreadsheetError.unknownEncoding }
            return (text, .utf16BigEndian)
        }
        if let text = String(validating: data, as: UTF8.self) {
            return (text, .utf8)
        }
        if let text = GB18030Decoder.decode(data) {
            return (text, .gb18030)
        }
        throw SpreadsheetError.unknownEncoding
    }

    static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, encoding: Encoding) -> UInt8 {
        if encoding == .utf16LittleEndian || encoding == .utf16BigEndian { return tab }
        var tabs = 0
        for byte in bytes {
            if byte == comma || byte == lineFeed || byte == carriageReturn { return comma }
            if byte == tab { tabs += 1 }
        }
        return tabs > 0 ? tab : comma
    }

    static let comma = UInt8(ascii: ","), tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
}
