/// What the court decided, from the agency's side (for the loss rate per agency).
public enum LitigationJudgmentResult: String, Codable, Hashable, Sendable, CaseIterable {
    /// 驳回原告诉讼请求 (行政诉讼法第六十九条) or 驳回起诉: the agency won.
    case claimsDismissed
    /// 撤销、确认违法、责令履行、变更… (第七十条至第七十八条): the agency lost.
    case agencyLost
    /// Partly lost (e.g. 部分撤销).
    case partlyLost
    /// Anything else (e.g. 准予撤诉以外的其他裁定、调解).
    case other

    public var label: String {
        switch self {
        case .claimsDismissed: "驳回原告诉讼请求"
        case .agencyLost: "行政机关败诉"
        case .partlyLost: "行政机关部分败诉"
        case .other: "其他"
        }
    }

    public var isAgencyLoss: Bool { self == .agencyLost || self == .partlyLost }
}
