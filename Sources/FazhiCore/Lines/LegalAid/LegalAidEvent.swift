import Foundation

/// One step of a legal-aid case. Encoded flat, e.g. `{"kind":"assign","date":"2025-03-10","lawyerID":"…"}`.
public enum LegalAidEvent: CaseEvent, Hashable {
    /// Opens the case: an application (with the facts of the applicant's means and status) or, on a court,
    /// procuratorate or police channel, a notice of mandatory defence (no facts, no decision). `caseType` is a code of
    /// the centre's list of case types (data; the server checks it).
    case apply(date: CivilDate, matter: LegalAidMatter, caseType: String, channel: LegalAidChannel, facts: EligibilityFacts?, summary: String)
    /// The one consolidated notice of what is missing (法律援助法第四十三条): the decision clock waits.
    case requestSupplement(date: CivilDate, missing: String)
    /// The papers came: the seven working days run again from this day.
    case supplement(date: CivilDate)
    /// Withdrawn by the applicant, or `deemed` withdrawn when the papers were not supplied.
    case withdraw(date: CivilDate, deemed: Bool)
    /// 给予法律援助决定, under the local standard in force (the server fills it in before the rules decide).
    case grant(date: CivilDate, standard: EligibilityStandard?)
    /// 不予法律援助决定, with its ground and reasons.
    case refuse(date: CivilDate, standard: EligibilityStandard?, ground: LegalAidRefusalGround, explanation: String)
    /// The applicant objects to the refusal before the bureau (法律援助法第四十九条).
    case object(date: CivilDate, reason: String)
    /// The bureau's ruling on the objection: upheld (the centre must grant) or dismissed.
    case ruleObjection(date: CivilDate, upheld: Bool, note: String)
    /// 指派: the lawyer next in rotation, or another with the reason for skipping (the server checks the register, the
    /// licence, the conflict and the rotation, and fills in the name and firm).
    case assign(date: CivilDate, lawyerID: UUID, lawyerName: String, firm: String, skipReason: String?)
    /// A hearing or another key step of the lawyer's work (承办情况).
    case recordProgress(date: CivilDate, note: String)
    /// 结案: the result, the economic loss recovered or benefit obtained for the aided person (yuan), and their view.
    case close(date: CivilDate, result: String, recoveredYuan: Int, satisfaction: AidSatisfaction)
    /// 案卷质量评查: the points given on each item of the checklist (`LegalAidQualityChecklist`, by item code) and the
    /// reviewer.
    case review(date: CivilDate, scores: [String: Int], reviewer: String, note: String?)

    public var kind: String {
        switch self {
        case .apply: "apply"
        case .requestSupplement: "requestSupplement"
        case .supplement: "supplement"
        case .withdraw: "withdraw"
        case .grant: "grant"
        case .refuse: "refuse"
        case .object: "object"
        case .ruleObjection: "ruleObjection"
        case .assign: "assign"
        case .recordProgress: "recordProgress"
        case .close: "close"
        case .review: "review"
        }
    }

    public static let kinds = ["apply", "requestSupplement", "supplement", "withdraw", "grant", "refuse", "object", "ruleObjection",
                               "assign", "recordProgress", "close", "review"]

    public var date: CivilDate {
        switch self {
        case .apply(let date, _, _, _, _, _), .requestSupplement(let date, _), .supplement(let date), .withdraw(let date, _),
             .grant(let date, _), .refuse(let date, _, _, _), .object(let date, _), .ruleObjection(let date, _, _),
             .assign(let date, _, _, _, _), .recordProgress(let date, _), .close(let date, _, _, _), .review(let date, _, _, _):
            date
        }
    }

    public var summary: String {
        switch self {
        case .apply(_, let matter, _, let channel, _, _):
            channel.isNotice ? "收到\(channel.label)辩护（\(matter.label)）" : "收到法律援助申请（\(matter.label)，\(channel.label)）"
        case .requestSupplement(_, let missing): "一次性告知补充材料：\(missing)"
        case .supplement: "申请人补充材料"
        case .withdraw(_, let deemed): deemed ? "未按要求补充材料，视为撤回申请" : "申请人撤回申请"
        case .grant: "决定给予法律援助"
        case .refuse(_, _, let ground, _): "决定不予法律援助：\(ground.label)"
        case .object: "申请人对不予法律援助决定提出异议"
        case .ruleObjection(_, let upheld, _): upheld ? "司法局认为异议成立，责令给予法律援助" : "司法局维持不予法律援助决定"
        case .assign(_, _, let name, let firm, let skip): "指派\(firm)\(name)承办" + (skip == nil ? "" : "（未按轮候顺序）")
        case .recordProgress(_, let note): "承办情况：\(note)"
        case .close(_, let result, let yuan, _): "结案：\(result)" + (yuan > 0 ? "，挽回经济损失\(yuan)元" : "")
        case .review(_, let scores, _, _): "案卷质量评查：\(scores.values.reduce(0, +))分"
        }
    }
}

