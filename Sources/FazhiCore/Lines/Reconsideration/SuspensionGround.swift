/// 行政复议法第三十九条第一款: the ten grounds for suspending a case (中止), in the law's order.
public enum SuspensionGround: String, Codable, Hashable, Sendable, CaseIterable {
    /// （一）作为申请人的公民死亡，其近亲属尚未确定是否参加行政复议
    case applicantDied
    /// （二）作为申请人的公民丧失参加行政复议的行为能力，尚未确定法定代理人参加行政复议
    case lostCapacity
    /// （三）作为申请人的公民下落不明
    case applicantMissing
    /// （四）作为申请人的法人或者其他组织终止，尚未确定权利义务承受人
    case organisationEnded
    /// （五）申请人、被申请人因不可抗力或者其他正当理由，不能参加行政复议
    case forceMajeure
    /// （六）依照本法规定进行调解、和解，申请人和被申请人同意中止
    case mediationOrSettlement
    /// （七）案件涉及的法律适用问题需要有权机关作出解释或者确认
    case awaitingInterpretation
    /// （八）案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结
    case awaitingOtherCase
    /// （九）有本法第五十六条或者第五十七条规定的情形（规范性文件附带审查）
    case normativeDocumentReview
    /// （十）需要中止行政复议的其他情形
    case other

    /// The item number in 第三十九条第一款 (1…10).
    public var item: Int { Self.allCases.firstIndex(of: self)! + 1 }

    public var label: String {
        switch self {
        case .applicantDied: "申请人死亡，近亲属尚未确定是否参加行政复议"
        case .lostCapacity: "申请人丧失参加行政复议的行为能力，尚未确定法定代理人"
        case .applicantMissing: "申请人下落不明"
        case .organisationEnded: "申请人（法人或其他组织）终止，尚未确定权利义务承受人"
        case .forceMajeure: "因不可抗力或者其他正当理由不能参加行政复议"
        case .mediationOrSettlement: "进行调解、和解，双方同意中止"
        case .awaitingInterpretation: "法律适用问题需要有权机关作出解释或者确认"
        case .awaitingOtherCase: "需以其他尚未审结案件的审理结果为依据"
        case .normativeDocumentReview: "规范性文件附带审查（第五十六条、第五十七条）"
        case .other: "需要中止行政复议的其他情形"
        }
    }

    /// 行政复议法第三十九条第一款第（N）项.
    public var basis: String { "《中华人民共和国行政复议法》第三十九条第一款第（\(Self.chineseNumerals[item - 1])）项" }

    /// 行政复议法第四十一条第五项: a suspension on items 1, 2 or 4 that is still unresolved after
    /// 60 days ends the case. Item 3 (missing) is not among them, by the law's own numbering.
    public var promptsTermination: Bool {
        self == .applicantDied || self == .lostCapacity || self == .organisationEnded
    }

    static let chineseNumerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
}
