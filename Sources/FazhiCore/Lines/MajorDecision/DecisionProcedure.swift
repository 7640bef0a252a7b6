/// The five statutory procedures of a major administrative decision (《重大行政决策程序暂行条例》第九条、第十四至三十条),
/// in the order the ordinance sets them.
public enum DecisionProcedure: String, Codable, Hashable, Sendable, CaseIterable {
    case publicParticipation, expertArgument, riskAssessment, legalityReview, collectiveDiscussion

    public var label: String {
        switch self {
        case .publicParticipation: "公众参与"
        case .expertArgument: "专家论证"
        case .riskAssessment: "风险评估"
        case .legalityReview: "合法性审查"
        case .collectiveDiscussion: "集体讨论决定"
        }
    }

    /// The articles that require it.
    public var basis: String {
        switch self {
        case .publicParticipation: "《重大行政决策程序暂行条例》第十四条、第十五条"
        case .expertArgument: "《重大行政决策程序暂行条例》第十九条"
        case .riskAssessment: "《重大行政决策程序暂行条例》第二十二条"
        case .legalityReview: "《重大行政决策程序暂行条例》第二十四条、第二十五条"
        case .collectiveDiscussion: "《重大行政决策程序暂行条例》第三十条"
        }
    }

    /// Public participation, expert argument and risk assessment are required where the decision calls for them and may
    /// be left out with reasons recorded; legality review and collective discussion never (第二十五条、第三十条).
    public var mayBeExempted: Bool {
        switch self {
        case .publicParticipation, .expertArgument, .riskAssessment: true
        case .legalityReview, .collectiveDiscussion: false
        }
    }
}

/// A procedure as recorded on a decision: when, its evidence (the attachment's name or what proves it) or the reasoned
/// exemption, and what the procedure itself carries (the comment period, the review's opinion).
public struct ProcedureRecord: Codable, Hashable, Sendable {
    public var on: CivilDate
    public var evidence: String
    /// Set when the procedure was left out, with the reasons.
    public var exemption: String?
    /// Public participation: the comment period (征求意见期间).
    public var commentFrom: CivilDate?
    public var commentTo: CivilDate?
    /// Legality review: when the draft went to the reviewer and the opinion.
    public var submittedOn: CivilDate?
    public var opinion: LegalityOpinion?

    public var isExempted: Bool { exemption != nil }
}
