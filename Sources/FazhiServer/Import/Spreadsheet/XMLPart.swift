import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs one delegate over one package part and turns a parse failure into the file-level error,
/// naming the part and line so a damaged file can be diagnosed.
enum XMLPart {
    static func parse(_ data: Data, part: String, delegate: XMLParserDelegate & XMLPartDelegate) throws {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let succeeded = parser.parse()
        if let failure = delegate.failure { throw failure }
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

/// A delegate that may stop the parse with its own error (a shared-string index out of range is a
/// damaged file, not malformed XML).
protocol XMLPartDelegate: AnyObject {
    var failure: SpreadsheetError? { get }
}
