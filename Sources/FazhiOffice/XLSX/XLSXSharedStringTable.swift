/// The shared strings an export collects: each distinct text stored once, as Excel does, so a
/// 100,000-row list with the same 12 street names does not repeat them 100,000 times.
struct XLSXSharedStringTable {
    private(set) var strings: [String] = []
    private var indices: [Key: Int] = [:]
    private(set) var references = 0

    mutating func index(of text: String) -> Int {
        references += 1
        let key = Key(text: text)
        if let index = indices[key] { return index }
        let index = strings.count
        strings.append(text)
        indices[key] = index
        return index
    }

    /// Texts compared by their UTF-8 bytes: String's own hashing normalizes Unicode first, which
    /// made hashing Chinese text the largest cost of a 100,000-row export, and an export should keep
    /// the exact bytes anyway.
    private struct Key: Hashable {
        var text: String

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.text.utf8.elementsEqual(rhs.text.utf8)
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    var xml: String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(references)" uniqueCount="\(strings.count)">
        """
        xml.reserveCapacity(strings.count * 24)
        for text in strings {
            // Excel trims leading and trailing blanks unless told to keep them.
            let preserve = text.first.map(\.isWhitespace) == true || text.last.map(\.isWhitespace) == true
            xml += preserve ? "<si><t xml:space=\"preserve\">" : "<si><t>"
            xml += OOXMLText.escaped(text)
            xml += "</t></si>"
        }
        xml += "</sst>"
        return xml
    }
}
