/// The kind of matter legal aid is asked for (法律援助法第二十二条、第二十四条、第三十一条).
public enum LegalAidMatter: String, Codable, Hashable, Sendable, CaseIterable {
    /// 刑事辩护: a suspect or defendant (on application, or on a notice: 通知辩护).
    case criminalDefence
    /// 刑事代理: a victim, a private prosecutor, a party to an incidental civil action.
    case criminalRepresentation
    /// 民事代理: wages, maintenance, work injury, family, compensation …
    case civil
    /// 行政代理: state compensation, social insurance, minimum living allowance …
    case administrative

    public var label: String {
        switch self {
        case .criminalDefence: "刑事辩护"
        case .criminalRepresentation: "刑事代理"
        case .civil: "民事代理"
        case .administrative: "行政代理"
        }
    }
}

/// How an application or a notice reached the centre (申请渠道).
public enum LegalAidChannel: String, Codable, Hashable, Sendable, CaseIterable {
    /// 当面申请（窗口）
    case walkIn
    /// 人民法院通知辩护（法律援助法第二十五条、第三十六条）
    case courtNotice
    /// 人民检察院通知辩护
    case procuratorateNotice
    /// 公安机关通知辩护
    case policeNotice
    /// 网上申请
    case portal
    /// 12348 公共法律服务热线
    case hotline

    public var label: String {
        switch self {
        case .walkIn: "窗口申请"
        case .courtNotice: "人民法院通知"
        case .procuratorateNotice: "人民检察院通知"
        case .policeNotice: "公安机关通知"
        case .portal: "网上申请"
        case .hotline: "12348热线"
        }
    }

    /// A court, procuratorate or public-security notice of mandatory defence (通知辩护): aid without an application
    /// decision (法律援助法第二十五条), a lawyer assigned within three days of the notice (第三十六条).
    public var isNotice: Bool { self == .courtNotice || self == .procuratorateNotice || self == .policeNotice }
}

/// The aided person's view of the service when the case closes (受援人满意度).
public enum AidSatisfaction: String, Codable, Hashable, Sendable, CaseIterable {
    case satisfied, fairlySatisfied, dissatisfied, notAsked

    public var label: String {
        switch self {
        case .satisfied: "满意"
        case .fairlySatisfied: "基本满意"
        case .dissatisfied: "不满意"
        case .notAsked: "未回访"
        }
    }
}
