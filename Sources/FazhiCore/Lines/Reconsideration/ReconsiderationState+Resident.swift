extension ReconsiderationState {
    /// The state in the applicant's words, for the public portal: where the matter stands and what comes next.
    public var residentWords: String {
        switch self {
        case .awaitingAcceptance: "申请已收到，复议机构正在审查是否受理（自收到申请之日起5个工作日内决定，行政复议法第三十条）"
        case .awaitingSupplement: "申请材料需要补正：请按《补正通知书》的要求上传补正材料，逾期不补正视为放弃申请"
        case .underReview: "已受理，正在审理"
        case .suspended: "审理已中止，中止的原因消除后恢复审理"
        case .concluded: "已审结，请查看下方的决定书等文书"
        case .rejected: "复议机构决定不予受理，理由见《不予受理决定书》"
        case .abandoned: "未在期限内补正材料，视为放弃行政复议申请"
        }
    }
}
