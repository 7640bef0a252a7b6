/// An error of the domain: a rule broken by some input. The server maps every one the same way,
/// in one place: 422 with `{"error":{"code","message","field"}}` in the API, the message under the field in forms.
public protocol DomainError: Error {
    /// A stable machine-readable code, e.g. `pause_outside_period`.
    var code: String { get }
    /// The input field the rule is about, or nil.
    var invalidField: String? { get }
    /// The rule, in Chinese, as shown to staff.
    var message: String { get }
}

extension FieldError: DomainError {
    public var invalidField: String? { field }
}

extension CalendarDataError: DomainError {
    public var code: String { "invalid_calendar" }
    public var invalidField: String? { field }
}

extension DeadlineError: DomainError {
    public var code: String {
        switch self {
        case .invalidDate: "invalid_date"
        case .invalidNumber: "invalid_number"
        case .invalidPause, .pauseEndsBeforeStart, .pausesOverlap: "invalid_pause"
        case .pauseOutsidePeriod: "pause_outside_period"
        case .missingField: "missing_field"
        case .daysOrRule: "days_or_rule"
        case .nonPositiveLimit, .limitTooLarge: "invalid_limit"
        case .nonPositiveExtension, .extensionNotAllowed, .extensionAboveMaximum: "invalid_extension"
        case .adjustmentOnBackwardPeriod: "adjustment_not_allowed"
        case .unknownRule: "unknown_rule"
        case .overrideNotAllowed: "override_not_allowed"
        }
    }

    /// The calculator's input the error is about (`from`, `days`, `rule`, `pauses`, `extend`).
    public var invalidField: String? {
        switch self {
        case .invalidDate(let field, _), .invalidNumber(let field, _), .missingField(let field),
             .nonPositiveLimit(let field, _), .limitTooLarge(let field, _, _):
            field
        case .invalidPause, .pauseEndsBeforeStart, .pauseOutsidePeriod, .pausesOverlap, .adjustmentOnBackwardPeriod:
            "pauses"
        case .daysOrRule: "days"
        case .nonPositiveExtension, .extensionNotAllowed, .extensionAboveMaximum: "extend"
        case .unknownRule, .overrideNotAllowed: "rule"
        }
    }
}
