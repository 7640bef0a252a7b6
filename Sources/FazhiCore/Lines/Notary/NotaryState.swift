/// Where a notarial matter (公证事项) stands.
public enum NotaryState: String, Codable, Hashable, Sendable, CaseIterable {
    /// Applied for; not yet accepted or refused (待受理).
    case received
    /// Accepted, with the notary in charge; the 15-working-day clock runs (办理中).
    case inProgress
    /// Accepted, the clock paused for supplementing materials, verification or force majeure (暂停计时).
    case paused
    /// The certificate was issued (已出证).
    case issued
    /// Not accepted, with the reason (不予受理).
    case refused
    /// Accepted but not notarised, with the reason (不予办理公证, 《公证法》第三十一条).
    case declined
    /// Withdrawn by the applicant (撤回).
    case withdrawn

    public var label: String {
        switch self {
        case .received: "待受理"
        case .inProgress: "办理中"
        case .paused: "暂停计时"
        case .issued: "已出证"
        case .refused: "不予受理"
        case .declined: "不予办理公证"
        case .withdrawn: "已撤回"
        }
    }

    public var isOpen: Bool { self == .received || self == .inProgress || self == .paused }
}

/// Why the 15-working-day clock stops (《公证法》第三十条: 因不可抗力、补充证明材料或者需要核实有关情况的，所需时间不计算在期限内).
public enum NotaryPauseGround: String, Codable, Hashable, Sendable, CaseIterable {
    /// 补充证明材料
    case supplement
    /// 核实有关情况
    case verification
    /// 不可抗力
    case forceMajeure

    public var label: String {
        switch self {
        case .supplement: "补充证明材料"
        case .verification: "核实有关情况"
        case .forceMajeure: "不可抗力"
        }
    }
}
