/// A rule broken by one input field: the field's code name and the rule, in Chinese.
/// The server maps it to a 422 with `{"error":{"code","message","field"}}` and to the message under the field in forms.
public struct FieldError: Error, Equatable, Sendable {
    public let field: String
    public let message: String
    public let code: String

    public init(field: String, message: String, code: String = "invalid_field") {
        self.field = field
        self.message = message
        self.code = code
    }
}

/// Every field error of one input at once, so a form can show each under its field.
public struct ValidationErrors: Error, Sendable {
    public var errors: [FieldError]

    public init(_ errors: [FieldError] = []) { self.errors = errors }

    public var isEmpty: Bool { errors.isEmpty }

    public mutating func add(_ field: String, _ message: String, code: String = "invalid_field") {
        errors.append(FieldError(field: field, message: message, code: code))
    }

    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }

    /// Throws self when any error was recorded.
    public func throwIfAny() throws {
        if !errors.isEmpty { throw self }
    }
}
