import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// xl/sharedStrings.xml: Excel stores each distinct text once and cells point to it by index. A
/// string is either one `<t>` or rich text, runs of `<r><t>` that the staff see as one text (a name
/// with one character in red), so the runs are joined. Phonetic guides (`<rPh>`) are not the text.
final class XLSXSharedStrings: NSObject, XMLParserDelegate, XMLPartDelegate {
    private(set) var strings: [String] = []
    let failure: SpreadsheetError? = nil

    private var current = ""
    private var collecting = false
    private var phoneticDepth = 0

    static func parse(_ data: Data, part: String) throws -> [String] {
        let parser = XLSXSharedStrings()
        try XMLPart.parse(data, part: part, delegate: parser)
        return parser.strings
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch XMLPart.localName(elementName) {
        case "sst":
            if let count = attributeDict["uniqueCount"].flatMap(Int.init), count > 0 {
                strings.reserveCapacity(min(count, 10_000_000))
            }
        case "si": current = ""
        case "t": collecting = phoneticDepth == 0
        case "rPh": phoneticDepth += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        switch XMLPart.localName(elementName) {
        case "si": strings.append(OOXMLText.unescaped(current))
        case "t": collecting = false
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { current += string }
    }
}
