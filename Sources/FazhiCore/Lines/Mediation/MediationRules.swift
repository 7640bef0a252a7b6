import Foundation

/// The rules of people's mediation (人民调解): a dispute is received, accepted with a mediator or refused on its
/// ground, mediated in sessions, and ends agreed (in writing or orally), failed with the parties told their route, or
/// handed to another body; an agreement may be confirmed by the court within 30 days (人民调解法第三十三条) and is
/// followed up. "一般在一个月内调结" is a target, never a violation (人民调解工作若干规定第三十三条).
public enum MediationRules: CaseLineRules {
    public typealias Event = MediationEvent
    public typealias Dossier = MediationDossier

    public static var line: WorkLine { .mediation }

    public static var caseNumberPattern: String { "东调〔{year}〕{seq}号" }

    public static func open(with event: Event, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        guard case .receive(let date, let type, let source, let summary) = event else {
            throw TransitionError(code: "not_received", message: "人民调解案件须以收到纠纷开始，不能以「\(event.summary)」开始")
        }
        try requireText(type, field: "disputeType", message: "须选择纠纷类型")
        try requireText(summary, field: "summary", message: "须写明纠纷简要情况")
        return Dossier(receivedOn: date, disputeType: type, source: source, summary: summary)
    }

    public static func apply(_ event: Event, to dossier: Dossier, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        try requireInOrder(event, after: dossier.lastEventOn)
        var dossier = dossier
        switch event {
        case .receive:
            throw TransitionError(code: "already_received", message: "本纠纷已于\(dossier.receivedOn.chinese)登记")
        case .accept(let date, let id, let name):
            try require(dossier, in: .received, action: "受理")
            try requireText(name, field: "mediatorID", message: "受理纠纷须指定调解员（《人民调解法》第十九条）")
            dossier.acceptedOn = date
            dossier.mediatorID = id
            dossier.mediatorName = name
            dossier.state = .mediating
        case .refuse(let date, let ground, let explanation):
            try require(dossier, in: .received, action: "不予受理")
            dossier.refusal = ground
            dossier.route = explanation
            dossier.concludedOn = date
            dossier.state = .refused
        case .assignMediator(_, let id, let name):
            try require(dossier, in: .mediating, action: "更换调解员")
            try requireText(name, field: "mediatorID", message: "须指定调解员")
            if id == dossier.mediatorID {
                throw TransitionError(code: "same_mediator", message: "\(name)已是本纠纷的调解员", field: "mediatorID")
            }
            dossier.mediatorID = id
            dossier.mediatorName = name
        case .holdSession(let date, let note):
            try require(dossier, in: .mediating, action: "登记调解")
            try requireText(note, field: "note", message: "须写明调解情况（调解记录）")
            dossier.sessions.append(date)
        case .agree(let date, let form, let terms):
            try require(dossier, in: .mediating, action: "登记调解协议")
            try requireText(terms, field: "terms", message: "须写明调解协议的内容（当事人的权利义务、履行方式和期限，《人民调解法》第二十九条）")
            dossier.agreement = .init(date: date, form: form, terms: terms)
            dossier.concludedOn = date
            dossier.state = .resolved
        case .fail(let date, let route):
            try require(dossier, in: .mediating, action: "登记调解不成")
            try requireText(route, field: "route",
                            message: "调解不成的，须写明已告知当事人依法通过仲裁、行政、司法等途径维护权利（《人民调解法》第二十六条）")
            dossier.route = route
            dossier.concludedOn = date
            dossier.state = .notResolved
        case .refer(let date, let to):
            guard dossier.state.isOpen else { throw ended(dossier, action: "移交") }
            try requireText(to, field: "to", message: "须写明移交的机关或组织")
            dossier.route = to
            dossier.concludedOn = date
            dossier.state = .referred
        case .applyConfirmation(let date, let court):
            guard var agreement = dossier.agreement else {
                throw TransitionError(code: "no_agreement", message: "未达成调解协议，不能申请司法确认（《人民调解法》第三十三条）")
            }
            if agreement.confirmationAppliedOn != nil {
                throw TransitionError(code: "confirmation_already_applied", message: "当事人已于\(agreement.confirmationAppliedOn!.chinese)申请司法确认")
            }
            try requireText(court, field: "court", message: "须写明受理司法确认申请的人民法院")
            let window = judicialConfirmationDue(agreement.date)
            if date > window {
                throw TransitionError(code: "confirmation_window_passed",
                                      message: "司法确认须自调解协议生效之日起三十日内申请（《人民调解法》第三十三条），本协议的申请期限已于\(window.chinese)届满",
                                      field: "date")
            }
            agreement.confirmationAppliedOn = date
            agreement.confirmationCourt = court
            dossier.agreement = agreement
        case .ruleConfirmation(let date, let confirmed):
            guard var agreement = dossier.agreement, let applied = agreement.confirmationAppliedOn else {
                throw TransitionError(code: "confirmation_not_applied", message: "当事人尚未申请司法确认，不能登记法院裁定", field: "date")
            }
            if agreement.confirmed != nil {
                throw TransitionError(code: "confirmation_already_ruled", message: "法院已于\(agreement.confirmationRuledOn!.chinese)作出裁定")
            }
            if date < applied {
                throw TransitionError(code: "ruling_before_application",
                                      message: "法院裁定日期\(date.chinese)不能早于申请司法确认的日期\(applied.chinese)", field: "date")
            }
            agreement.confirmed = confirmed
            agreement.confirmationRuledOn = date
            dossier.agreement = agreement
        case .followUp(let date, let performance, let note):
            guard dossier.agreement != nil else {
                throw TransitionError(code: "no_agreement", message: "回访针对调解协议的履行情况；本纠纷未达成调解协议")
            }
            dossier.followUps.append(.init(date: date, performance: performance, note: note))
        }
        dossier.lastEventOn = event.date
        return dossier
    }

