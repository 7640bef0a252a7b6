extension MediationState {
    /// The state in the applicant's words, for the public portal.
    public var residentWords: String {
        switch self {
        case .received: "申请已收到，人民调解委员会将尽快联系您，决定是否受理"
        case .mediating: "已受理，调解员正在组织调解（人民调解一般在一个月内调结）"
        case .resolved: "调解成功，请按调解协议履行；需要司法确认的，可在协议生效之日起三十日内共同向人民法院申请"
        case .notResolved: "调解未能达成协议，您可以通过仲裁、诉讼等途径解决"
        case .referred: "纠纷已移交有关部门处理"
        case .refused: "人民调解委员会决定不予受理，可通过其他途径解决"
        }
    }
}
