/// Where a lawsuit against an agency stands (行政应诉).
public enum LitigationState: String, Codable, Hashable, Sendable, CaseIterable {
    /// The complaint was served; the 15-day defence period runs (行政诉讼法第六十七条).
    case awaitingDefence
    /// Defence and evidence submitted; hearings follow.
    case defended
    /// The court gave judgment (or a ruling that ends the first instance).
    case judged
    /// The plaintiff withdrew and the court allowed it.
    case withdrawn
    /// Filed away: after judgment or withdrawal, or ended otherwise (e.g. transferred), with a reason.
    case closed

    public var label: String {
        switch self {
        case .awaitingDefence: "待答辩"
        case .defended: "已答辩"
        case .judged: "已判决"
        case .withdrawn: "原告撤诉"
        case .closed: "已结案归档"
        }
    }

    public var isOpen: Bool { self == .awaitingDefence || self == .defended }
}
