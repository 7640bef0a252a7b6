/// The CSV rules, once, over UTF-8 bytes: `CSVReader` gives it a whole decoded file, `CSVStream` a file chunk by chunk.
///
/// RFC 4180 (quoted fields, "" for a quote, line breaks inside quotes, CRLF, LF or CR), lenient where Excel is: a
/// stray quote inside an unquoted field is kept as text, and so is text after a closing quote ("a"b). Delimiters,
/// quotes and line breaks are ASCII and never occur inside a multi-byte UTF-8 sequence, so scanning bytes is safe.
///
/// A parser carries what one buffer leaves to the next: the number of the next record (so 第3行 is the line the staff
/// see, whichever chunk it fell in) and what the limits have counted. A buffer that ends inside a record (inside
/// quotes, after a delimiter, before the record's line break, or between a CR and a possible LF) gives that record
/// back unparsed: `parse` returns where it starts, and the caller parses it again with the bytes that follow.
struct CSVRecordParser {
    let delimiter: UInt8
    let limits: SpreadsheetLimits
    /// Whether the rows parsed are all held at once (`CSVReader`), so `limits.cells` bounds them; a stream holds one
    /// chunk's rows at a time and counts only rows and record sizes.
    let holdsRows: Bool
    var progress: ProgressReporter?
    /// The file's size, and how many of its bytes came before the buffer being parsed, for the progress fraction.
    var totalBytes: Int?
    var bytesBefore = 0
    /// The number of the next record, counting from 1 as Excel numbers lines.
    private(set) var recordNumber = 1
    /// Non-empty records parsed so far (the header included), counted against `limits.rows`.
    private(set) var rowsRead = 0
    private var cellsHeld = 0

    init(delimiter: UInt8, limits: SpreadsheetLimits, holdsRows: Bool, progress: ProgressReporter? = nil, totalBytes: Int? = nil) {
        self.delimiter = delimiter
        self.limits = limits
        self.holdsRows = holdsRows
        self.progress = progress
        self.totalBytes = totalBytes
    }

    /// Appends the non-empty records that `bytes` holds whole to `rows`, and returns how many bytes they took. With
    /// `isLast` the buffer's end ends the last record (and a quote still open there is an error); without it, a record
    /// the buffer ends inside is left for the next call, which must start with its first byte.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool, into rows: inout [SpreadsheetRow]) throws -> Int {
        let quote = UInt8(ascii: "\""), lineFeed = CSVReader.lineFeed, carriageReturn = CSVReader.carriageReturn
        let delimiter = self.delimiter, limits = self.limits, holdsRows = self.holdsRows
        let count = bytes.count
        var cells: [SpreadsheetCell] = []
        var recordNumber = self.recordNumber, rowsRead = self.rowsRead, cellsHeld = self.cellsHeld
        defer { (self.recordNumber, self.rowsRead, self.cellsHeld) = (recordNumber, rowsRead, cellsHeld) }
        var recordStart = 0
        var index = 0
        var quoted: [UInt8] = []

        func isFieldEnd(_ byte: UInt8) -> Bool { byte == delimiter || byte == lineFeed || byte == carriageReturn }
        func checkLength() throws {
            if index - recordStart > limits.recordBytes {
                throw SpreadsheetError.recordTooLong(row: recordNumber, limitBytes: limits.recordBytes)
            }
        }
        func append(_ cell: SpreadsheetCell) throws {
            try checkLength()
            if cells.count >= limits.columns {
                // Blanks past the last column are dropped as trailing blanks would be; a value there is refused.
                guard cell.isEmpty else { throw SpreadsheetError.tooManyColumns(limit: limits.columns) }
                return
            }
            cells.append(cell)
        }

        record: while index < count {
            // One field.
            if bytes[index] == quote {
                quoted.removeAll(keepingCapacity: true)
                index += 1
                var segmentStart = index
                while true {
                    guard index < count else {
                        if isLast { throw SpreadsheetError.unterminatedQuote(row: recordNumber) }
                        break record
                    }
                    if bytes[index] != quote {
                        index += 1
                        try checkLength()
                        continue
                    }
                    quoted.append(contentsOf: bytes[segmentStart..<index])
                    if index + 1 < count && bytes[index + 1] == quote {
                        quoted.append(quote)
                        index += 2
                        segmentStart = index
                    } else if index + 1 == count && !isLast {
                        break record // a closing quote, or the first of "": the next bytes tell
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
                if index == count && !isLast { break record }
                try append(.string(String(decoding: quoted, as: UTF8.self)))
            } else {
                let start = index
                while index < count && !isFieldEnd(bytes[index]) { index += 1 }
                try checkLength()
                if index == count && !isLast { break record }
                try append(start == index ? .empty : .text(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)))
            }
            // What ends it.
            if index < count && bytes[index] == delimiter {
                index += 1
                if index < count { continue }
                if !isLast { break record } // the record's next field is in the next bytes
            } else if index < count && bytes[index] == carriageReturn {
                index += 1
                if index == count && !isLast { break record } // its LF may be the next byte
                if index < count && bytes[index] == lineFeed { index += 1 }
            } else if index < count {
                index += 1 // line feed
            }
            while let last = cells.last, last.isEmpty { cells.removeLast() }
            if !cells.isEmpty {
                guard rowsRead < limits.rows else { throw SpreadsheetError.tooManyRows(limit: limits.rows) }
                rowsRead += 1
                if holdsRows {
                    cellsHeld += cells.count
                    guard cellsHeld <= limits.cells else { throw SpreadsheetError.tooManyCells(limit: limits.cells) }
                }
                // A copy of its own length: the working buffer keeps the capacity of the widest row so far.
                rows.append(SpreadsheetRow(number: recordNumber, cells: cells.withUnsafeBufferPointer { Array($0) }))
            }
            cells.removeAll(keepingCapacity: true)
            if let progress, recordNumber % progress.interval == 0 {
                progress.report(SpreadsheetProgress(rowsRead: recordNumber, bytesProcessed: bytesBefore + index, totalBytes: totalBytes))
            }
            recordNumber += 1
            recordStart = index
        }
        // What is left for the next bytes is one unfinished record, so it too stays within the record limit.
        if count - recordStart > limits.recordBytes {
            throw SpreadsheetError.recordTooLong(row: recordNumber, limitBytes: limits.recordBytes)
        }
        return recordStart
    }
}
