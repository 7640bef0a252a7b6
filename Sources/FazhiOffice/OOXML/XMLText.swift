/// The one escaping of text for markup: the parts of a .docx and an .xlsx, the printable HTML page, and the
/// server's pages (`Markup` calls it), so there is one function to audit for injection.
public enum XMLText {
    /// `text` as XML or HTML character data or a quoted attribute value: & < > " ' escaped, and the control
    /// characters XML 1.0 forbids dropped (a pasted form feed or NUL would make Word refuse the file; HTML has
    /// no use for them either). Tab, line feed and carriage return stay. The apostrophe is written `&#39;`,
    /// which XML and HTML both read (HTML 4 has no `&apos;`). Text that needs none of this is returned as is.
    ///
    /// A spreadsheet cell keeps its control characters as `_xHHHH_` instead (`OOXMLText.escaped`), which
    /// encodes them before calling this.
    public static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: needsWork) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether a UTF-8 byte may need escaping or dropping: the five characters, a control character, or the
    /// lead byte 0xEF that starts U+FFFE and U+FFFF (and many harmless characters, which the slow path keeps).
    private static func needsWork(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == 0xEF
    }
}
