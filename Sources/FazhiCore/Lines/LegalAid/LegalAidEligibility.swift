import Foundation

/// Who the applicant is, as the centre records it: the statuses the law names (法律援助法第三十二条、第四十二条) and
/// the categories a centre reports by. A status waives or removes the economic test only when it is recorded here.
public enum AidedPersonStatus: String, Codable, Hashable, Sendable, CaseIterable {
    // 第三十二条: no economic test.
    /// 英雄烈士近亲属为维护英雄烈士的人格权益
    case heroMartyrRelative
    /// 因见义勇为行为主张相关民事权益
    case goodSamaritan
    /// 再审改判无罪请求国家赔偿
    case retrialAcquittal
    /// 遭受虐待、遗弃或者家庭暴力的受害人主张相关权益
    case abuseVictim
    // 第四十二条: the economic check waived on proof of status.
    /// 未成年人
    case minor
    /// 老年人（六十周岁以上）
    case elderly
    /// 残疾人
    case disabled
    /// 城乡最低生活保障对象、特困供养人员、司法救助或者优抚对象
    case socialAssistance
    /// 农民工
    case migrantWorker
    // Reported, no legal effect of its own.
    /// 新就业形态劳动者（快递员、外卖骑手、网约车司机 …）
    case newEmploymentWorker

    public var label: String {
        switch self {
        case .heroMartyrRelative: "英雄烈士近亲属"
        case .goodSamaritan: "见义勇为人员"
        case .retrialAcquittal: "再审改判无罪请求国家赔偿"
        case .abuseVictim: "虐待、遗弃、家庭暴力受害人"
        case .minor: "未成年人"
        case .elderly: "老年人"
        case .disabled: "残疾人"
        case .socialAssistance: "低保、特困、司法救助或优抚对象"
        case .migrantWorker: "农民工"
        case .newEmploymentWorker: "新就业形态劳动者"
        }
    }

    /// The Article 32 circumstances: legal aid is not limited by economic hardship.
    public static let noEconomicTest: [AidedPersonStatus] = [.heroMartyrRelative, .goodSamaritan, .retrialAcquittal, .abuseVictim]
    /// The categories a centre reports its aided people by (REPORT.md, the 2025 plan's groups).
    public static let reported: [AidedPersonStatus] = [.newEmploymentWorker, .migrantWorker, .disabled, .elderly, .minor]
}

/// What the applicant declared and the centre recorded about their means and status — the whole input of the
/// eligibility decision (`LegalAidEligibility.decide`), so the same facts always give the same decision.
public struct EligibilityFacts: Codable, Hashable, Sendable {
    /// People in the household, the applicant included (1–30).
    public var householdMembers: Int
    /// The household's income per month, in yuan (0 – 10,000,000).
    public var monthlyIncome: Int
    /// The household's assets beyond the home it lives in, in yuan (0 – 1,000,000,000).
    public var assets: Int
    /// The applicant declared their means in writing instead of proving them (个人诚信承诺, where the local rule allows).
    public var selfDeclared: Bool
    /// The statuses recorded with their proof.
    public var statuses: [AidedPersonStatus]
    /// The applicant has a fixed income (固定生活来源): an elderly or disabled applicant who has one is economically checked.
    public var hasFixedIncome: Bool
    /// The claim is for unpaid wages or work-injury damages (请求支付劳动报酬或者工伤赔偿), which waives the check for a
    /// migrant worker.
    public var claimsWagesOrInjury: Bool

    public init(householdMembers: Int, monthlyIncome: Int, assets: Int, selfDeclared: Bool = false, statuses: [AidedPersonStatus] = [],
                hasFixedIncome: Bool = true, claimsWagesOrInjury: Bool = false) {
        self.householdMembers = householdMembers
        self.monthlyIncome = monthlyIncome
        self.assets = assets
        self.selfDeclared = selfDeclared
        self.statuses = statuses
        self.hasFixedIncome = hasFixedIncome
        self.claimsWagesOrInjury = claimsWagesOrInjury
    }

    /// Income per head and month, in yuan, rounded down.
    public var incomePerHead: Int { householdMembers > 0 ? monthlyIncome / householdMembers : monthlyIncome }