extension LegalAidEvent {
    enum Key: String, CodingKey {
        case kind, date, matter, caseType, channel, facts, summary, missing, deemed, standard, ground, explanation, reason, upheld, note
        case lawyerID, lawyerName, firm, skipReason, result, recoveredYuan, satisfaction, reviewer
        // The quality checklist's items (`LegalAidQualityChecklist.items`), each its points.
        case intake, assignment, contact, opinion, closing, feedback
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let kind = try c.decode(String.self, forKey: .kind)
        let date = try c.decode(CivilDate.self, forKey: .date)
        switch kind {
        case "apply":
            self = .apply(date: date, matter: try c.decode(LegalAidMatter.self, forKey: .matter), caseType: try c.decode(String.self, forKey: .caseType),
                          channel: try c.decode(LegalAidChannel.self, forKey: .channel), facts: try c.decodeIfPresent(EligibilityFacts.self, forKey: .facts),
                          summary: try c.decode(String.self, forKey: .summary))
        case "requestSupplement": self = .requestSupplement(date: date, missing: try c.decode(String.self, forKey: .missing))
        case "supplement": self = .supplement(date: date)
        case "withdraw": self = .withdraw(date: date, deemed: try c.decodeIfPresent(Bool.self, forKey: .deemed) ?? false)
        case "grant": self = .grant(date: date, standard: try c.decodeIfPresent(EligibilityStandard.self, forKey: .standard))
        case "refuse":
            self = .refuse(date: date, standard: try c.decodeIfPresent(EligibilityStandard.self, forKey: .standard),
                           ground: try c.decode(LegalAidRefusalGround.self, forKey: .ground), explanation: try c.decode(String.self, forKey: .explanation))
        case "object": self = .object(date: date, reason: try c.decode(String.self, forKey: .reason))
        case "ruleObjection":
            self = .ruleObjection(date: date, upheld: try c.decodeIfPresent(Bool.self, forKey: .upheld) ?? false,
                                  note: try c.decode(String.self, forKey: .note))
        case "assign":
            // A form names the lawyer by id; the server completes name and firm from the register before the rules decide.
            self = .assign(date: date, lawyerID: try c.decode(UUID.self, forKey: .lawyerID),
                           lawyerName: try c.decodeIfPresent(String.self, forKey: .lawyerName) ?? "",
                           firm: try c.decodeIfPresent(String.self, forKey: .firm) ?? "",
                           skipReason: try c.decodeIfPresent(String.self, forKey: .skipReason).flatMap { $0.isEmpty ? nil : $0 })
        case "recordProgress": self = .recordProgress(date: date, note: try c.decode(String.self, forKey: .note))
        case "close":
            self = .close(date: date, result: try c.decode(String.self, forKey: .result),
                          recoveredYuan: try c.decodeIfPresent(Int.self, forKey: .recoveredYuan) ?? 0,
                          satisfaction: try c.decode(AidSatisfaction.self, forKey: .satisfaction))
        case "review":
            var scores: [String: Int] = [:]
            for item in LegalAidQualityChecklist.items {
                guard let key = Key(rawValue: item.code) else { continue }
                scores[item.code] = try c.decodeIfPresent(Int.self, forKey: key)
            }
            self = .review(date: date, scores: scores, reviewer: try c.decode(String.self, forKey: .reviewer),
                           note: try c.decodeIfPresent(String.self, forKey: .note))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "未知的法律援助事件类型「\(kind)」")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        switch self {
        case .apply(_, let matter, let caseType, let channel, let facts, let summary):
            try c.encode(matter, forKey: .matter)
            try c.encode(caseType, forKey: .caseType)
            try c.encode(channel, forKey: .channel)
            try c.encodeIfPresent(facts, forKey: .facts)
            try c.encode(summary, forKey: .summary)
        case .requestSupplement(_, let missing): try c.encode(missing, forKey: .missing)
        case .supplement: break
        case .withdraw(_, let deemed): try c.encode(deemed, forKey: .deemed)
        case .grant(_, let standard): try c.encodeIfPresent(standard, forKey: .standard)
        case .refuse(_, let standard, let ground, let explanation):
            try c.encodeIfPresent(standard, forKey: .standard)
            try c.encode(ground, forKey: .ground)
            try c.encode(explanation, forKey: .explanation)
        case .object(_, let reason): try c.encode(reason, forKey: .reason)
        case .ruleObjection(_, let upheld, let note):
            try c.encode(upheld, forKey: .upheld)
            try c.encode(note, forKey: .note)
        case .assign(_, let id, let name, let firm, let skip):
            try c.encode(id, forKey: .lawyerID)
            try c.encode(name, forKey: .lawyerName)
            try c.encode(firm, forKey: .firm)
            try c.encodeIfPresent(skip, forKey: .skipReason)
        case .recordProgress(_, let note): try c.encode(note, forKey: .note)
        case .close(_, let result, let yuan, let satisfaction):
            try c.encode(result, forKey: .result)
            try c.encode(yuan, forKey: .recoveredYuan)
            try c.encode(satisfaction, forKey: .satisfaction)
        case .review(_, let scores, let reviewer, let note):
            for (code, score) in scores { if let key = Key(rawValue: code) { try c.encode(score, forKey: key) } }
            try c.encode(reviewer, forKey: .reviewer)
            try c.encodeIfPresent(note, forKey: .note)
        }
    }
}
