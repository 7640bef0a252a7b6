/// How a period is counted (RULES.md §1).
public enum DayUnit: String, Codable, Hashable, Sendable, CaseIterable {
    /// 工作日: Monday–Friday less announced rest days, plus make-up working days.
    /// A line's law says which of its periods count in working days (each rule carries its unit).
    case working
    /// 日历日 under 民事诉讼法第八十五条: start day not counted, last day rolls past rest days.
    case calendar
    /// Years (民法典第二百零二条: the corresponding day of the last year), for long caps and validity.
    case years

    /// 工作日 / 日 / 年, as written after the number (五个工作日, 六十日, 五年).
    public var chinese: String {
        switch self {
        case .working: return "工作日"
        case .calendar: return "日"
        case .years: return "年"
        }
    }

    /// The name of the counting method in an explanation.
    public var methodName: String {
        switch self {
        case .working: return "工作日"
        case .calendar: return "日历日"
        case .years: return "年"
        }
    }
}