    /// The facts' own bounds: each figure's field and the rule it breaks, empty when sound.
    public var problems: [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if !(1...30).contains(householdMembers) { problems.append(("householdMembers", "家庭人口须为1至30人")) }
        if !(0...10_000_000).contains(monthlyIncome) { problems.append(("monthlyIncome", "家庭月收入须为0至10,000,000元的整数")) }
        if !(0...1_000_000_000).contains(assets) { problems.append(("assets", "家庭资产须为0至1,000,000,000元的整数")) }
        return problems
    }
}

/// The local economic-hardship standard (法律援助法第三十四条: set by the province), in force from a day. Tianjin's
/// figures are configuration (`legal_aid_standards`); the seeded default is *unverified*.
public struct EligibilityStandard: Codable, Hashable, Sendable {
    /// YYYY-MM-DD.
    public var effectiveFrom: CivilDate
    /// The most a household may earn per head and month, in yuan, and be in hardship.
    public var incomePerHead: Int
    /// The most the household may hold in assets beyond its home, in yuan.
    public var assets: Int
    /// Whether a written self-declaration of means is accepted (个人诚信承诺制).
    public var selfDeclarationAllowed: Bool
    /// Where the figures come from, shown in decisions.
    public var source: String

    public init(effectiveFrom: CivilDate, incomePerHead: Int, assets: Int, selfDeclarationAllowed: Bool, source: String) {
        self.effectiveFrom = effectiveFrom
        self.incomePerHead = incomePerHead
        self.assets = assets
        self.selfDeclarationAllowed = selfDeclarationAllowed
        self.source = source
    }
}

/// Why a person qualifies for legal aid, or why not, with the article: the eligibility decision of 法律援助法.
public enum EligibilityGround: String, Codable, Hashable, Sendable, CaseIterable {
    /// 第二十五条: mandatory defence on a notice, no economic test and no application decision.
    case mandatoryDefence
    /// 第三十二条: a circumstance without an economic test.
    case noEconomicTest
    /// 第四十二条: the economic check waived on proof of status.
    case checkWaived
    /// 第三十一条、第三十四条: economic hardship under the local standard.
    case economicHardship
    /// Not in hardship under the local standard: refused (第三十四条).
    case notInHardship

    public var isEligible: Bool { self != .notInHardship }

    public var article: String {
        switch self {
        case .mandatoryDefence: "《中华人民共和国法律援助法》第二十五条"
        case .noEconomicTest: "《中华人民共和国法律援助法》第三十二条"
        case .checkWaived: "《中华人民共和国法律援助法》第四十二条"
        case .economicHardship: "《中华人民共和国法律援助法》第三十一条、第三十四条"
        case .notInHardship: "《中华人民共和国法律援助法》第三十四条"
        }
    }

    public var label: String {
        switch self {
        case .mandatoryDefence: "通知辩护，不受经济困难条件限制"
        case .noEconomicTest: "法定情形，不受经济困难条件限制"
        case .checkWaived: "免予核查经济困难状况"
        case .economicHardship: "经济困难，符合本地法律援助经济困难标准"
        case .notInHardship: "不符合本地法律援助经济困难标准"
        }
    }
}

/// The decision on eligibility: its ground and the sentence that states it, the article named.
public struct EligibilityDecision: Codable, Hashable, Sendable {
    public var ground: EligibilityGround
    /// The sentence a decision letter and the case page state, e.g. "申请人系农民工请求支付劳动报酬，免予核查经济困难状况（…第四十二条）".
    public var reason: String

    public var isEligible: Bool { ground.isEligible }
}

