import Foundation

/// The kind-specific columns of an entry, stored as one JSON object of text values with sorted keys, so the same
/// values always give the same text (and the same audit hash).
enum LedgerFields {
    /// Written by hand rather than with JSONEncoder: an import encodes one object per row, and building an encoder
    /// per row costs more than the rest of the row's work.
    static func encode(_ values: [String: String]) -> String {
        encode(values, keys: values.keys.sorted())
    }

    /// Columns kept in the entry tables' own columns (indexed, summed); every other column is kept in `fields`.
    static let tableColumns: Set<String> = ["occurredOn", "quantity", "title", "name", "activeFrom", "activeTo"]

    /// The `fields` JSON of an entry's values: the columns not kept in the table's own columns.
    static func encodeFields(of values: [String: String]) -> String {
        encode(values.filter { !tableColumns.contains($0.key) })
    }

    /// The object of `values` under `keys` (already sorted; keys without a value are left out), for an importer that
    /// sorts a kind's field names once rather than once per row.
    static func encode(_ values: [String: String], keys: [String]) -> String {
        var out = "{", first = true
        for key in keys {
            guard let value = values[key] else { continue }
            if !first { out += "," }
            first = false
            appendQuoted(key, to: &out)
            out += ":"
            appendQuoted(value, to: &out)
        }
        return out + "}"
    }

    /// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped. Runs of bytes that
    /// need no escape are copied whole (every byte that needs one is ASCII, so a run ends on a character's edge).
    static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        let bytes = text.utf8
        var run = bytes.startIndex
        var index = run
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                bytes.formIndex(after: &index)
                continue
            }
            out += Substring(bytes[run..<index])
            switch byte {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\r"): out += "\\r"
            case UInt8(ascii: "\t"): out += "\\t"
            default:
                let hex = Array("0123456789abcdef")
                out += "\\u00"
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
            bytes.formIndex(after: &index)
            run = index
        }
        out += Substring(bytes[run..<index])
        out += "\""
    }

    static func decode(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}
