import Foundation

/// The rules of legal aid (法律援助法): an application is decided within seven working days on the eligibility rules
/// (after one consolidated supplement notice, if the file is incomplete), a notice of mandatory defence needs no
/// decision; a lawyer is assigned within three working days in rotation; a refusal may be objected to before the
/// bureau (five working days); the lawyer closes the case with the amount recovered, and the centre checks its quality.
public enum LegalAidRules: CaseLineRules {
    public typealias Event = LegalAidEvent
    public typealias Dossier = LegalAidDossier

    public static var line: WorkLine { .legalAid }

    public static var caseNumberPattern: String { "东法援〔{year}〕{seq}号" }

    /// The most that may be recorded as recovered for one case, in yuan (a bound on input, not law).
    public static let maxRecoveredYuan = 1_000_000_000

    public static func open(with event: Event, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        guard case .apply(let date, let matter, let caseType, let channel, let facts, let summary) = event else {
            throw TransitionError(code: "not_applied", message: "法律援助案件须以收到申请或通知开始，不能以「\(event.summary)」开始")
        }
        try requireText(caseType, field: "caseType", message: "须选择案件类型")
        try requireText(summary, field: "summary", message: "须写明申请事项和理由")
        var dossier = Dossier(receivedOn: date, matter: matter, caseType: caseType, channel: channel, facts: facts, summary: summary)
        if channel.isNotice {
            guard matter == .criminalDefence else {
                throw TransitionError(code: "notice_not_defence", message: "\(channel.label)仅适用于刑事辩护（《中华人民共和国法律援助法》第二十五条）", field: "matter")
            }
            dossier.decision = EligibilityDecision(ground: .mandatoryDefence,
                                                   reason: "\(channel.label)指派律师担任辩护人，不受经济困难条件限制（\(EligibilityGround.mandatoryDefence.article)、第三十六条）")
            dossier.decidedOn = date
            dossier.grantedOn = date
            dossier.state = .granted
        } else {
            guard let facts else {
                throw TransitionError(code: "facts_missing", message: "法律援助申请须登记申请人家庭人口、收入和资产情况", field: "householdMembers")
            }
            if let problem = facts.problems.first { throw TransitionError(code: "facts_invalid", message: problem.message, field: problem.field) }
        }
        return dossier
    }

    public static func apply(_ event: Event, to dossier: Dossier, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        try requireInOrder(event, after: dossier.lastEventOn)
        var dossier = dossier
        switch event {
        case .apply:
            throw TransitionError(code: "already_applied", message: "本案已于\(dossier.receivedOn.chinese)登记")
        case .requestSupplement(let date, let missing):
            try require(dossier, in: [.applied], action: "通知补充材料")
            if let sent = dossier.supplementRequestedOn {
                throw TransitionError(code: "supplement_once",
                                      message: "已于\(sent.chinese)一次性告知需要补充的材料，不能再次通知（《中华人民共和国法律援助法》第四十三条）")
            }
            try requireText(missing, field: "missing", message: "须一次性写明需要补充的全部材料")
            dossier.supplementRequestedOn = date
            dossier.missing = missing
            dossier.state = .awaitingSupplement
        case .supplement(let date):
            try require(dossier, in: [.awaitingSupplement], action: "登记补充材料")
            dossier.supplementedOn = date
            dossier.state = .applied
        case .withdraw(let date, let deemed):
            try require(dossier, in: deemed ? [.awaitingSupplement] : [.applied, .awaitingSupplement, .granted], action: deemed ? "视为撤回" : "撤回申请")
            dossier.concludedOn = date
            dossier.state = .withdrawn
        case .grant(let date, let standard):
            try require(dossier, in: [.applied], action: "决定给予法律援助")
            let decision = try decide(dossier, standard: standard)
            guard decision.isEligible else {
                throw TransitionError(code: "not_eligible", message: "不能给予法律援助：\(decision.reason)", field: "monthlyIncome")
            }
            dossier.decision = decision
            dossier.decidedOn = date
            dossier.grantedOn = date
            dossier.state = .granted
        case .refuse(let date, let standard, let ground, let explanation):
            try require(dossier, in: [.applied], action: "决定不予法律援助")
            try requireText(explanation, field: "explanation", message: "不予法律援助的，须书面说明理由（《中华人民共和国法律援助法》第四十三条）")
            let decision = try decide(dossier, standard: standard)
            if ground == .notInHardship, decision.isEligible {
                throw TransitionError(code: "facts_say_eligible", message: "按登记的情况不能以经济困难为由不予援助：\(decision.reason)", field: "ground")
            }
            dossier.decision = decision
            dossier.decidedOn = date
            dossier.refusal = ground
            dossier.refusalExplanation = explanation
            dossier.concludedOn = date
            dossier.state = .refused
        case .object(let date, let reason):
            try require(dossier, in: [.refused], action: "提出异议")
            if dossier.objection != nil { throw TransitionError(code: "objection_once", message: "申请人已于\(dossier.objection!.date.chinese)提出异议") }
            try requireText(reason, field: "reason", message: "须写明异议的理由")
            dossier.objection = Dossier.Objection(date: date, reason: reason)
            dossier.concludedOn = nil
            dossier.state = .objected
        case .ruleObjection(let date, let upheld, let note):
            try require(dossier, in: [.objected], action: "登记异议审查结果")
            try requireText(note, field: "note", message: "须写明审查意见（《中华人民共和国法律援助法》第四十九条）")
            dossier.objection?.ruledOn = date
            dossier.objection?.upheld = upheld
            if upheld {
                dossier.grantedOn = date
                dossier.refusal = nil
                dossier.state = .granted
            } else {
                dossier.concludedOn = date
                dossier.state = .refused
            }
        case .assign(let date, let id, let name, let firm, let skip):
            try require(dossier, in: [.granted], action: "指派")
            try requireText(name, field: "lawyerID", message: "须指派法律援助人员")
            dossier.assignment = Dossier.Assignment(date: date, lawyerID: id, lawyerName: name, firm: firm, skipReason: skip)
            dossier.state = .assigned
        case .recordProgress(let date, let note):
            try require(dossier, in: [.assigned], action: "登记承办情况")
            try requireText(note, field: "note", message: "须写明承办情况（开庭、会见、调查取证等）")
            dossier.progress.append(date)
        case .close(let date, let result, let yuan, let satisfaction):
            try require(dossier, in: [.assigned], action: "结案")
            try requireText(result, field: "result", message: "须写明办理结果")
            guard (0...maxRecoveredYuan).contains(yuan) else {
                throw TransitionError(code: "recovered_out_of_range", message: "挽回经济损失须为0至\(maxRecoveredYuan)元的整数", field: "recoveredYuan")
            }
            dossier.closure = Dossier.Closure(date: date, result: result, recoveredYuan: yuan, satisfaction: satisfaction)
            dossier.concludedOn = date
            dossier.state = .closed
        case .review(let date, let scores, let reviewer, let note):
            try require(dossier, in: [.closed], action: "质量评查")
            if let review = dossier.review { throw TransitionError(code: "reviewed", message: "本案已于\(review.date.chinese)评查（\(review.score)分）") }
            let score = try LegalAidQualityChecklist.total(scores)
            try requireText(reviewer, field: "reviewer", message: "须写明评查人")
            dossier.review = Dossier.Review(date: date, score: score, items: scores, reviewer: reviewer, note: note)
        }
        dossier.lastEventOn = event.date
        return dossier
    }

