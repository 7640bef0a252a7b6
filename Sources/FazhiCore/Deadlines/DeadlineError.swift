/// Bad input to the deadline engine. Each case names the input field and, where one applies,
/// the rule; `message` is the Chinese text shown to staff (and by `fazhi deadline` on exit 2).
public enum DeadlineError: Error, Equatable, Sendable {
    /// A date field that is not an existing `YYYY-MM-DD` day (e.g. 2024-02-30).
    case invalidDate(field: String, value: String)
    /// A number field that is not an integer.
    case invalidNumber(field: String, value: String)
    /// `pause` is not of the form `YYYY-MM-DD..YYYY-MM-DD`.
    case invalidPause(index: Int, value: String)
    /// A required input is missing (e.g. `from`).
    case missingField(field: String)
    /// Exactly one of `days` and `rule` must be given; `working` goes with `days` only.
    case daysOrRule(reason: String)
    /// `days` (or a rule override) is zero or negative.
    case nonPositiveLimit(field: String, value: Int)
    /// `days` is beyond what any statute asks (guards against overflow and typos).
    case limitTooLarge(field: String, value: Int, maximum: Int)
    /// `extend` is zero or negative.
    case nonPositiveExtension(value: Int)
    /// The rule allows no extension (e.g. 行政复议简易程序, 行政复议法第六十二条).
    case extensionNotAllowed(rule: String)
    /// More extra days than the rule allows (e.g. 行政复议决定 at most 30 more days, once).
    case extensionAboveMaximum(rule: String, requested: Int, maximum: Int)
    /// `pause[index]` ends before it starts.
    case pauseEndsBeforeStart(index: Int, pause: ClockPause)
    /// `pause[index]` starts on or before the start day, or after the last day of the period.
    case pauseOutsidePeriod(index: Int, pause: ClockPause, start: CivilDate, lastDay: CivilDate?)
    /// `pause[index]` shares days with an earlier pause.
    case pausesOverlap(index: Int, pause: ClockPause, other: ClockPause)
    /// Pauses or extensions on a period counted back from an event (a hearing notice).
    case adjustmentOnBackwardPeriod(rule: String?)
    /// No rule with this key in the catalogue.
    case unknownRule(key: String)
    /// Only rules marked unverified are configurable; the others are statute.
    case overrideNotAllowed(rule: String)

    public var message: String {
        switch self {
        case .invalidDate(let field, let value):
            return "\(field)：日期无效「\(value)」，应为存在的日期，格式 YYYY-MM-DD"
        case .invalidNumber(let field, let value):
            return "\(field)：应为整数，收到「\(value)」"
        case .invalidPause(let index, let value):
            return "pause[\(index)]：中止期间格式应为 YYYY-MM-DD..YYYY-MM-DD，收到「\(value)」"
        case .missingField(let field):
            return "\(field)：必须填写"
        case .daysOrRule(let reason):
            return "days/rule：\(reason)"
        case .nonPositiveLimit(let field, let value):
            return "\(field)：期限天数必须为正整数，收到 \(value)"
        case .limitTooLarge(let field, let value, let maximum):
            return "\(field)：期限 \(value) 超出允许范围（最多 \(maximum)）"
        case .nonPositiveExtension(let value):
            return "extend：延长天数必须为正整数，收到 \(value)"
        case .extensionNotAllowed(let rule):
            return "extend：规则 \(rule) 不允许延长期限"
        case .extensionAboveMaximum(let rule, let requested, let maximum):
            return "extend：规则 \(rule) 最多延长 \(maximum) 日，且只能延长一次，收到 \(requested)"
        case .pauseEndsBeforeStart(let index, let pause):
            return "pause[\(index)]：中止期间 \(pause) 的结束日早于开始日"
        case .pauseOutsidePeriod(let index, let pause, let start, let lastDay):
            let end = lastDay.map { "至 \($0)" } ?? ""
            return "pause[\(index)]：中止期间 \(pause) 不在期限之内（期间自 \(start) 次日起\(end)；中止须始于期间内计算的某一日）"
        case .pausesOverlap(let index, let pause, let other):
            return "pause[\(index)]：中止期间 \(pause) 与 \(other) 重叠"
        case .adjustmentOnBackwardPeriod(let rule):
            return "\(rule.map { "规则 \($0)" } ?? "该期限")为事前倒数期限，不能中止或延长"
        case .unknownRule(let key):
            return "rule：未知的期限规则 \(key)"
        case .overrideNotAllowed(let rule):
            return "规则 \(rule) 为法定期限，不可配置（仅未核实的默认值可调整）"
        }
    }
}

extension DeadlineError: CustomStringConvertible {
    public var description: String { message }
}
