import Foundation

/// Streams one worksheet's XML into rows. Event-driven because a 100,000-row ledger is tens of
/// megabytes of XML: only the current row is held besides the result, and each cell costs a few
/// byte comparisons (no regex, no DOM, no per-element dictionary).
///
/// What it holds is bounded by `limits`: a cell right of the last column, a row past the last row, or a
/// cell past the cell budget stops the parse with an error naming the limit. A row is stored up to its
/// last filled cell (an empty `<c r="XFD1"/>` costs nothing), in a buffer of its own length.
///
/// The cell's place comes from its reference (`r="C3"`), not its position in the XML: Excel omits
/// blank cells and rows, so the third `<c>` of a row may be in column F.
struct XLSXSheetParser {
    /// The `t` attribute of `<c>`: how to read the cell's value.
    private enum ValueKind {
        case number, sharedString, inlineString, formulaString, bool, error, isoDate
    }

    var part: String
    var sharedStrings: [String]
    var dateStyles: [Bool]
    var date1904: Bool
    var limits: SpreadsheetLimits = .web
    var progress: ProgressReporter?

    func parse(_ data: Data) throws -> [SpreadsheetRow] {
        do {
            return try XMLScanner.withUTF8(data) { try parse($0) }
        } catch let malformed as XMLScanner.Malformed {
            let line = (try? XMLScanner.withUTF8(data) { XMLScanner($0).line(at: malformed.offset) }) ?? 0
            throw SpreadsheetError.malformedXML(part: part, line: line)
        }
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [SpreadsheetRow] {
        var scanner = XMLScanner(bytes)
        var rows: [SpreadsheetRow] = []
        var totalRows: Int?
        var rowsRead = 0
        var cellsHeld = 0
        var rowNumber = 0
        var cells: [SpreadsheetCell] = []
        var column = -1
        var kind = ValueKind.number
        var isDate = false
        var text = ""
        var collecting = false
        var inInlineString = false
        var phoneticDepth = 0

        func finishCell() throws {
            let cell: SpreadsheetCell
            switch kind {
            case .number:
                if text.isEmpty {
                    cell = .empty
                } else if let value = Double(text) {
                    if isDate, let date = SpreadsheetDate(excelSerial: value, date1904: date1904) {
                        cell = .date(date)
                    } else {
                        cell = .number(value)
                    }
                } else {
                    cell = .string(text)
                }
            case .sharedString:
                guard let index = Int(text) ?? Int(text.trimmingCharacters(in: .whitespaces)),
                      index >= 0, index < sharedStrings.count else {
                    throw XMLScanner.Malformed(offset: scanner.position)
                }
                cell = .string(sharedStrings[index])
            case .inlineString, .formulaString:
                cell = .string(OOXMLText.unescaped(text))
            case .bool:
                let value = text.trimmingCharacters(in: .whitespaces)
                cell = value.isEmpty ? .empty : .bool(value == "1" || value.lowercased() == "true")
            case .error:
                // "#DIV/0!" stays visible so the importer reports the cell instead of taking it as blank.
                cell = .string(text)
            case .isoDate:
                cell = XLSXSheetParser.isoDate(text).map(SpreadsheetCell.date) ?? .string(text)
            }
            guard !cell.isEmpty, column >= 0 else { return }
            guard column < limits.columns else { throw SpreadsheetError.tooManyColumns(limit: limits.columns) }
            if column < cells.count {
                cells[column] = cell
            } else {
                while cells.count < column { cells.append(.empty) }
                cells.append(cell)
            }
        }

        func finishRow() throws {
            rowsRead += 1
            if !cells.isEmpty {
                guard rows.count < limits.rows else { throw SpreadsheetError.tooManyRows(limit: limits.rows) }
                cellsHeld += cells.count
                guard cellsHeld <= limits.cells else { throw SpreadsheetError.tooManyCells(limit: limits.cells) }
                // A copy of its own length: the working buffer keeps the capacity of the widest row so far.
                rows.append(SpreadsheetRow(number: rowNumber, cells: cells.withUnsafeBufferPointer { Array($0) }))
            }
            if let progress, rowsRead % progress.interval == 0 {
                progress.report(SpreadsheetProgress(rowsRead: rowsRead, totalRows: totalRows))
            }
        }

        while let event = try scanner.next() {
            switch event {
            case .start(let name, let attributes, let selfClosing):
                let local = scanner.localName(name)
                if scanner.equals(local, "c") {
                    var reference: Range<Int>?
                    var type: Range<Int>?
                    var style: Int?
                    try scanner.forEachAttribute(in: attributes) { name, value in
                        if scanner.equals(name, "r") { reference = value }
                        else if scanner.equals(name, "t") { type = value }
                        else if scanner.equals(name, "s") { style = scanner.integer(value) }
                    }
                    if let reference {
                        guard let parsed = SpreadsheetColumn.parseReference(UnsafeBufferPointer(rebasing: bytes[reference])) else {
                            throw SpreadsheetError.invalidCellReference(try scanner.string(reference))
                        }
                        column = parsed.column
                    } else {
                        column += 1
                    }
                    if let type {
                        if scanner.equals(type, "s") { kind = .sharedString }
                        else if scanner.equals(type, "inlineStr") { kind = .inlineString }
                        else if scanner.equals(type, "str") { kind = .formulaString }
                        else if scanner.equals(type, "b") { kind = .bool }
                        else if scanner.equals(type, "e") { kind = .error }
                        else if scanner.equals(type, "d") { kind = .isoDate }
                        else { kind = .number }
                    } else {
                        kind = .number
                    }
                    isDate = style.map { $0 < dateStyles.count && dateStyles[$0] } ?? false
                    text = ""
                    collecting = false
                    if selfClosing { try finishCell() }
                } else if scanner.equals(local, "v") {
                    if !inInlineString {
                        text = ""
                        collecting = !selfClosing
                    }
                } else if scanner.equals(local, "t") {
                    if inInlineString && phoneticDepth == 0 && !selfClosing { collecting = true }
                } else if scanner.equals(local, "is") {
                    text = ""
                    inInlineString = !selfClosing
                } else if scanner.equals(local, "rPh") {
                    if !selfClosing { phoneticDepth += 1 }
                } else if scanner.equals(local, "row") {
                    var number: Int?
                    try scanner.forEachAttribute(in: attributes) { name, value in
                        if scanner.equals(name, "r") { number = scanner.integer(value) }
                    }
                    if let number, number > 0 { rowNumber = number } else { rowNumber += 1 }
                    cells.removeAll(keepingCapacity: true)
                    column = -1
                    if selfClosing { try finishRow() }
                } else if scanner.equals(local, "dimension") {
                    // "A1:J100001": the rows the sheet declares, for the progress bar.
                    try scanner.forEachAttribute(in: attributes) { name, value in
                        guard scanner.equals(name, "ref") else { return }
                        var start = value.lowerBound
                        for index in value where bytes[index] == UInt8(ascii: ":") { start = index + 1 }
                        totalRows = SpreadsheetColumn.parseReference(UnsafeBufferPointer(rebasing: bytes[start..<value.upperBound]))?.row
                    }
                }
            case .end(let name):
                let local = scanner.localName(name)
                if scanner.equals(local, "v") || scanner.equals(local, "t") {
                    collecting = false
                } else if scanner.equals(local, "c") {
                    try finishCell()
                } else if scanner.equals(local, "is") {
                    inInlineString = false
                } else if scanner.equals(local, "rPh") {
                    phoneticDepth -= 1
                } else if scanner.equals(local, "row") {
                    try finishRow()
                }
            case .text(let range):
                if collecting { text += try scanner.string(range) }
            case .literal(let range):
                if collecting { text += String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            }
        }
        progress?.report(SpreadsheetProgress(rowsRead: rowsRead, totalRows: totalRows ?? rowsRead))
        return rows
    }

    /// `t="d"` cells (strict OOXML, some exporters) carry "2024-03-01" or "2024-03-01T09:30:00".
    static func isoDate(_ text: String) -> SpreadsheetDate? {
        let parts = text.split(whereSeparator: { "-T:. Z".contains($0) }).map { Int($0) }
        guard parts.count >= 3, let year = parts[0], let month = parts[1], let day = parts[2] else { return nil }
        let time = parts.dropFirst(3).prefix(3).map { $0 ?? 0 }
        return SpreadsheetDate(year: year, month: month, day: day,
                               hour: time.count > 0 ? time[0] : 0,
                               minute: time.count > 1 ? time[1] : 0,
                               second: time.count > 2 ? time[2] : 0)
    }
}
