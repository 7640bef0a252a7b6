import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What xl/workbook.xml says that the reader needs: the sheets in tab order with their relationship
/// ids, and whether serial dates count from 1904 (workbooks that began on an old Mac).
final class XLSXWorkbook: NSObject, XMLParserDelegate {
    struct Sheet {
        var name: String
        var relationshipID: String
    }

    private(set) var sheets: [Sheet] = []
    private(set) var date1904 = false

    static func parse(_ data: Data, part: String) throws -> XLSXWorkbook {
        let workbook = XLSXWorkbook()
        try XMLPart.parse(data, part: part, delegate: workbook)
        return workbook
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch XMLPart.localName(elementName) {
        case "workbookPr":
            let value = attributeDict["date1904"]?.lowercased()
            date1904 = value == "1" || value == "true"
        case "sheet":
            // The id attribute is namespaced (usually r:id); the prefix is the writer's choice.
            let id = attributeDict.first { $0.key == "id" || $0.key.hasSuffix(":id") }?.value ?? ""
            sheets.append(Sheet(name: attributeDict["name"] ?? "", relationshipID: id))
        default:
            break
        }
    }
}