    /// The eligibility decision on the dossier's facts under `standard` (which the server supplies: the one in force).
    static func decide(_ dossier: Dossier, standard: EligibilityStandard?) throws(TransitionError) -> EligibilityDecision {
        guard let facts = dossier.facts else {
            throw TransitionError(code: "facts_missing", message: "本案未登记申请人的经济状况", field: "householdMembers")
        }
        guard let standard else {
            throw TransitionError(code: "standard_missing", message: "尚未设置本地法律援助经济困难标准，请管理员在“法律援助 › 经济困难标准”中设置")
        }
        return LegalAidEligibility.decide(facts, standard: standard)
    }

    /// The decision (seven working days from the application or the supplement; none on a notice or while the papers
    /// are awaited), the assignment (three working days from the grant or the notice) and the bureau's objection ruling
    /// (five working days from the objection), each with its basis.
    public static func deadlines(of dossier: Dossier, calendar: WorkingCalendar) -> [CaseDeadline] {
        var deadlines: [CaseDeadline] = []
        if !dossier.channel.isNotice, dossier.state != .awaitingSupplement || dossier.decidedOn != nil,
           var decision = deadline("legalAid.decision", from: dossier.decisionClockStart, calendar: calendar) {
            decision.completedOn = dossier.decidedOn ?? (dossier.state == .withdrawn ? dossier.concludedOn : nil)
            deadlines.append(decision)
        }
        if let granted = dossier.grantedOn, var assignment = deadline("legalAid.assignment", from: granted, calendar: calendar) {
            assignment.completedOn = dossier.assignment?.date ?? (dossier.state == .withdrawn ? dossier.concludedOn : nil)
            deadlines.append(assignment)
        }
        if let objection = dossier.objection, var ruling = deadline("legalAid.objection", from: objection.date, calendar: calendar) {
            ruling.completedOn = objection.ruledOn
            deadlines.append(ruling)
        }
        return deadlines
    }

    private static func deadline(_ key: String, from start: CivilDate, calendar: WorkingCalendar) -> CaseDeadline? {
        (try? catalogue.rule(key)).flatMap { CaseDeadline($0, from: start, calendar: calendar) }
    }

    public static func automaticEvents(for dossier: Dossier, today: CivilDate, calendar: WorkingCalendar) -> [Event] { [] }

    static func require(_ dossier: Dossier, in states: [LegalAidState], action: String) throws(TransitionError) {
        guard !states.contains(dossier.state) else { return }
        if !dossier.state.isOpen {
            throw TransitionError(code: "case_ended", message: "本案已\(dossier.state.label)（\(dossier.concludedOn?.chinese ?? "")），不能\(action)")
        }
        throw TransitionError(code: "wrong_state", message: "本案当前为「\(dossier.state.label)」，不能\(action)")
    }
}

extension WorkLine {
    /// 法律援助: run by the district's legal-aid centre.
    public static let legalAid = WorkLine("legalAid", label: "法律援助")
}

extension OrgKind {
    /// 法律援助中心: the bureau's legal-aid institution; offices may sit under it.
    public static let legalAidCentre = OrgKind("legalAidCentre", label: "法律援助中心", hostsUnits: true)
}
