import Foundation

/// The rules of notarisation (公证): an application is received, accepted with the notary in charge or refused; the
/// certificate is issued within 15 working days of acceptance, the time for supplementing materials, verification and
/// force majeure not counted (《公证法》第三十条); the office may decline to notarise (第三十一条) and the applicant may
/// withdraw.
public enum NotaryRules: CaseLineRules {
    public typealias Event = NotaryEvent
    public typealias Dossier = NotaryDossier

    public static var line: WorkLine { .notary }

    public static var caseNumberPattern: String { "（{year}）津河东公受字第{seq}号" }

    /// The certificate number (公证书编号) of an office and year, e.g. `（2025）津河东证字第123号`: `{year}` and `{seq}`
    /// are replaced. An office may configure its own (`notary.certificateNumber.<office code>`).
    public static let certificateNumberPattern = "（{year}）津河东证字第{seq}号"

    /// The highest fee accepted, in yuan: far above any 公证收费标准 item, so a typo of extra digits is refused.
    public static let maximumFee: Decimal = 1_000_000

    /// The longest reason or note an event carries, in characters.
    public static let maximumText = 2_000

    /// A reason or note within `maximumText`, else refused naming the field.
    static func requireBounded(_ text: String?, field: String, label: String) throws(TransitionError) {
        guard let text, text.count > maximumText else { return }
        throw TransitionError(code: "text_too_long", message: "\(label)不能超过\(maximumText)个字符（收到\(text.count)个）", field: field)
    }

    public static func open(with event: Event, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        guard case .receive(let date, let type, let purpose, let summary) = event else {
            throw TransitionError(code: "not_received", message: "公证事项须以收到公证申请开始，不能以「\(event.summary)」开始")
        }
        try requireText(type, field: "matterType", message: "须选择公证事项类型")
        try requireText(summary, field: "summary", message: "须写明申请公证的事项")
        return Dossier(receivedOn: date, matterType: type, purpose: purpose, summary: summary)
    }

