import Foundation

/// xl/sharedStrings.xml: Excel stores each distinct text once and cells point to it by index. A
/// string is either one `<t>` or rich text, runs of `<r><t>` that the staff see as one text (a name
/// with one character in red), so the runs are joined. Phonetic guides (`<rPh>`) are not the text.
/// Scanned like the sheet, because a ledger of 100,000 case numbers has 100,000 shared strings.
enum XLSXSharedStrings {
    /// `limit`: the most strings accepted (`SpreadsheetLimits.sharedStrings`).
    static func parse(_ data: Data, part: String, limit: Int = SpreadsheetLimits.web.sharedStrings) throws -> [String] {
        do {
            return try XMLScanner.withUTF8(data) { try parse($0, limit: limit) }
        } catch let malformed as XMLScanner.Malformed {
            let line = (try? XMLScanner.withUTF8(data) { XMLScanner($0).line(at: malformed.offset) }) ?? 0
            throw SpreadsheetError.malformedXML(part: part, line: line)
        }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) throws -> [String] {
        var scanner = XMLScanner(bytes)
        var strings: [String] = []
        var current = ""
        var collecting = false
        var phoneticDepth = 0
        while let event = try scanner.next() {
            switch event {
            case .start(let name, let attributes, let selfClosing):
                let local = scanner.localName(name)
                if scanner.equals(local, "si") {
                    current = ""
                    guard strings.count < limit else { throw SpreadsheetError.tooManySharedStrings(limit: limit) }
                    if selfClosing { strings.append("") }
                } else if scanner.equals(local, "t") {
                    collecting = phoneticDepth == 0 && !selfClosing
                } else if scanner.equals(local, "rPh") {
                    if !selfClosing { phoneticDepth += 1 }
                } else if scanner.equals(local, "sst") {
                    try scanner.forEachAttribute(in: attributes) { name, value in
                        if scanner.equals(name, "uniqueCount"), let count = scanner.integer(value) {
                            strings.reserveCapacity(min(count, limit, 1_000_000))
                        }
                    }
                }
            case .end(let name):
                let local = scanner.localName(name)
                if scanner.equals(local, "si") {
                    strings.append(OOXMLText.unescaped(current))
                } else if scanner.equals(local, "t") {
                    collecting = false
                } else if scanner.equals(local, "rPh") {
                    phoneticDepth -= 1
                }
            case .text(let range):
                if collecting { current += try scanner.string(range) }
            case .literal(let range):
                if collecting { current += String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            }
        }
        return strings
    }
}