/// The eligibility rules of 法律援助法 (RULES.md §4), from the facts recorded and the local standard; the same facts
/// always give the same decision.
public enum LegalAidEligibility {
    public static func decide(_ facts: EligibilityFacts, standard: EligibilityStandard) -> EligibilityDecision {
        if let status = facts.statuses.first(where: AidedPersonStatus.noEconomicTest.contains) {
            return EligibilityDecision(ground: .noEconomicTest,
                                       reason: "申请人属于“\(status.label)”情形，不受经济困难条件的限制（\(EligibilityGround.noEconomicTest.article)）")
        }
        if let waiver = waiver(facts) {
            return EligibilityDecision(ground: .checkWaived, reason: "申请人系\(waiver)，免予核查经济困难状况（\(EligibilityGround.checkWaived.article)）")
        }
        let perHead = facts.incomePerHead
        let declared = facts.selfDeclared && standard.selfDeclarationAllowed ? "（经个人诚信承诺）" : ""
        if perHead <= standard.incomePerHead && facts.assets <= standard.assets {
            return EligibilityDecision(ground: .economicHardship,
                                       reason: "申请人家庭\(facts.householdMembers)人，月人均收入\(perHead)元\(declared)，不高于本地标准\(standard.incomePerHead)元，"
                                           + "家庭资产\(facts.assets)元不超过\(standard.assets)元，属于经济困难（\(EligibilityGround.economicHardship.article)；\(standard.source)）")
        }
        let why = perHead > standard.incomePerHead
            ? "月人均收入\(perHead)元\(declared)，高于本地标准\(standard.incomePerHead)元"
            : "家庭资产\(facts.assets)元，超过本地标准\(standard.assets)元"
        return EligibilityDecision(ground: .notInHardship,
                                   reason: "申请人家庭\(facts.householdMembers)人，\(why)，不符合法律援助经济困难标准（\(EligibilityGround.notInHardship.article)；\(standard.source)）")
    }

    /// The Article 42 status that waives the check, in words, or nil.
    static func waiver(_ facts: EligibilityFacts) -> String? {
        let statuses = Set(facts.statuses)
        if statuses.contains(.minor) { return "未成年人" }
        if statuses.contains(.socialAssistance) { return AidedPersonStatus.socialAssistance.label }
        if statuses.contains(.elderly), !facts.hasFixedIncome { return "无固定生活来源的老年人" }
        if statuses.contains(.disabled), !facts.hasFixedIncome { return "无固定生活来源的残疾人" }
        if statuses.contains(.migrantWorker), facts.claimsWagesOrInjury { return "农民工请求支付劳动报酬或者工伤赔偿" }
        return nil
    }

    /// The self-check (初步审查) a resident or an officer runs from a few answers: whether they likely qualify, on what
    /// ground, and what to bring. It decides nothing; the centre's decision does.
    public struct SelfCheck: Codable, Hashable, Sendable {
        public var likely: Bool
        public var decision: EligibilityDecision
        /// The papers to bring, in the order a window asks for them.
        public var bring: [String]
    }

    public static func selfCheck(_ facts: EligibilityFacts, standard: EligibilityStandard) -> SelfCheck {
        let decision = decide(facts, standard: standard)
        var bring = ["身份证件（代理申请的，另带代理人身份证明和代理权限证明）", "法律援助申请表（可在窗口填写）", "与所申请法律援助事项有关的材料（起诉状、判决书、劳动合同、工资欠条等）"]
        switch decision.ground {
        case .noEconomicTest, .checkWaived:
            let statuses = Set(facts.statuses)
            if statuses.contains(.minor) { bring.append("户口簿或者出生证明") }
            if statuses.contains(.disabled) { bring.append("残疾人证") }
            if statuses.contains(.elderly) { bring.append("无固定生活来源的说明") }
            if statuses.contains(.socialAssistance) { bring.append("最低生活保障、特困供养、司法救助或优抚对象证明") }
            if statuses.contains(.migrantWorker) { bring.append("务工证明（劳动合同、工作证、工资条或证人证言）") }
            if !Set(AidedPersonStatus.noEconomicTest).isDisjoint(with: statuses) { bring.append("证明所属法定情形的材料（见义勇为认定、烈士证明、再审判决、告诫书或保护令等）") }
        case .economicHardship, .notInHardship, .mandatoryDefence:
            bring.append(standardsDeclaration(standard))
        }
        return SelfCheck(likely: decision.isEligible, decision: decision, bring: bring)
    }

    static func standardsDeclaration(_ standard: EligibilityStandard) -> String {
        standard.selfDeclarationAllowed ? "经济困难状况说明表（个人诚信承诺）" : "经济困难证明（家庭成员收入、资产情况）"
    }
}
