/// The calculator's inputs as typed by a person (CLI flags or the 期限计算器 form), parsed and
/// checked in one place so the command and the page accept and reject exactly the same things.
public struct DeadlineRequest: Hashable, Sendable {
    /// Start date `YYYY-MM-DD` (the event day, not counted).
    public var from: String?
    /// A free number of days; exclusive with `rule`.
    public var days: String?
    /// Count `days` in working days instead of calendar days.
    public var working: Bool
    /// A catalogue key, `<line>.<limit>` as the line declares it; exclusive with `days`.
    public var rule: String?
    /// Each `YYYY-MM-DD..YYYY-MM-DD`, both days not counted.
    public var pauses: [String]
    /// Extra days, in the unit of the limit.
    public var extend: String?

    public init(from: String?, days: String? = nil, working: Bool = false, rule: String? = nil,
                pauses: [String] = [], extend: String? = nil) {
        self.from = from
        self.days = days
        self.working = working
        self.rule = rule
        self.pauses = pauses
        self.extend = extend
    }

    /// The clock and the rule it runs for (nil for free days), or the first input error.
    public func clock(catalogue: DeadlineCatalogue) throws(DeadlineError) -> (clock: DeadlineClock, rule: DeadlineRule?) {
        guard let fromText = Self.present(from) else { throw .missingField(field: "from") }
        guard let start = CivilDate(string: fromText) else { throw .invalidDate(field: "from", value: fromText) }
        var pauses: [ClockPause] = []
        for (index, text) in self.pauses.enumerated() {
            guard let pause = ClockPause(string: text.trimmed) else { throw .invalidPause(index: index, value: text) }
            pauses.append(pause)
        }
        var extensionDays = 0
        if let text = Self.present(extend) {
            guard let value = Int(text) else { throw .invalidNumber(field: "extend", value: text) }
            guard value > 0 else { throw .nonPositiveExtension(value: value) }
            extensionDays = value
        }
        switch (Self.present(days), Self.present(rule)) {
        case (nil, nil):
            throw .daysOrRule(reason: "须指定天数（days）或期限规则（rule）之一")
        case (.some, .some):
            throw .daysOrRule(reason: "天数（days）与期限规则（rule）只能指定其一")
        case (let daysText?, nil):
            guard let limit = Int(daysText) else { throw .invalidNumber(field: "days", value: daysText) }
            let clock = DeadlineClock(start: start, limit: limit, unit: working ? .working : .calendar,
                                      pauses: pauses, extensionDays: extensionDays)
            return (clock, nil)
        case (nil, let key?):
            guard !working else { throw .daysOrRule(reason: "working 只能与 days 一起使用；规则自带计算方式") }
            let rule = try catalogue.rule(key)
            return (rule.clock(from: start, pauses: pauses, extensionDays: extensionDays), rule)
        }
    }

    /// Parses, computes and explains in one call.
    public func compute(calendar: WorkingCalendar, catalogue: DeadlineCatalogue)
        throws(DeadlineError) -> (computation: DeadlineComputation, explanation: DeadlineExplanation) {
        let (clock, rule) = try clock(catalogue: catalogue)
        let computation = try clock.compute(in: calendar)
        return (computation, DeadlineExplanation(computation, rule: rule, calendar: calendar))
    }

    private static func present(_ text: String?) -> String? {
        guard let value = text?.trimmed, !value.isEmpty else { return nil }
        return value
    }
}

extension String {
    fileprivate var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
