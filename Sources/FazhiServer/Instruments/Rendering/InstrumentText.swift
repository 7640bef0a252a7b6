import Foundation

/// Escaping of document text for the XML parts of a .docx and for the printable HTML page.
enum InstrumentText {
    /// `text` as XML character data or attribute value: & < > " ' escaped, and the control characters
    /// XML 1.0 forbids (a pasted form feed or NUL would make Word refuse the file) dropped.
    static func xml(_ text: String) -> String {
        escape(text, apostrophe: "&apos;")
    }

    /// `text` for HTML text or a quoted attribute.
    static func html(_ text: String) -> String {
        escape(text, apostrophe: "&#39;")
    }

    /// Width in characters as the grid counts them: ASCII (digits of a date, Latin letters) is half
    /// width, everything else full width. Used to centre the organ on the date (7.3.5.2).
    static func width(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value < 0x80 ? 0.5 : 1) }
    }

    private static func escape(_ text: String, apostrophe: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += apostrophe
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
