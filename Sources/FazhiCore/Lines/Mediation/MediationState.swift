/// Where a dispute stands in people's mediation (人民调解).
public enum MediationState: String, Codable, Hashable, Sendable, CaseIterable {
    /// Brought to the committee; not yet accepted or refused.
    case received
    /// Accepted; the mediator is working on it (the 30-day target runs).
    case mediating
    /// Agreement reached, written or oral (调解成功).
    case resolved
    /// Mediation failed; the parties were told their route (仲裁、行政、司法等途径, 人民调解法第二十六条).
    case notResolved
    /// Handed to another body (a court, the police, an agency) to deal with.
    case referred
    /// Not taken in, with its ground.
    case refused

    public var label: String {
        switch self {
        case .received: "待受理"
        case .mediating: "调解中"
        case .resolved: "调解成功"
        case .notResolved: "调解不成"
        case .referred: "已移交"
        case .refused: "不予受理"
        }
    }

    public var isOpen: Bool { self == .received || self == .mediating }
}
