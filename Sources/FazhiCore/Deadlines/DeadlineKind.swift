/// What a computed date means for the step it governs.
public enum DeadlineKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// The act must be done on or before the due date; later is a violation.
    case binding
    /// A minimum (≥): the next step may not come before the due date (e.g. a public comment
    /// period of at least 30 days, 重大行政决策程序暂行条例第十五条).
    case minimum
    /// A non-binding guideline (e.g. 人民调解 "一般在一个月内调结"): shown as a target, never a violation.
    case target

    public var chinese: String {
        switch self {
        case .binding: return "法定期限"
        case .minimum: return "最短期限（不少于）"
        case .target: return "工作目标（非强制）"
        }
    }
}

/// Whether the period runs after the start event or back from it.
public enum DeadlineDirection: String, Codable, Hashable, Sendable {
    /// The usual case: the period runs after the event.
    case after
    /// Counted back from a future event: 行政复议法第五十一条 requires the hearing notice
    /// five working days before the hearing, so the due date is the last day to send it.
    case before
}
