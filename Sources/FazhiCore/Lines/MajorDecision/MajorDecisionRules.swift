import Foundation

/// Where a major administrative decision stands.
public enum MajorDecisionState: String, Codable, Hashable, Sendable, CaseIterable {
    /// 已列入目录: its procedures are being carried out.
    case listed
    /// 已作出决策
    case decided
    /// 已后评估
    case evaluated
    /// 不再作出决策
    case withdrawn

    public var label: String {
        switch self {
        case .listed: "履行程序中"
        case .decided: "已作出决策"
        case .evaluated: "已后评估"
        case .withdrawn: "不再作出决策"
        }
    }

    public var isOpen: Bool { self == .listed }
}

/// A major administrative decision folded from its events (`MajorDecisionRules`).
public struct MajorDecisionDossier: CaseDossier, Hashable {
    public internal(set) var state: MajorDecisionState
    public internal(set) var listedOn: CivilDate
    public internal(set) var title: String
    public internal(set) var organ: String
    public internal(set) var procedures: [DecisionProcedure: ProcedureRecord]
    public internal(set) var decidedOn: CivilDate?
    public internal(set) var evaluation: String?
    public internal(set) var evaluatedOn: CivilDate?
    public internal(set) var withdrawalReason: String?
    public internal(set) var concludedOn: CivilDate?
    public internal(set) var lastEventOn: CivilDate

    init(listedOn: CivilDate, title: String, organ: String) {
        self.state = .listed
        self.listedOn = listedOn
        self.title = title
        self.organ = organ
        self.procedures = [:]
        self.lastEventOn = listedOn
    }

    /// The procedures not yet recorded (carried out or exempted), in the ordinance's order.
    public var missing: [DecisionProcedure] { DecisionProcedure.allCases.filter { procedures[$0] == nil } }

    public var summary: CaseSummary {
        CaseSummary(state: state.rawValue, stateLabel: state.label, receivedOn: listedOn, acceptedOn: listedOn,
                    concludedOn: decidedOn ?? concludedOn, outcome: decidedOn != nil ? "decided" : (state == .withdrawn ? "withdrawn" : nil),
                    outcomeLabel: decidedOn.map { "\($0.chinese)作出决策" } ?? (state == .withdrawn ? state.label : nil), isOpen: state.isOpen)
    }
}

/// The rules of a major administrative decision (《重大行政决策程序暂行条例》): entered in the year's catalogue, then its
/// five procedures — public participation (comment period ≥ 30 days, 第十五条), expert argument, risk assessment (each
/// may be left out with reasons where the decision does not call for it), legality review (the reviewer given ≥ 7
/// working days, 第二十六条; never left out, and a draft found unlawful may not go to discussion, 第二十五条) and
/// collective discussion (第三十条, after the review). **A decision cannot be recorded as taken while a procedure is
/// missing.** Post-evaluation (第三十六条) follows the decision.
public enum MajorDecisionRules: CaseLineRules {
    public typealias Event = MajorDecisionEvent
    public typealias Dossier = MajorDecisionDossier

    public static var line: WorkLine { .majorDecision }

    public static var caseNumberPattern: String { "重大决策〔{year}〕{seq}号" }

    public static let maximumText = 2_000

    public static func open(with event: Event, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        guard case .list(let date, let title, let organ) = event else {
            throw TransitionError(code: "not_listed", message: "重大行政决策须先列入决策事项目录，不能以「\(event.summary)」开始")
        }
        try requireText(title, field: "title", message: "须写明决策事项")
        try requireText(organ, field: "organ", message: "须写明决策机关")
        return Dossier(listedOn: date, title: title, organ: organ)
    }

