/// How an accepted case is heard. Named for the line (not plain `Procedure`) because major
/// decisions have "procedures" of their own (重大行政决策程序暂行条例).
public enum ReconsiderationProcedure: String, Codable, Hashable, Sendable, CaseIterable {
    /// 普通程序: copy in 7, reply in 10 working days, decision in 60 days (+30 once).
    case ordinary
    /// 行政复议法第五十三条、第五十四条 简易程序: copy in 3, reply in 5 working days, decision in 30 days, no extension.
    case simplified

    public var label: String {
        switch self {
        case .ordinary: "普通程序"
        case .simplified: "简易程序"
        }
    }

    /// The catalogue key of the decision deadline under this procedure (行政复议法第六十二条).
    var decisionRuleKey: String {
        self == .ordinary ? "reconsideration.decision" : "reconsideration.decision.simplified"
    }

    /// 行政复议法第四十八条 / 第五十四条.
    var copyRuleKey: String {
        self == .ordinary ? "reconsideration.copyToRespondent" : "reconsideration.copyToRespondent.simplified"
    }

    var replyRuleKey: String {
        self == .ordinary ? "reconsideration.reply" : "reconsideration.reply.simplified"
    }
}
