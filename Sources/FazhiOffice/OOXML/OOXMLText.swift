/// Text as OOXML stores it. XML cannot carry most control characters, so Excel writes them as
/// `_xHHHH_` (a carriage return in a cell is `_x000D_`) and escapes a literal `_x` as `_x005F_x`.
/// Reading undoes that so the staff's text comes back as typed; writing does it so LibreOffice and
/// Excel open the file without a repair prompt.
enum OOXMLText {
    /// `text` for a cell or a sheet name: control characters other than tab and line feed as `_xHHHH_`, a
    /// literal `_xHHHH_` guarded as `_x005F_xHHHH_`, then the XML escapes of `XMLText.escaped`.
    static func escaped(_ text: String) -> String {
        XMLText.escaped(encoded(text))
    }

    /// The `_xHHHH_` encoding alone; a no-op (one scan, no copy) for text without control characters or `_`.
    private static func encoded(_ text: String) -> String {
        guard text.utf8.contains(where: { ($0 < 0x20 && $0 != 9 && $0 != 10) || $0 == UInt8(ascii: "_") }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        let scalars = Array(text.unicodeScalars)
        for index in scalars.indices {
            let scalar = scalars[index]
            if scalar == "_" && isEscape(scalars, at: index) {
                result += "_x005F_"
            } else if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" {
                result += "_x" + hex4(scalar.value) + "_"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Undoes `_xHHHH_` escapes; a no-op (one scan, no copy) for the usual text without them.
    static func unescaped(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        var changed = false
        while index < scalars.count {
            if scalars[index] == "_", isEscape(scalars, at: index),
               let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16),
               let decoded = Unicode.Scalar(value) {
                result.append(decoded)
                index += 7
                changed = true
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return changed ? String(result) : text
    }

    /// `_x` + four hex digits + `_` starting at `index`.
    private static func isEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)..<(index + 6)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