    public static func apply(_ event: Event, to dossier: Dossier, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        try requireInOrder(event, after: dossier.lastEventOn)
        var dossier = dossier
        switch event {
        case .list:
            throw TransitionError(code: "already_listed", message: "本事项已于\(dossier.listedOn.chinese)列入目录")
        case .publicParticipation(let date, let from, let to, let reason, let evidence):
            try requireProcedureOpen(dossier, .publicParticipation)
            guard from <= to, to <= date else {
                throw TransitionError(code: "comment_period", message: "征求意见的起止日期有误：开始日不能晚于截止日，截止日不能晚于登记日", field: "commentTo")
            }
            let days = from.days(to: to) + 1
            if days < 30, reason == nil {
                throw TransitionError(code: "comment_too_short",
                                      message: "公开征求意见的期限一般不少于30日（收到\(days)日）；因情况紧急等原因需要缩短的，须说明理由（《重大行政决策程序暂行条例》第十五条）",
                                      field: "shortenedReason")
            }
            try requireEvidence(evidence)
            dossier.procedures[.publicParticipation] = ProcedureRecord(on: date, evidence: evidence, exemption: nil, commentFrom: from, commentTo: to)
        case .expertArgument(let date, let evidence):
            try requireProcedureOpen(dossier, .expertArgument)
            try requireEvidence(evidence)
            dossier.procedures[.expertArgument] = ProcedureRecord(on: date, evidence: evidence)
        case .riskAssessment(let date, let evidence):
            try requireProcedureOpen(dossier, .riskAssessment)
            try requireEvidence(evidence)
            dossier.procedures[.riskAssessment] = ProcedureRecord(on: date, evidence: evidence)
        case .legalityReview(let date, let submitted, let opinion, let evidence):
            if let earlier = dossier.procedures[.legalityReview], earlier.opinion != .unlawful {
                throw TransitionError(code: "procedure_recorded", message: "合法性审查已于\(earlier.on.chinese)登记", field: "kind")
            }
            guard dossier.state == .listed else { throw ended(dossier, action: "登记合法性审查") }
            guard submitted <= date else {
                throw TransitionError(code: "review_dates", message: "送审日期不能晚于审查意见日期", field: "submittedOn")
            }
            if let rule = try? catalogue.rule("majorDecision.legalityReview"),
               let earliest = try? rule.clock(from: submitted).compute(in: calendar), date < earliest.due {
                throw TransitionError(code: "review_too_short",
                                      message: "应当保证合法性审查机构的审查时间，一般不少于七个工作日：\(submitted.chinese)送审，最早\(earliest.due.chinese)出具意见（《重大行政决策程序暂行条例》第二十六条）",
                                      field: "submittedOn")
            }
            try requireEvidence(evidence)
            dossier.procedures[.legalityReview] = ProcedureRecord(on: date, evidence: evidence, submittedOn: submitted, opinion: opinion)
        case .exempt(let date, let procedure, let reason):
            guard procedure.mayBeExempted else {
                throw TransitionError(code: "procedure_required",
                                      message: "\(procedure.label)是重大行政决策的必经程序，不能免除（\(procedure.basis)）", field: "procedure")
            }
            try requireProcedureOpen(dossier, procedure)
            try requireText(reason, field: "reason", message: "不需\(procedure.label)的，须说明理由")
            try requireBounded(reason, field: "reason")
            dossier.procedures[procedure] = ProcedureRecord(on: date, evidence: "", exemption: reason)
        case .collectiveDiscussion(let date, let meeting, let evidence):
            try requireProcedureOpen(dossier, .collectiveDiscussion)
            guard let review = dossier.procedures[.legalityReview] else {
                throw TransitionError(code: "review_first",
                                      message: "决策草案提交决策机关讨论前，应当进行合法性审查（《重大行政决策程序暂行条例》第二十五条）", field: "kind")
            }
            if review.opinion == .unlawful {
                throw TransitionError(code: "reviewed_unlawful",
                                      message: "经合法性审查不合法的决策草案，不得提交决策机关讨论（《重大行政决策程序暂行条例》第二十五条）", field: "kind")
            }
            try requireText(meeting, field: "meeting", message: "须写明集体讨论的会议（如区政府常务会议）")
            try requireEvidence(evidence)
            dossier.procedures[.collectiveDiscussion] = ProcedureRecord(on: date, evidence: evidence)
        case .decide(let date):
            guard dossier.state == .listed else { throw ended(dossier, action: "作出决策") }
            if let first = dossier.missing.first {
                let all = dossier.missing.map(\.label).joined(separator: "、")
                throw TransitionError(code: "procedure_missing",
                                      message: "尚未履行\(all)程序，不能登记作出决策：\(first.label)须先登记（\(first.basis)）", field: "kind")
            }
            if dossier.procedures[.legalityReview]?.opinion == .unlawful {
                throw TransitionError(code: "reviewed_unlawful", message: "经合法性审查不合法，不能作出决策（《重大行政决策程序暂行条例》第二十五条）", field: "kind")
            }
            dossier.decidedOn = date
            dossier.concludedOn = date
            dossier.state = .decided
        case .postEvaluate(let date, let conclusion):
            guard dossier.state == .decided else {
                throw TransitionError(code: "not_decided", message: "决策后评估须在作出决策之后（《重大行政决策程序暂行条例》第三十六条）", field: "kind")
            }
            try requireText(conclusion, field: "conclusion", message: "须写明后评估结论")
            try requireBounded(conclusion, field: "conclusion")
            dossier.evaluation = conclusion
            dossier.evaluatedOn = date
            dossier.state = .evaluated
        case .withdraw(let date, let reason):
            guard dossier.state == .listed else { throw ended(dossier, action: "登记不再作出决策") }
            try requireText(reason, field: "reason", message: "须写明不再作出决策的理由")
            try requireBounded(reason, field: "reason")
            dossier.withdrawalReason = reason
            dossier.concludedOn = date
            dossier.state = .withdrawn
        }
        dossier.lastEventOn = event.date
        return dossier
    }

