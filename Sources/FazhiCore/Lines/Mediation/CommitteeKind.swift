/// The kinds of people's mediation organisation (人民调解组织) a committee's profile names.
public enum CommitteeKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// 村（居）民委员会人民调解委员会
    case community
    /// 乡镇（街道）人民调解委员会
    case street
    /// 行业性、专业性人民调解委员会 (电力、医疗、道路交通事故 …)
    case industry
    /// 企事业单位人民调解委员会
    case enterprise
    /// 律师调解工作室 taking labour-arbitration cases (律师参与劳动争议调解); its resolved disputes count apart.
    case laborArbitration

    public var label: String {
        switch self {
        case .community: "村（居）人民调解委员会"
        case .street: "街道人民调解委员会"
        case .industry: "行业性专业性人民调解委员会"
        case .enterprise: "企事业单位人民调解委员会"
        case .laborArbitration: "劳动争议律师调解工作室"
        }
    }

    /// Whether the kind covers particular dispute types by design (行业性专业性): what the coverage gap asks about.
    public var isSpecialised: Bool { self == .industry || self == .laborArbitration }
}
