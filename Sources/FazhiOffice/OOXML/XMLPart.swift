import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs one delegate over one of the small package parts (workbook, relationships, styles) and turns
/// a parse failure into the file-level error, naming the part and line so a damaged file can be
/// diagnosed. The large parts (sheet, shared strings) go through `XMLScanner` instead, for speed.
enum XMLPart {
    static func parse(_ data: Data, part: String, delegate: XMLParserDelegate) throws {
        // Fed from a stream, libxml2 gets the part in chunks; handed the whole Data at once it stops
        // at 10 MB with an internal error ("huge input lookup") on Linux.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let succeeded = parser.parse()
        if !succeeded { throw SpreadsheetError.malformedXML(part: part, line: parser.lineNumber) }
    }

    /// Element names without their namespace prefix: most files write `<row>`, some .NET libraries
    /// write `<x:row>`, and both are the same element.
    @inline(__always)
    static func localName(_ name: String) -> Substring {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return Substring(name) }
        return name[name.utf8.index(after: colon)...]
    }
}