    public static func allowedEvents(for dossier: Dossier) -> [String] {
        switch dossier.state {
        case .listed:
            var kinds: [String] = []
            let missing = Set(dossier.missing)
            for procedure in DecisionProcedure.allCases where missing.contains(procedure) { kinds.append(procedure.rawValue) }
            if dossier.procedures[.legalityReview]?.opinion == .unlawful { kinds.append("legalityReview") }
            if DecisionProcedure.allCases.contains(where: { $0.mayBeExempted && missing.contains($0) }) { kinds.append("exempt") }
            return kinds + ["decide", "withdraw"]
        case .decided: return ["postEvaluate"]
        case .evaluated, .withdrawn: return []
        }
    }

    /// No deadline binds the office: the comment period and the review time are minimums checked when recorded.
    public static func deadlines(of dossier: Dossier, calendar: WorkingCalendar) -> [CaseDeadline] { [] }

    public static func automaticEvents(for dossier: Dossier, today: CivilDate, calendar: WorkingCalendar) -> [Event] { [] }

    /// REPORT.md `decision.legality_reviews`: a decision counts on the day its legality review's opinion was given.
    public static func contributions(of dossier: Dossier, calendar: WorkingCalendar) -> [MetricContribution] {
        guard let review = dossier.procedures[.legalityReview] else { return [] }
        return [MetricContribution("decision.legality_reviews", on: review.on)]
    }

    static func requireProcedureOpen(_ dossier: Dossier, _ procedure: DecisionProcedure) throws(TransitionError) {
        guard dossier.state == .listed else { throw ended(dossier, action: "登记\(procedure.label)") }
        if let recorded = dossier.procedures[procedure] {
            throw TransitionError(code: "procedure_recorded",
                                  message: "\(procedure.label)已于\(recorded.on.chinese)登记\(recorded.isExempted ? "（不需履行）" : "")", field: "kind")
        }
    }

    static func requireEvidence(_ evidence: String) throws(TransitionError) {
        try requireText(evidence, field: "evidence", message: "须写明该程序的证明材料（如会议纪要、意见书，并上传附件）")
        try requireBounded(evidence, field: "evidence")
    }

    static func requireBounded(_ text: String, field: String) throws(TransitionError) {
        guard text.count > maximumText else { return }
        throw TransitionError(code: "text_too_long", message: "内容不能超过\(maximumText)个字符（收到\(text.count)个）", field: field)
    }

    static func ended(_ dossier: Dossier, action: String) -> TransitionError {
        TransitionError(code: "case_ended", message: "本事项\(dossier.state.label)，不能\(action)", field: "kind")
    }
}

extension WorkLine {
    /// 重大行政决策: the year's catalogue of decisions and their five procedures, run by the bureau for the district government.
    public static let majorDecision = WorkLine("majorDecision", label: "重大行政决策")
}
