import Foundation

/// The kind-specific columns of an entry, stored as one JSON object of text values with sorted keys, so the same
/// values always give the same text (and the same audit hash).
enum LedgerFields {
    /// Written by hand rather than with JSONEncoder: an import encodes one object per row, and building an encoder
    /// per row costs more than the rest of the row's work.
    static func encode(_ values: [String: String]) -> String {
        var out = "{"
        for (index, key) in values.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            quote(key, into: &out)
            out += ":"
            quote(values[key]!, into: &out)
        }
        return out + "}"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    static func decode(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}
