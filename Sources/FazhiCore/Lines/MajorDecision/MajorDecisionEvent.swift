import Foundation

/// One step of a major administrative decision (重大行政决策). Encoded flat, e.g.
/// `{"kind":"legalityReview","date":"2025-06-20","submittedOn":"2025-06-09","opinion":"lawful","evidence":"审查意见书"}`.
public enum MajorDecisionEvent: CaseEvent, Hashable {
    /// Opens the decision: entered in the year's catalogue (决策事项目录) on `date`, with the deciding organ.
    case list(date: CivilDate, title: String, organ: String)
    /// 公众参与: the draft published for comment from `commentFrom` to `commentTo` (≥ 30 days unless shortened with
    /// the reasons, 第十五条).
    case publicParticipation(date: CivilDate, commentFrom: CivilDate, commentTo: CivilDate, shortenedReason: String?, evidence: String)
    /// 专家论证
    case expertArgument(date: CivilDate, evidence: String)
    /// 风险评估
    case riskAssessment(date: CivilDate, evidence: String)
    /// 合法性审查: the opinion given on `date` for a draft submitted on `submittedOn` (≥ 7 working days, 第二十六条).
    case legalityReview(date: CivilDate, submittedOn: CivilDate, opinion: LegalityOpinion, evidence: String)
    /// A procedure the decision does not call for, with the reasons (公众参与、专家论证、风险评估 only).
    case exempt(date: CivilDate, procedure: DecisionProcedure, reason: String)
    /// 集体讨论决定: the meeting that discussed it (常务会议、全体会议).
    case collectiveDiscussion(date: CivilDate, meeting: String, evidence: String)
    /// 作出决策: only when every procedure is recorded.
    case decide(date: CivilDate)
    /// 决策后评估 (第三十六条).
    case postEvaluate(date: CivilDate, conclusion: String)
    /// 不再作出决策 (taken off the catalogue), with the reasons.
    case withdraw(date: CivilDate, reason: String)

    public var kind: String {
        switch self {
        case .list: "list"
        case .publicParticipation: "publicParticipation"
        case .expertArgument: "expertArgument"
        case .riskAssessment: "riskAssessment"
        case .legalityReview: "legalityReview"
        case .exempt: "exempt"
        case .collectiveDiscussion: "collectiveDiscussion"
        case .decide: "decide"
        case .postEvaluate: "postEvaluate"
        case .withdraw: "withdraw"
        }
    }

    public var date: CivilDate {
        switch self {
        case .list(let date, _, _), .publicParticipation(let date, _, _, _, _), .expertArgument(let date, _), .riskAssessment(let date, _),
             .legalityReview(let date, _, _, _), .exempt(let date, _, _), .collectiveDiscussion(let date, _, _), .decide(let date),
             .postEvaluate(let date, _), .withdraw(let date, _):
            date
        }
    }

    public var summary: String {
        switch self {
        case .list(_, _, let organ): "列入重大行政决策事项目录（决策机关：\(organ)）"
        case .publicParticipation(_, let from, let to, _, _): "公众参与：征求意见\(from.chinese)至\(to.chinese)"
        case .expertArgument: "专家论证"
        case .riskAssessment: "风险评估"
        case .legalityReview(_, _, let opinion, _): "合法性审查：\(opinion.label)"
        case .exempt(_, let procedure, _): "不需\(procedure.label)（已说明理由）"
        case .collectiveDiscussion(_, let meeting, _): "集体讨论决定（\(meeting)）"
        case .decide: "作出决策"
        case .postEvaluate: "决策后评估"
        case .withdraw: "不再作出决策"
        }
    }
}

extension MajorDecisionEvent {
    enum Key: String, CodingKey {
        case kind, date, title, organ, commentFrom, commentTo, shortenedReason, evidence, submittedOn, opinion, procedure, reason,
             meeting, conclusion
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let kind = try c.decode(String.self, forKey: .kind)
        let date = try c.decode(CivilDate.self, forKey: .date)
        func evidence() throws -> String { try c.decodeIfPresent(String.self, forKey: .evidence) ?? "" }
        switch kind {
        case "list": self = .list(date: date, title: try c.decode(String.self, forKey: .title), organ: try c.decode(String.self, forKey: .organ))
        case "publicParticipation":
            let reason = try c.decodeIfPresent(String.self, forKey: .shortenedReason)
            self = .publicParticipation(date: date, commentFrom: try c.decode(CivilDate.self, forKey: .commentFrom),
                                        commentTo: try c.decode(CivilDate.self, forKey: .commentTo),
                                        shortenedReason: reason?.trimmingWhitespace.isEmpty == false ? reason : nil, evidence: try evidence())
        case "expertArgument": self = .expertArgument(date: date, evidence: try evidence())
        case "riskAssessment": self = .riskAssessment(date: date, evidence: try evidence())
        case "legalityReview":
            self = .legalityReview(date: date, submittedOn: try c.decode(CivilDate.self, forKey: .submittedOn),
                                   opinion: try c.decode(LegalityOpinion.self, forKey: .opinion), evidence: try evidence())
        case "exempt":
            self = .exempt(date: date, procedure: try c.decode(DecisionProcedure.self, forKey: .procedure),
                           reason: try c.decode(String.self, forKey: .reason))
        case "collectiveDiscussion":
            self = .collectiveDiscussion(date: date, meeting: try c.decode(String.self, forKey: .meeting), evidence: try evidence())
        case "decide": self = .decide(date: date)
        case "postEvaluate": self = .postEvaluate(date: date, conclusion: try c.decode(String.self, forKey: .conclusion))
        case "withdraw": self = .withdraw(date: date, reason: try c.decode(String.self, forKey: .reason))
        default: throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "未知的重大行政决策事件类型「\(kind)」")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        switch self {
        case .list(_, let title, let organ):
            try c.encode(title, forKey: .title)
            try c.encode(organ, forKey: .organ)
        case .publicParticipation(_, let from, let to, let reason, let evidence):
            try c.encode(from, forKey: .commentFrom)
            try c.encode(to, forKey: .commentTo)
            try c.encodeIfPresent(reason, forKey: .shortenedReason)
            try c.encode(evidence, forKey: .evidence)
        case .expertArgument(_, let evidence), .riskAssessment(_, let evidence): try c.encode(evidence, forKey: .evidence)
        case .legalityReview(_, let submitted, let opinion, let evidence):
            try c.encode(submitted, forKey: .submittedOn)
            try c.encode(opinion, forKey: .opinion)
            try c.encode(evidence, forKey: .evidence)
        case .exempt(_, let procedure, let reason):
            try c.encode(procedure, forKey: .procedure)
            try c.encode(reason, forKey: .reason)
        case .collectiveDiscussion(_, let meeting, let evidence):
            try c.encode(meeting, forKey: .meeting)
            try c.encode(evidence, forKey: .evidence)
        case .decide: break
        case .postEvaluate(_, let conclusion): try c.encode(conclusion, forKey: .conclusion)
        case .withdraw(_, let reason): try c.encode(reason, forKey: .reason)
        }
    }
}
