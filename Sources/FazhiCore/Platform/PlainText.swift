/// What a text a person types may hold: no control characters (NUL, escape, form feed …), which no form produces, which
/// PostgreSQL refuses to store (NUL) and which would break the documents and sheets the text is printed into. Tab, line
/// feed and carriage return are allowed only in multi-line fields.
public enum PlainText {
    /// The rule broken by `text` in field `field` (labelled `label`), or nil.
    public static func problem(_ text: String, field: String, label: String, multiline: Bool = false) -> FieldError? {
        let allowed: Set<Unicode.Scalar> = multiline ? ["\t", "\n", "\r"] : []
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) else {
            return nil
        }
        return FieldError(field: field, message: "\(label)含有不允许的控制字符" + (multiline ? "" : "（须为单行文字）"),
                          code: "control_character")
    }
}

extension String {
    /// The text, or nil when it is empty: an optional field left blank.
    public var nonEmpty: String? { isEmpty ? nil : self }
}
