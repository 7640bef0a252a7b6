import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A part's `.rels`: which file each relationship id points to and what kind it is. The workbook
/// names its sheets by id, and the package names its workbook by type, so both are needed to find a
/// sheet in files not written by Excel (where sheet1.xml need not be the first sheet).
final class XLSXRelationships: NSObject, XMLParserDelegate {
    struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    private(set) var relationships: [Relationship] = []

    static func parse(_ data: Data, part: String) throws -> [Relationship] {
        let parser = XLSXRelationships()
        try XMLPart.parse(data, part: part, delegate: parser)
        return parser.relationships
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard XMLPart.localName(elementName) == "Relationship",
              let id = attributeDict["Id"], let target = attributeDict["Target"] else { return }
        relationships.append(Relationship(id: id, type: attributeDict["Type"] ?? "", target: target))
    }
}
