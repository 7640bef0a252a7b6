/// The shared strings an export collects: each distinct text stored once, as Excel does, so a
/// 100,000-row list with the same 12 street names does not repeat them 100,000 times.
struct XLSXSharedStringTable {
    private(set) var strings: [String] = []
    private var indices: [String: Int] = [:]
    private(set) var references = 0

    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indices[text] { return index }
        let index = strings.count
        strings.append(text)
        indices[text] = index
        return index
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