    /// 人民调解法第三十三条: the last day the parties may apply, 30 days from the agreement taking effect.
    public static func judicialConfirmationDue(_ agreed: CivilDate) -> CivilDate { agreed.adding(days: 30) }

    /// The 30-day target from acceptance (a target, never a violation) and, once agreed, the parties' 30 days to apply
    /// for judicial confirmation (the period the law gives them: an application after it is refused).
    public static func deadlines(of dossier: Dossier, calendar: WorkingCalendar) -> [CaseDeadline] {
        var deadlines: [CaseDeadline] = []
        if let accepted = dossier.acceptedOn, var target = deadline("mediation.target", from: accepted, calendar: calendar) {
            target.completedOn = dossier.concludedOn
            deadlines.append(target)
        }
        if let agreement = dossier.agreement, var window = deadline("mediation.judicialConfirmation", from: agreement.date, calendar: calendar) {
            window.completedOn = agreement.confirmationAppliedOn
            deadlines.append(window)
        }
        return deadlines
    }

    private static func deadline(_ key: String, from start: CivilDate, calendar: WorkingCalendar) -> CaseDeadline? {
        (try? catalogue.rule(key)).flatMap { CaseDeadline($0, from: start, calendar: calendar) }
    }

    public static func automaticEvents(for dossier: Dossier, today: CivilDate, calendar: WorkingCalendar) -> [Event] { [] }

    static func require(_ dossier: Dossier, in state: MediationState, action: String) throws(TransitionError) {
        guard dossier.state != state else { return }
        if !dossier.state.isOpen { throw ended(dossier, action: action) }
        throw TransitionError(code: "wrong_state", message: "本纠纷当前为「\(dossier.state.label)」，不能\(action)")
    }

    static func ended(_ dossier: Dossier, action: String) -> TransitionError {
        TransitionError(code: "case_ended", message: "本纠纷已\(dossier.state.label)（\(dossier.concludedOn?.chinese ?? "")），不能\(action)")
    }
}

extension WorkLine {
    /// 人民调解: run at the street stations and their committees.
    public static let mediation = WorkLine("mediation", label: "人民调解", runsAtStations: true, runsAtCommittees: true)
}

extension OrgKind {
    /// 人民调解委员会: a unit under a street station (or the bureau, for the sectoral committees) where mediators work.
    public static let mediationCommittee = OrgKind("mediationCommittee", label: "人民调解委员会", isUnit: true)
}
