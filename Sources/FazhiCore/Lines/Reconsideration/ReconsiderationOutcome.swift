/// How an accepted case ended (RULES.md §3 Outcomes). The first ten are decisions (`decide`); the
/// last three come from their own events (`mediate`, `settleAndWithdraw`, `withdraw`/`terminate`).
public enum ReconsiderationOutcome: String, Codable, Hashable, Sendable, CaseIterable {
    /// 第六十三条 变更
    case change
    /// 第六十四条 撤销或者部分撤销，可以责令重新作出（see the decide event's `partial` and `orderRedo`）
    case revoke
    /// 第六十五条 确认违法
    case confirmIllegal
    /// 第六十六条 责令履行
    case orderPerformance
    /// 第六十七条 确认无效
    case confirmInvalid
    /// 第六十八条 维持
    case uphold
    /// 第六十九条 驳回行政复议请求
    case dismissRequest
    /// 第三十三条 受理后发现不符合受理条件，驳回申请
    case dismissApplication
    /// 第七十一条 行政协议：责令依法履行、继续履行、采取补救措施或者赔偿
    case agreementRemedy
    /// 第七十二条 行政赔偿
    case compensation
    /// 第七十三条 行政复议调解书
    case mediation
    /// 第七十四条 和解后撤回申请
    case settlementWithdrawal
    /// 第四十一条 终止行政复议
    case termination

    public var label: String {
        switch self {
        case .change: "变更"
        case .revoke: "撤销"
        case .confirmIllegal: "确认违法"
        case .orderPerformance: "责令履行"
        case .confirmInvalid: "确认无效"
        case .uphold: "维持"
        case .dismissRequest: "驳回行政复议请求"
        case .dismissApplication: "驳回行政复议申请"
        case .agreementRemedy: "行政协议责令履行或补救"
        case .compensation: "行政赔偿"
        case .mediation: "调解结案"
        case .settlementWithdrawal: "和解后撤回申请"
        case .termination: "终止行政复议"
        }
    }

    /// The article of 《中华人民共和国行政复议法》 the outcome rests on.
    public var article: Int {
        switch self {
        case .change: 63
        case .revoke: 64
        case .confirmIllegal: 65
        case .orderPerformance: 66
        case .confirmInvalid: 67
        case .uphold: 68
        case .dismissRequest: 69
        case .dismissApplication: 33
        case .agreementRemedy: 71
        case .compensation: 72
        case .mediation: 73
        case .settlementWithdrawal: 74
        case .termination: 41
        }
    }

    /// 《中华人民共和国行政复议法》第七十三条, for instruments and messages.
    public var basis: String { "《中华人民共和国行政复议法》第\(Self.chineseNumber(article))条" }

    /// 1…99 in Chinese numerals, as articles are cited (三十三, 七十三).
    static func chineseNumber(_ value: Int) -> String {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        let tens = value / 10, units = value % 10
        let head = tens == 0 ? "" : (tens == 1 ? "" : digits[tens]) + "十"
        return head + digits[units]
    }

    /// 纠错 (GLOSSARY.md, REPORT.md `reconsideration.correction_rate` numerator).
    public var isCorrection: Bool {
        switch self {
        case .change, .revoke, .confirmIllegal, .orderPerformance, .confirmInvalid: true
        default: false
        }
    }

    /// Decided on the merits: the denominator of the correction rate (corrections, 维持, 驳回复议请求).
    public var isMerits: Bool {
        isCorrection || self == .uphold || self == .dismissRequest
    }

    /// Recorded with the `decide` event (a 行政复议决定书), not a mediation, settlement or termination.
    public var isDecision: Bool {
        switch self {
        case .mediation, .settlementWithdrawal, .termination: false
        default: true
        }
    }

    /// Counted in `reconsideration.mediated` (REPORT.md: mediation or settlement-withdrawal).
    public var isMediated: Bool {
        self == .mediation || self == .settlementWithdrawal
    }
}
