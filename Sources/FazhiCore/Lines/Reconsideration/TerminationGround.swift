/// 行政复议法第四十一条: the grounds for terminating a case (终止), in the law's order.
public enum TerminationGround: String, Codable, Hashable, Sendable, CaseIterable {
    /// （一）申请人撤回行政复议申请，行政复议机构准予撤回
    case withdrawalApproved
    /// （二）作为申请人的公民死亡，没有近亲属或者其近亲属放弃行政复议权利
    case noHeirs
    /// （三）作为申请人的法人或者其他组织终止，没有权利义务承受人或者其承受人放弃行政复议权利
    case noSuccessor
    /// （四）对行政拘留或者限制人身自由的强制措施申请复议后，因同一违法行为涉嫌犯罪被采取刑事强制措施
    case criminalMeasures
    /// （五）依照第三十九条第一款第一、二、四项中止满六十日，中止的原因仍未消除
    case suspensionExpired

    public var item: Int { Self.allCases.firstIndex(of: self)! + 1 }

    public var label: String {
        switch self {
        case .withdrawalApproved: "申请人撤回申请，准予撤回"
        case .noHeirs: "申请人死亡，无近亲属或近亲属放弃权利"
        case .noSuccessor: "申请人终止，无权利义务承受人或承受人放弃权利"
        case .criminalMeasures: "因同一违法行为涉嫌犯罪被采取刑事强制措施"
        case .suspensionExpired: "中止满六十日，中止原因仍未消除"
        }
    }

    public var basis: String {
        "《中华人民共和国行政复议法》第四十一条第（\(SuspensionGround.chineseNumerals[item - 1])）项"
    }
}
