/// How a dispute came to the committee (纠纷来源).
public enum DisputeSource: String, Codable, Hashable, Sendable, CaseIterable {
    /// 当事人申请（来访）
    case walkIn
    /// 矛盾纠纷排查中发现
    case screening
    /// 12345 政务服务便民热线转来
    case hotline
    /// 人民法院委派、委托（诉前调解）
    case courtReferral
    /// 公安机关移送（警调对接）
    case policeReferral
    /// 信访部门移送（访调对接）
    case petitionReferral
    /// 网上申请
    case portal
    /// 劳动人事争议仲裁委员会委托律师调解（律师参与劳动争议调解）: counted as
    /// `mediation.labor_arbitration_mediated`, never in `mediation.resolved`.
    case laborArbitration

    public var label: String {
        switch self {
        case .walkIn: "当事人申请"
        case .screening: "排查发现"
        case .hotline: "12345热线转办"
        case .courtReferral: "法院委派委托"
        case .policeReferral: "公安机关移送"
        case .petitionReferral: "信访部门移送"
        case .portal: "网上申请"
        case .laborArbitration: "劳动仲裁委托律师调解"
        }
    }
}
