/// Where a reconsideration matter stands. The first four are open (they appear in work queues).
public enum ReconsiderationState: String, Codable, Hashable, Sendable, CaseIterable {
    /// 行政复议法第三十条: received, the 5-working-day acceptance review is running.
    case awaitingAcceptance
    /// 行政复议法第三十一条: a supplement was requested; the applicant has 10 working days.
    case awaitingSupplement
    /// Accepted (受理 or 视为受理) and being heard.
    case underReview
    /// 行政复议法第三十九条: suspended (中止); the decision clock is stopped.
    case suspended
    /// 审结: decided, mediated, settled and withdrawn, or terminated.
    case concluded
    /// 行政复议法第三十条: not accepted (不予受理).
    case rejected
    /// 行政复议法第三十一条: the supplement was not provided in time without good reason (视为放弃).
    case abandoned

    public var label: String {
        switch self {
        case .awaitingAcceptance: "待受理审查"
        case .awaitingSupplement: "待补正"
        case .underReview: "审理中"
        case .suspended: "中止审理"
        case .concluded: "已审结"
        case .rejected: "不予受理"
        case .abandoned: "视为放弃申请"
        }
    }

    public var isOpen: Bool {
        switch self {
        case .awaitingAcceptance, .awaitingSupplement, .underReview, .suspended: true
        case .concluded, .rejected, .abandoned: false
        }
    }

    /// Accepted, so the case is (or was) heard: opinion and recommendation letters can follow.
    public var isAccepted: Bool {
        self == .underReview || self == .suspended || self == .concluded
    }
}
