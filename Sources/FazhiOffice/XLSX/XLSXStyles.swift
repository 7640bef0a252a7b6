import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Which cell styles are dates. A date in .xlsx is only a number with a date number format, so
/// without xl/styles.xml the reader could not tell 2024-03-01 from 45352. A cell's `s` attribute
/// indexes `<cellXfs>`, each `<xf>` names a number format, built-in by id or custom in `<numFmts>`.
final class XLSXStyles: NSObject, XMLParserDelegate {
    private var customFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inCellFormats = false

    /// `dateStyles[s]` is true when cells with style `s` hold dates.
    static func parseDateStyles(_ data: Data, part: String) throws -> [Bool] {
        let styles = XLSXStyles()
        try XMLPart.parse(data, part: part, delegate: styles)
        return styles.formatIDs.map { id in
            if let code = styles.customFormats[id] { return isDateFormat(code) }
            return isBuiltInDate(id)
        }
    }

    /// Excel's built-in date and time formats, including the East Asian ones (27–36, 50–58) that a
    /// Chinese Excel uses for 2024年3月1日.
    static func isBuiltInDate(_ id: Int) -> Bool {
        switch id {
        case 14...22, 27...36, 45...47, 50...58: return true
        default: return false
        }
    }

    /// A custom format is a date when, outside quoted literals ("年"), bracketed parts ([Red],
    /// [$-804], [DBNum1]), escaped characters (\-) and padding/fill (_x, *x), it uses a date or time
    /// token. "0.00" and "#,##0\"元\"" are numbers; "yyyy\"年\"m\"月\"d\"日\"" is a date.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false
        var inBrackets = false
        var skipNext = false
        for byte in code.utf8 {
            if skipNext { skipNext = false; continue }
            if inQuotes {
                if byte == UInt8(ascii: "\"") { inQuotes = false }
                continue
            }
            if inBrackets {
                if byte == UInt8(ascii: "]") { inBrackets = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inQuotes = true
            case UInt8(ascii: "["): inBrackets = true
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"): skipNext = true
            case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "m"), UInt8(ascii: "M"),
                 UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "h"), UInt8(ascii: "H"),
                 UInt8(ascii: "s"), UInt8(ascii: "S"):
                return true
            default: continue
            }
        }
        return false
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch XMLPart.localName(elementName) {
        case "numFmt":
            if let id = attributeDict["numFmtId"].flatMap(Int.init), let code = attributeDict["formatCode"] {
                customFormats[id] = code
            }
        case "cellXfs":
            inCellFormats = true
        case "xf" where inCellFormats:
            formatIDs.append(attributeDict["numFmtId"].flatMap(Int.init) ?? 0)
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        if XMLPart.localName(elementName) == "cellXfs" { inCellFormats = false }
    }
}
