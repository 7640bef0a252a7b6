/// The rules of administrative reconsideration (行政复议法 2023, RULES.md §3): how each event changes a
/// case, which events are refused and why, and the deadlines a case implies.
///
/// Some checks depend on the working calendar (the acceptance review ends after 5 working days, a
/// hearing notice must come 5 working days ahead, an extension must be granted before the decision
/// period ends): the server passes the calendar in force, with any imported years. A refusal never rests on a provisional date (a year without holiday
/// data, counted on weekends alone): the check is skipped rather than refuse a lawful act.
public enum ReconsiderationRules: CaseLineRules {
    public typealias Event = ReconsiderationEvent
    public typealias Dossier = ReconsiderationDossier

    public static var line: WorkLine { .reconsideration }

    public static var caseNumberPattern: String { "东政复〔{year}〕{seq}号" }

    /// 行政复议法第二十条至第二十二条: registers an application and checks its deadline.
    public static func open(with event: Event, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        guard case .receive(let date, let knewOn, let actDate, let informedOfRight, let learnedOfRightOn,
                            let realProperty, let channel, let postedOn) = event else {
            throw TransitionError(code: "not_received",
                                  message: "行政复议案件须以收到申请开始（《行政复议法》第二十二条），不能以「\(event.summary)」开始")
        }
        if let postedOn, postedOn > date {
            throw TransitionError(code: "invalid_date", message: "邮寄日期不能晚于收到申请之日", field: "postedOn")
        }
        let appliedOn = channel == .post ? (postedOn ?? date) : date
        guard knewOn <= appliedOn else {
            throw TransitionError(code: "invalid_date", message: "知道行政行为之日不能晚于申请之日（《行政复议法》第二十条）", field: "knewOn")
        }
        if let actDate, actDate > knewOn {
            throw TransitionError(code: "invalid_date", message: "行政行为作出之日不能晚于知道该行为之日", field: "actDate")
        }
        if let learnedOfRightOn, learnedOfRightOn > appliedOn {
            throw TransitionError(code: "invalid_date", message: "知道申请权利、期限之日不能晚于申请之日", field: "learnedOfRightOn")
        }
        var dossier = Dossier(receivedOn: date, knewOn: knewOn, actDate: actDate, informedOfRight: informedOfRight,
                              learnedOfRightOn: informedOfRight ? nil : learnedOfRightOn, realProperty: realProperty,
                              channel: channel, postedOn: channel == .post ? postedOn : nil)
        let check = ApplicationDeadlineCheck(appliedOn: appliedOn, knewOn: knewOn, actDate: actDate,
                                             informedOfRight: informedOfRight, learnedOfRightOn: dossier.learnedOfRightOn,
                                             realProperty: realProperty, calendar: calendar, catalogue: catalogue)
        dossier.isLate = check.isLate
        dossier.lateBasis = check.basis
        return dossier
    }

    /// The dossier after `event`, or the rule (and article) that refuses it.
    public static func apply(_ event: Event, to dossier: Dossier, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        try checkOrder(event, dossier)
        var dossier = dossier
        switch event {
        case .receive:
            throw TransitionError(code: "already_received", message: "本案已于\(dossier.receivedOn.chinese)登记收到申请，不能重复登记")
        case .requestSupplement(let date, let items):
            try requestSupplement(on: date, items: items, dossier: &dossier, calendar: calendar)
        case .receiveSupplement(let date):
            try receiveSupplement(on: date, dossier: &dossier)
        case .abandon(let date):
            try abandon(on: date, dossier: &dossier, calendar: calendar)
        case .accept(let date, let procedure):
            try accept(on: date, procedure: procedure, dossier: &dossier, calendar: calendar)
        case .deemAccept(let date):
            try deemAccept(on: date, dossier: &dossier, calendar: calendar)
        case .reject(let date, let reason):
            try reject(on: date, reason: reason, dossier: &dossier, calendar: calendar)
        case .sendCopy(let date, let deliveredOn):
            try sendCopy(on: date, deliveredOn: deliveredOn, dossier: &dossier)
        case .deliverCopy(let date):
            try deliverCopy(on: date, dossier: &dossier)
        case .receiveReply(let date):
            try receiveReply(on: date, dossier: &dossier)
        case .scheduleHearing(let date, let hearingOn):
            try scheduleHearing(noticeOn: date, hearingOn: hearingOn, dossier: &dossier, calendar: calendar)
        case .holdHearing(let date):
            try holdHearing(on: date, dossier: &dossier)
        case .requestFileReading(let date, let requester):
            try requestFileReading(on: date, requester: requester, dossier: &dossier)
        case .grantFileReading(let date):
            try grantFileReading(on: date, dossier: &dossier)
        case .suspend(let date, let ground, let note):
            try suspend(on: date, ground: ground, note: note, dossier: &dossier)
        case .resume(let date):
            try resume(on: date, dossier: &dossier)
        case .extend(let date, let days, let approver):
            try extend(on: date, days: days, approver: approver, dossier: &dossier, calendar: calendar)
        case .convertProcedure(let date, let approver):
            try convertProcedure(on: date, approver: approver, dossier: &dossier)
        case .mediate(let date):
            try conclude(on: date, outcome: .mediation, action: "制作调解书结案（《行政复议法》第七十三条）", dossier: &dossier)
        case .settleAndWithdraw(let date):
            try conclude(on: date, outcome: .settlementWithdrawal, action: "和解后准予撤回申请（《行政复议法》第七十四条）", dossier: &dossier)
        case .withdraw(let date):
            try terminate(on: date, ground: .withdrawalApproved, dossier: &dossier)
        case .terminate(let date, let ground):
            try terminate(on: date, ground: ground, dossier: &dossier)
        case .decide(let date, let outcome, let partial, let orderRedo):
            try decide(on: date, outcome: outcome, partial: partial, orderRedo: orderRedo, dossier: &dossier)
        case .issueOpinionLetter(let date, let recipient, let deliveredOn):
            try issueOpinionLetter(on: date, recipient: recipient, deliveredOn: deliveredOn, dossier: &dossier)
        case .deliverOpinionLetter(let date, let letter):
            try deliverOpinionLetter(on: date, letter: letter, dossier: &dossier)
        case .recordOpinionCompliance(let date, let letter):
            try recordOpinionCompliance(on: date, letter: letter, dossier: &dossier)
        case .issueRecommendationLetter(let date, let recipient):
            try issueRecommendationLetter(on: date, recipient: recipient, dossier: &dossier)
        }
        dossier.lastEventOn = event.date
        return dossier
    }

