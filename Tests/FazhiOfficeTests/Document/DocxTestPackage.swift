import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// A .docx reopened for tests: its parts by name, and any XML part parsed into an element tree.
struct DocxTestPackage {
    let parts: [String: Data]

    init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        self.parts = parts
    }

    func xml(_ name: String) throws -> XMLTreeElement {
        guard let data = parts[name] else { throw XMLTreeElement.ParseError(message: "missing part \(name)") }
        return try XMLTreeElement.parse(data)
    }
}

/// A parsed XML element, qualified names kept as written (`w:sz`), for assertions on WordprocessingML.
struct XMLTreeElement {
    var name: String
    var attributes: [String: String]
    var children: [XMLTreeElement]
    var text: String

    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func parse(_ data: Data) throws -> XMLTreeElement {
        let parser = XMLParser(data: data)
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseError(message: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }

    /// Every descendant (and self) named `name`, in document order.
    func all(_ name: String) -> [XMLTreeElement] {
        (self.name == name ? [self] : []) + children.flatMap { $0.all(name) }
    }

    func first(_ name: String) -> XMLTreeElement? { all(name).first }

    /// The concatenated `w:t` text below this element.
    var runText: String { all("w:t").map(\.text).joined() }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLTreeElement] = []
        var root: XMLTreeElement?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            stack.append(XMLTreeElement(name: elementName, attributes: attributeDict, children: [], text: ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard let element = stack.popLast() else { return }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }
    }
}
