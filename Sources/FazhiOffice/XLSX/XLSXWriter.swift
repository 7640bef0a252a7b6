import Foundation
import ZIPFoundation

/// Writes tables as an .xlsx: import templates (headers and an example row) and exports of any list.
/// The package is the minimum Excel, WPS and LibreOffice open without a repair prompt: content
/// types, relationships, workbook, styles, shared strings and the sheets. The same input gives the
/// same bytes (fixed ZIP timestamps), so exports can be compared and cached.
public struct XLSXWriter {
    /// One worksheet to write. `textColumns` are formatted as text ("@") so what the staff type into
    /// a template there (ID numbers, phone numbers, 案号 with leading zeros) stays as typed.
    struct Sheet {
        var name: String
        var table: SpreadsheetTable
        var textColumns: Set<Int>

        init(name: String, table: SpreadsheetTable, textColumns: Set<Int> = []) {
            self.name = name
            self.table = table
            self.textColumns = textColumns
        }
    }

    public init() {}

    public func write(_ table: SpreadsheetTable, sheetName: String, textColumns: Set<Int> = []) throws -> Data {
        try write(sheets: [Sheet(name: sheetName, table: table, textColumns: textColumns)])
    }

    func write(header: [String], rows: [[SpreadsheetCell]], sheetName: String) throws -> Data {
        try write(SpreadsheetTable(header: header, cells: rows), sheetName: sheetName)
    }

    func write(sheets: [Sheet]) throws -> Data {
        let sheets = sheets.isEmpty ? [Sheet(name: "Sheet1", table: SpreadsheetTable(header: [], rows: []))] : sheets
        let names = XLSXWriter.sheetNames(sheets.map(\.name))
        var sharedStrings = XLSXSharedStringTable()
        var parts: [(path: String, xml: String)] = []
        for (index, sheet) in sheets.enumerated() {
            let builder = XLSXSheetXML(table: sheet.table, textColumns: sheet.textColumns, isFirstSheet: index == 0)
            parts.append(("xl/worksheets/sheet\(index + 1).xml", builder.xml(sharedStrings: &sharedStrings)))
        }
        parts.insert(contentsOf: [
            ("[Content_Types].xml", XLSXWriter.contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", XLSXWriter.packageRelationships),
            ("xl/workbook.xml", XLSXWriter.workbook(sheetNames: names)),
            ("xl/_rels/workbook.xml.rels", XLSXWriter.workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", XLSXStyleSheet.xml),
            ("xl/sharedStrings.xml", sharedStrings.xml),
        ], at: 0)
        return try XLSXWriter.zip(parts)
    }

    private static func zip(_ parts: [(path: String, xml: String)]) throws -> Data {
        let timestamp = Date(timeIntervalSince1970: 1_704_067_200) // 2024-01-01, any fixed day
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let data = Data(part.xml.utf8)
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: timestamp, compressionMethod: .deflate,
                                     bufferSize: 256 * 1_024) { position, size in
                    let start = data.startIndex + Int(position)
                    return data.subdata(in: start..<(start + size))
                }
            }
            guard let data = archive.data else { throw SpreadsheetError.writeFailed("ZIP") }
            return data
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw SpreadsheetError.writeFailed("\(error)")
        }
    }

    /// Excel refuses sheet names over 31 characters, with []:*?/\ or repeated: fix them rather than
    /// fail an export over a title.
    static func sheetNames(_ wanted: [String]) -> [String] {
        var used: Set<String> = []
        return wanted.enumerated().map { index, name in
            var clean = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
                .trimmingCharacters(in: CharacterSet(charactersIn: "'").union(.whitespacesAndNewlines))
            if clean.isEmpty { clean = "Sheet\(index + 1)" }
            clean = String(clean.prefix(31))
            var candidate = clean
            var counter = 2
            while used.contains(candidate.lowercased()) {
                let suffix = "(\(counter))"
                candidate = String(clean.prefix(31 - suffix.count)) + suffix
                counter += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    private static func contentTypes(sheetCount: Int) -> String {
        var xml = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for index in 1...sheetCount {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        xml += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        return xml + "</Types>"
    }

    private static let packageRelationships = header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    private static func workbook(sheetNames: [String]) -> String {
        var xml = header + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        xml += "<bookViews><workbookView/></bookViews><sheets>"
        for (index, name) in sheetNames.enumerated() {
            xml += "<sheet name=\"\(OOXMLText.escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    private static func workbookRelationships(sheetCount: Int) -> String {
        var xml = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in 1...sheetCount {
            xml += "<Relationship Id=\"rId\(index)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
        xml += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(relationshipNamespace)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return xml + "</Relationships>"
    }
}
