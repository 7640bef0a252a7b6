import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streams one worksheet's XML into rows. Event-driven because a 100,000-row ledger is tens of
/// megabytes of XML: only the current row is held besides the result, and each cell costs a few
/// comparisons (no regex, no DOM).
///
/// The cell's place comes from its reference (`r="C3"`), not its position in the XML: Excel omits
/// blank cells and rows, so the third `<c>` of a row may be in column F.
final class XLSXSheetParser: NSObject, XMLParserDelegate, XMLPartDelegate {
    /// The `t` attribute of `<c>`: how to read the cell's value.
    private enum ValueKind {
        case number, sharedString, inlineString, formulaString, bool, error, isoDate
    }

    private let part: String
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let date1904: Bool
    private let progress: ProgressReporter?

    private(set) var rows: [SpreadsheetRow] = []
    private(set) var failure: SpreadsheetError?
    private weak var parser: XMLParser?

    private var totalRows: Int?
    private var rowsRead = 0
    private var rowNumber = 0
    private var rowCells: [SpreadsheetCell] = []
    private var column = -1
    private var kind = ValueKind.number
    private var isDate = false
    private var text = ""
    private var collecting = false
    private var inInlineString = false
    private var phoneticDepth = 0

    init(part: String, sharedStrings: [String], dateStyles: [Bool], date1904: Bool, progress: ProgressReporter?) {
        self.part = part
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.date1904 = date1904
        self.progress = progress
    }

    func parse(_ data: Data) throws -> [SpreadsheetRow] {
        try XMLPart.parse(data, part: part, delegate: self)
        progress?.report(SpreadsheetProgress(rowsRead: rowsRead, totalRows: totalRows ?? rowsRead))
        return rows
    }

    func parserDidStartDocument(_ parser: XMLParser) {
        self.parser = parser
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch XMLPart.localName(elementName) {
        case "c":
            startCell(attributeDict)
        case "v":
            if !inInlineString {
                text = ""
                collecting = true
            }
        case "t":
            if inInlineString && phoneticDepth == 0 { collecting = true }
        case "is":
            inInlineString = true
            text = ""
        case "rPh":
            phoneticDepth += 1
        case "row":
            if let number = attributeDict["r"].flatMap(Int.init), number > 0 {
                rowNumber = number
            } else {
                rowNumber += 1
            }
            rowCells.removeAll(keepingCapacity: true)
            column = -1
        case "dimension":
            // "A1:J100001": the rows the sheet declares, for the progress bar.
            if let reference = attributeDict["ref"]?.split(separator: ":").last,
               let parsed = SpreadsheetColumn.parseReference(reference.utf8) {
                totalRows = parsed.row
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        switch XMLPart.localName(elementName) {
        case "v", "t":
            collecting = false
        case "c":
            finishCell()
        case "is":
            inInlineString = false
        case "rPh":
            phoneticDepth -= 1
        case "row":
            finishRow()
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    private func startCell(_ attributes: [String: String]) {
        if let reference = attributes["r"] {
            guard let parsed = SpreadsheetColumn.parseReference(reference.utf8) else {
                fail(.invalidCellReference(reference))
                return
            }
            column = parsed.column
        } else {
            column += 1
        }
        switch attributes["t"] {
        case nil, "n": kind = .number
        case "s": kind = .sharedString
        case "inlineStr": kind = .inlineString
        case "str": kind = .formulaString
        case "b": kind = .bool
        case "e": kind = .error
        case "d": kind = .isoDate
        default: kind = .number
        }
        if let style = attributes["s"].flatMap(Int.init), style >= 0, style < dateStyles.count {
            isDate = dateStyles[style]
        } else {
            isDate = false
        }
        text = ""
        collecting = false
    }

    private func finishCell() {
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
            guard let index = Int(text.trimmingCharacters(in: .whitespaces)), index >= 0, index < sharedStrings.count else {
                fail(.malformedXML(part: part, line: parser?.lineNumber ?? 0))
                return
            }
            cell = .string(sharedStrings[index])
        case .inlineString, .formulaString:
            cell = .string(OOXMLText.unescaped(text))
        case .bool:
            let value = text.trimmingCharacters(in: .whitespaces)
            cell = text.isEmpty ? .empty : .bool(value == "1" || value.lowercased() == "true")
        case .error:
            // "#DIV/0!" stays visible so the importer reports the cell instead of taking it as blank.
            cell = .string(text)
        case .isoDate:
            cell = XLSXSheetParser.isoDate(text).map(SpreadsheetCell.date) ?? .string(text)
        }
        guard !cell.isEmpty, column >= 0 else { return }
        if column < rowCells.count {
            rowCells[column] = cell
        } else {
            while rowCells.count < column { rowCells.append(.empty) }
            rowCells.append(cell)
        }
    }

    private func finishRow() {
        rowsRead += 1
        if !rowCells.isEmpty {
            rows.append(SpreadsheetRow(number: rowNumber, cells: rowCells))
        }
        if let progress, rowsRead % progress.interval == 0 {
            progress.report(SpreadsheetProgress(rowsRead: rowsRead, totalRows: totalRows))
        }
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

    private func fail(_ error: SpreadsheetError) {
        guard failure == nil else { return }
        failure = error
        parser?.abortParsing()
    }
}