    /// Events are appended in date order, none before the application was received: the timeline
    /// is the record of the procedure, and every period is counted from the dates in it.
    static func checkOrder(_ event: Event, _ dossier: Dossier) throws(TransitionError) {
        if event.date < dossier.receivedOn {
            throw TransitionError(code: "event_before_receipt",
                                  message: "「\(event.summary)」的日期\(event.date.chinese)早于收到申请之日\(dossier.receivedOn.chinese)",
                                  field: "date")
        }
        try requireInOrder(event, after: dossier.lastEventOn)
    }

    /// Refuses `action` unless the dossier is in one of `allowed`, with the reason for the state it is in.
    static func require(_ allowed: Set<ReconsiderationState>, _ dossier: Dossier, action: String) throws(TransitionError) {
        guard !allowed.contains(dossier.state) else { return }
        let preAcceptance: Set<ReconsiderationState> = [.awaitingAcceptance, .awaitingSupplement]
        switch dossier.state {
        case .awaitingAcceptance, .awaitingSupplement:
            if !allowed.isDisjoint(with: [.underReview, .suspended]) {
                throw TransitionError(code: "not_accepted",
                                      message: "案件尚未受理，不能\(action)（《行政复议法》第三十条：受理后方进入审理）")
            }
            if dossier.state == .awaitingSupplement {
                throw TransitionError(code: "awaiting_supplement",
                                      message: "已通知补正，正在等待申请人补正材料，不能\(action)（《行政复议法》第三十一条）")
            }
            throw TransitionError(code: "no_supplement_requested", message: "未通知补正，不能\(action)（《行政复议法》第三十一条）")
        case .underReview, .suspended:
            if !allowed.isDisjoint(with: preAcceptance) {
                throw TransitionError(code: "already_accepted",
                                      message: "案件已于\(dossier.acceptedOn?.chinese ?? "")受理，不能\(action)（《行政复议法》第三十条）")
            }
            if dossier.state == .suspended {
                throw TransitionError(code: "suspended",
                                      message: "案件处于中止审理状态，须先恢复审理方可\(action)（《行政复议法》第三十九条）")
            }
            throw TransitionError(code: "not_suspended", message: "案件未中止审理，不能\(action)（《行政复议法》第三十九条）")
        case .concluded:
            throw TransitionError(code: "concluded", message: "案件已于\(dossier.concludedOn?.chinese ?? "")审结，不能\(action)")
        case .rejected:
            throw TransitionError(code: "rejected", message: "已决定不予受理（《行政复议法》第三十条），不能\(action)")
        case .abandoned:
            throw TransitionError(code: "abandoned", message: "申请已视为放弃（《行政复议法》第三十一条），不能\(action)")
        }
    }

    /// A catalogue clock computed through `calendar`; nil only if the catalogue lacks the key.
    static func compute(_ key: String, from start: CivilDate, pauses: [ClockPause] = [], extensionDays: Int = 0,
                        calendar: WorkingCalendar) -> (computation: DeadlineComputation, rule: DeadlineRule)? {
        guard let rule = try? catalogue.rule(key),
              let computation = try? rule.clock(from: start, pauses: pauses, extensionDays: extensionDays).compute(in: calendar) else {
            return nil
        }
        return (computation, rule)
    }
}

extension WorkLine {
    /// 行政复议
    public static let reconsideration = WorkLine("reconsideration", label: "行政复议")
}