    public static func apply(_ event: Event, to dossier: Dossier, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        if case .issue(let date, _, _) = event, let accepted = dossier.acceptedOn, date < accepted {
            throw TransitionError(code: "issued_before_acceptance",
                                  message: "出证日期\(date.chinese)早于受理日期\(accepted.chinese)：公证书须在受理后出具（《公证法》第三十条）", field: "date")
        }
        if event.date < dossier.lastEventOn {
            throw TransitionError(code: "event_out_of_order",
                                  message: "「\(event.summary)」的日期\(event.date.chinese)早于上一条记录的日期\(dossier.lastEventOn.chinese)，公证记录须按时间顺序登记",
                                  field: "date")
        }
        switch event {
        case .refuse(_, let reason), .decline(_, let reason): try requireBounded(reason, field: "reason", label: "理由")
        case .pause(_, _, let note), .withdraw(_, let note): try requireBounded(note, field: "note", label: "说明")
        default: break
        }
        var dossier = dossier
        switch event {
        case .receive:
            throw TransitionError(code: "already_received", message: "本公证申请已于\(dossier.receivedOn.chinese)登记")
        case .accept(let date, let id, let name):
            try require(dossier, in: .received, action: "受理")
            try requireText(name, field: "notaryID", message: "受理公证申请须指定承办公证员")
            dossier.acceptedOn = date
            dossier.notaryID = id
            dossier.notaryName = name
            dossier.state = .inProgress
        case .refuse(let date, let reason):
            try require(dossier, in: .received, action: "不予受理")
            try requireText(reason, field: "reason", message: "不予受理须写明理由")
            dossier.reason = reason
            dossier.concludedOn = date
            dossier.state = .refused
        case .pause(let date, let ground, let note):
            guard dossier.state == .inProgress else {
                if dossier.state == .received {
                    throw TransitionError(code: "pause_before_acceptance",
                                          message: "公证申请尚未受理，期限尚未起算，不能暂停计时（《公证法》第三十条：期限自受理之日起计算）", field: "kind")
                }
                if dossier.state == .paused {
                    throw TransitionError(code: "already_paused", message: "本事项已于\(dossier.currentPause!.pausedOn.chinese)暂停计时，须先恢复计时", field: "kind")
                }
                throw ended(dossier, action: "暂停计时")
            }
            dossier.pauses.append(.init(pausedOn: date, ground: ground, note: note))
            dossier.state = .paused
        case .resume(let date):
            guard dossier.state == .paused else {
                if !dossier.state.isOpen { throw ended(dossier, action: "恢复计时") }
                throw TransitionError(code: "not_paused", message: "本事项未暂停计时，无需恢复计时", field: "kind")
            }
            dossier.pauses[dossier.pauses.count - 1].resumedOn = date
            dossier.state = .inProgress
        case .issue(let date, let number, let fee):
            guard dossier.state == .inProgress else {
                if dossier.state == .received {
                    throw TransitionError(code: "issued_before_acceptance",
                                          message: "公证申请尚未受理，不能出具公证书：公证书须在受理后出具（《公证法》第三十条）", field: "date")
                }
                if dossier.state == .paused {
                    throw TransitionError(code: "issued_while_paused", message: "本事项正在暂停计时（\(dossier.currentPause!.ground.label)），须先恢复计时再出证",
                                          field: "kind")
                }
                throw ended(dossier, action: "出具公证书")
            }
            if fee < 0 {
                throw TransitionError(code: "negative_fee", message: "公证收费金额不能为负数（收到\(NotaryEvent.yuan(fee))元）", field: "fee")
            }
            if fee > maximumFee {
                throw TransitionError(code: "fee_too_large",
                                      message: "公证收费金额\(NotaryEvent.yuan(fee))元超过上限\(NotaryEvent.yuan(maximumFee))元，请核对（按公证收费标准收取）", field: "fee")
            }
            var cents = fee * 100
            var whole = Decimal()
            NSDecimalRound(&whole, &cents, 0, .plain)
            if whole != cents {
                throw TransitionError(code: "fee_precision", message: "公证收费金额须精确到分（收到\(fee)元）", field: "fee")
            }
            try requireText(number, field: "certificateNumber", message: "公证书编号由系统在出证时分配，未能分配编号")
            dossier.certificate = .init(number: number, issuedOn: date, fee: fee)
            dossier.concludedOn = date
            dossier.state = .issued
        case .decline(let date, let reason):
            guard dossier.state == .inProgress || dossier.state == .paused else {
                if dossier.state == .received {
                    throw TransitionError(code: "wrong_state", message: "公证申请尚未受理；不符合受理条件的，请登记不予受理", field: "kind")
                }
                throw ended(dossier, action: "不予办理公证")
            }
            try requireText(reason, field: "reason", message: "不予办理公证须写明理由（《公证法》第三十一条）")
            dossier.closePause(on: date)
            dossier.reason = reason
            dossier.concludedOn = date
            dossier.state = .declined
        case .withdraw(let date, let note):
            guard dossier.state.isOpen else { throw ended(dossier, action: "撤回") }
            dossier.closePause(on: date)
            dossier.reason = note
            dossier.concludedOn = date
            dossier.state = .withdrawn
        }
        dossier.lastEventOn = event.date
        return dossier
    }

    /// The steps a person may take in each state (the case page offers these, and only these).
    public static func allowedEvents(for dossier: Dossier) -> [String] {
        switch dossier.state {
        case .received: ["accept", "refuse", "withdraw"]
        case .inProgress: ["issue", "pause", "decline", "withdraw"]
        case .paused: ["resume", "decline", "withdraw"]
        case .issued, .refused, .declined, .withdrawn: []
        }
    }

    /// 《公证法》第三十条: 15 working days from acceptance, each ended pause not counted. While paused, the due date is
    /// the one reached with the days counted so far and the deadline is marked paused (the open pause is not guessed);
    /// resuming moves it by the working days paused. A pause begun after the period had run out does not revive it.
    public static func deadlines(of dossier: Dossier, calendar: WorkingCalendar) -> [CaseDeadline] {
        guard let accepted = dossier.acceptedOn, let rule = try? catalogue.rule("notary.certificate") else { return [] }
        var pauses: [ClockPause] = []
        var notes: [String] = []
        guard var computation = try? rule.clock(from: accepted).compute(in: calendar) else { return [] }
        for pause in dossier.pauses {
            guard let clockPause = pause.clockPause else { continue }
            guard pause.pausedOn < computation.due else {
                notes.append("\(pause.pausedOn.chinese)暂停计时（\(pause.ground.label)）时出证期限已届满，暂停期间不再扣除")
                continue
            }
            guard let next = try? rule.clock(from: accepted, pauses: pauses + [clockPause]).compute(in: calendar) else { continue }
            pauses.append(clockPause)
            computation = next
            notes.append("\(pause.pausedOn.chinese)起因\(pause.ground.label)暂停计时，\(pause.resumedOn!.chinese)恢复，所需时间不计算在期限内")
        }
        if let open = dossier.currentPause {
            notes.append("自\(open.pausedOn.chinese)起因\(open.ground.label)暂停计时（《公证法》第三十条），期限停止计算；恢复计时后按暂停的工作日顺延")
        }
        var deadline = CaseDeadline(ruleKey: rule.key, title: rule.title, basis: rule.basis, kind: rule.kind, start: accepted,
                                    due: computation.due, provisional: computation.provisional, completedOn: dossier.concludedOn,
                                    explanation: DeadlineExplanation(computation, rule: rule, calendar: calendar).lines + notes)
        deadline.paused = dossier.currentPause != nil
        return [deadline]
    }

