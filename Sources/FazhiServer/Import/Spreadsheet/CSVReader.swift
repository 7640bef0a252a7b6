import Foundation

/// Reads CSV into a `SpreadsheetTable` whose cells are all text (or empty): CSV has no types, and
/// the importer applies the same rules to "2024-03-01" whether it came from CSV or a text cell.
///
/// Follows RFC 4180 (quoted fields, "" for a quote, line breaks inside quotes, CRLF or LF) and is
/// lenient where Excel is: a stray quote inside an unquoted field is kept as text. Row numbers count
/// records the way Excel shows the file, so 第3行 is the row the staff see when they open it.
///
/// What it holds is bounded by `limits` (columns, rows, cells, and the bytes of one record), as for .xlsx.
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
            return try parse(buffer, delimiter: delimiter)
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

    private static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, encoding: Encoding) -> UInt8 {
        if encoding == .utf16LittleEndian || encoding == .utf16BigEndian { return tab }
        var tabs = 0
        for byte in bytes {
            if byte == comma || byte == lineFeed || byte == carriageReturn { return comma }
            if byte == tab { tabs += 1 }
        }
        return tabs > 0 ? tab : comma
    }

    private static let comma = UInt8(ascii: ","), tab = UInt8(ascii: "\t"), quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// One pass over the UTF-8 bytes. Delimiters, quotes and line breaks are ASCII and never occur
    /// inside a multi-byte UTF-8 sequence, so scanning bytes is safe and fast.
    private func parse(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) throws -> [SpreadsheetRow] {
        let quote = CSVReader.quote, lineFeed = CSVReader.lineFeed, carriageReturn = CSVReader.carriageReturn
        let count = bytes.count
        var rows: [SpreadsheetRow] = []
        var cells: [SpreadsheetCell] = []
        var recordNumber = 1
        var recordStart = 0
        var cellsHeld = 0
        var index = 0
        var quoted: [UInt8] = []
        let limits = self.limits

        func isFieldEnd(_ byte: UInt8) -> Bool { byte == delimiter || byte == lineFeed || byte == carriageReturn }
        func append(_ cell: SpreadsheetCell) throws {
            if index - recordStart > limits.recordBytes {
                throw SpreadsheetError.recordTooLong(row: recordNumber, limitBytes: limits.recordBytes)
            }
            if cells.count >= limits.columns {
                // Blanks past the last column are dropped as trailing blanks would be; a value there is refused.
                guard cell.isEmpty else { throw SpreadsheetError.tooManyColumns(limit: limits.columns) }
                return
            }
            cells.append(cell)
        }

        while index < count {
            // One field.
            if bytes[index] == quote {
                quoted.removeAll(keepingCapacity: true)
                index += 1
                var segmentStart = index
                while true {
                    guard index < count else { throw SpreadsheetError.unterminatedQuote(row: recordNumber) }
                    if bytes[index] != quote {
                        index += 1
                        if index - recordStart > limits.recordBytes {
                            throw SpreadsheetError.recordTooLong(row: recordNumber, limitBytes: limits.recordBytes)
                        }
                        continue
                    }
                    quoted.append(contentsOf: bytes[segmentStart..<index])
                    if index + 1 < count && bytes[index + 1] == quote {
                        quoted.append(quote)
                        index += 2
                        segmentStart = index
                    } else {
                        index += 1
                        break
                    }
                }
                // Text after the closing quote ("a"b) is kept, as Excel does.
                while index < count && !isFieldEnd(bytes[index]) {
                    quoted.append(bytes[index])
                    index += 1
                }
                try append(.string(String(decoding: quoted, as: UTF8.self)))
            } else {
                let start = index
                while index < count && !isFieldEnd(bytes[index]) { index += 1 }
                if index - recordStart > limits.recordBytes {
                    throw SpreadsheetError.recordTooLong(row: recordNumber, limitBytes: limits.recordBytes)
                }
                try append(start == index ? .empty : .text(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)))
            }
            // What ends it.
            if index < count && bytes[index] == delimiter {
                index += 1
                if index < count { continue }
            } else if index < count && bytes[index] == carriageReturn {
                index += 1
                if index < count && bytes[index] == lineFeed { index += 1 }
            } else if index < count {
                index += 1 // line feed
            }
            while let last = cells.last, last.isEmpty { cells.removeLast() }
            if !cells.isEmpty {
                guard rows.count < limits.rows else { throw SpreadsheetError.tooManyRows(limit: limits.rows) }
                cellsHeld += cells.count
                guard cellsHeld <= limits.cells else { throw SpreadsheetError.tooManyCells(limit: limits.cells) }
                // A copy of its own length: the working buffer keeps the capacity of the widest row so far.
                rows.append(SpreadsheetRow(number: recordNumber, cells: cells.withUnsafeBufferPointer { Array($0) }))
            }
            cells.removeAll(keepingCapacity: true)
            if let progress, recordNumber % progress.interval == 0 {
                progress.report(SpreadsheetProgress(rowsRead: recordNumber, bytesProcessed: index, totalBytes: count))
            }
            recordNumber += 1
            recordStart = index
        }
        progress?.report(SpreadsheetProgress(rowsRead: recordNumber - 1, bytesProcessed: count, totalBytes: count))
        return rows
    }
}
