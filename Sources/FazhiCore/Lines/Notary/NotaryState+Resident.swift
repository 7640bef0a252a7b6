extension NotaryState {
    /// The state in the applicant's words, for the public portal.
    public var residentWords: String {
        switch self {
        case .received: "申请已收到，请按预约的时间携带身份证件和材料原件到公证处办理；公证处如需您补充材料会另行通知"
        case .inProgress: "已受理，正在办理（一般自受理之日起十五个工作日内出具公证书）"
        case .paused: "办理暂停计时（如核实、补充材料期间），恢复后继续办理"
        case .issued: "公证书已出具，请按约定领取"
        case .refused: "公证处决定不予受理，理由请咨询公证处"
        case .declined: "公证处决定不予办理公证（公证法第三十一条），理由请咨询公证处"
        case .withdrawn: "申请已撤回"
        }
    }
}