    /// The certificate deadline (`deadlines(of:)`), if the matter was accepted.
    public static func certificateDeadline(of dossier: Dossier, calendar: WorkingCalendar) -> CaseDeadline? {
        deadlines(of: dossier, calendar: calendar).first
    }

    /// Issued on or before the certificate deadline; nil while no certificate was issued.
    public static func issuedOnTime(_ dossier: Dossier, calendar: WorkingCalendar) -> Bool? {
        guard let issued = dossier.certificate?.issuedOn, let deadline = certificateDeadline(of: dossier, calendar: calendar) else { return nil }
        return issued <= deadline.due
    }

    /// REPORT.md `notary.matters`: a matter counts on the day its certificate was issued.
    public static func contributions(of dossier: Dossier, calendar: WorkingCalendar) -> [MetricContribution] {
        guard dossier.state == .issued, let issued = dossier.certificate?.issuedOn else { return [] }
        return [MetricContribution("notary.matters", on: issued)]
    }

    /// What a matter counts for in the dashboard's tables, in the month its certificate was issued: by matter type
    /// (`notary.issued_by_type`) and by the notary who handled it (`notary.issued_by_notary`, the name as the
    /// certificate carries it), each issued on time by the certificate deadline in the numerator.
    public static let issuedByType = "notary.issued_by_type"
    public static let issuedByNotary = "notary.issued_by_notary"
    public static var facetKeys: Set<String> { [issuedByType, issuedByNotary] }

    public static func facets(of dossier: Dossier, calendar: WorkingCalendar) -> [FacetContribution] {
        guard dossier.state == .issued, let issued = dossier.certificate?.issuedOn else { return [] }
        let onTime = issuedOnTime(dossier, calendar: calendar) == true ? 1 : 0
        return [FacetContribution(issuedByType, facet: dossier.matterType, on: issued, numerator: onTime, denominator: 1),
                FacetContribution(issuedByNotary, facet: dossier.notaryName ?? "", on: issued, numerator: onTime, denominator: 1)]
    }

    public static func automaticEvents(for dossier: Dossier, today: CivilDate, calendar: WorkingCalendar) -> [Event] { [] }

    /// A certificate number from `pattern` (`certificateNumberPattern` unless the office configures one).
    public static func certificateNumber(_ pattern: String = certificateNumberPattern, year: Int, seq: Int) -> String {
        pattern.replacingOccurrences(of: "{year}", with: String(year)).replacingOccurrences(of: "{seq}", with: String(seq))
    }

    static func require(_ dossier: Dossier, in state: NotaryState, action: String) throws(TransitionError) {
        guard dossier.state != state else { return }
        if !dossier.state.isOpen { throw ended(dossier, action: action) }
        throw TransitionError(code: "wrong_state", message: "本事项当前为「\(dossier.state.label)」，不能\(action)", field: "kind")
    }

    static func ended(_ dossier: Dossier, action: String) -> TransitionError {
        TransitionError(code: "case_ended", message: "本事项已\(dossier.state.label)（\(dossier.concludedOn?.chinese ?? "")），不能\(action)", field: "kind")
    }
}

extension NotaryDossier {
    /// A matter that ends while paused ends its pause that day.
    mutating func closePause(on date: CivilDate) {
        if state == .paused { pauses[pauses.count - 1].resumedOn = date }
    }
}

extension WorkLine {
    /// 公证: run at the notary office.
    public static let notary = WorkLine("notary", label: "公证")
}
