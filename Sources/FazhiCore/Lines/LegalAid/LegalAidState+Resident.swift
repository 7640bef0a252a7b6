extension LegalAidState {
    /// The state in the applicant's words, for the public portal.
    public var residentWords: String {
        switch self {
        case .applied: "申请已收到，法律援助中心正在审查（自收到申请之日起七日内决定，法律援助法第四十三条）"
        case .awaitingSupplement: "申请材料需要补充：请按通知的要求上传补充材料"
        case .granted: "已决定给予法律援助，正在指派律师"
        case .assigned: "已指派律师承办，承办律师会与您联系"
        case .closed: "法律援助事项已办结"
        case .refused: "决定不予法律援助，理由见决定书；对决定有异议的，可以向司法行政部门提出"
        case .objected: "您的异议正在审查"
        case .withdrawn: "申请已撤回"
        }
    }
}
