// The deadlines a reconsideration dossier implies (RULES.md §3), every limit and basis from the catalogue.
extension ReconsiderationRules {
    public static func deadlines(of dossier: Dossier, calendar: WorkingCalendar) -> [CaseDeadline] {
        var result: [CaseDeadline] = []
        // 第三十条 / 第三十一条: the first review ends with a decision or with the supplement notice.
        let decisionOnAcceptance = dossier.acceptedOn ?? dossier.rejectedOn
        let firstReviewStart = dossier.receivedOn
        if let review = deadline("reconsideration.acceptance", from: firstReviewStart, calendar: calendar,
                                 completedOn: dossier.supplementRequest?.requestedOn ?? decisionOnAcceptance) {
            result.append(review)
        }
        if let request = dossier.supplementRequest {
            if let supplement = deadline("reconsideration.supplement", from: request.requestedOn, calendar: calendar,
                                         completedOn: request.receivedOn) {
                result.append(supplement)
            }
            if let received = request.receivedOn,
               let review = deadline("reconsideration.acceptance", from: received, calendar: calendar, completedOn: decisionOnAcceptance) {
                result.append(review)
            }
        }
        if let acceptedOn = dossier.acceptedOn, let procedure = dossier.acceptedProcedure {
            if let copy = deadline(procedure.copyRuleKey, from: acceptedOn, calendar: calendar, completedOn: dossier.copySentOn) {
                result.append(copy)
            }
            if let sent = dossier.copySentOn,
               let reply = deadline(procedure.replyRuleKey, from: dossier.copyDeliveredOn ?? sent, calendar: calendar,
                                    completedOn: dossier.replyReceivedOn) {
                result.append(reply)
            }
        }
        for hearing in dossier.hearings {
            if let notice = deadline("reconsideration.hearingNotice", from: hearing.hearingOn, calendar: calendar,
                                     completedOn: hearing.noticeOn) {
                result.append(notice)
            }
        }
        if let decision = decisionDeadline(of: dossier, calendar: calendar) { result.append(decision) }
        // 第四十一条第五项: the prompt to terminate a suspension on items 1, 2, 4 still unresolved after 60 days.
        for suspension in dossier.suspensions where suspension.ground.promptsTermination {
            if var prompt = deadline("reconsideration.suspensionTermination", from: suspension.suspendedOn, calendar: calendar,
                                     completedOn: suspension.endedOn) {
                prompt.explanation.insert("中止事由：\(suspension.ground.label)（\(suspension.ground.basis)）", at: 0)
                result.append(prompt)
            }
        }
        result = result.map { closed($0, dossier: dossier) }
        // 第七十六条: letters usually follow the decision, so their clocks outlive the case.
        for letter in dossier.opinionLetters {
            if var compliance = deadline("reconsideration.opinionLetterCompliance", from: letter.clockStart, calendar: calendar,
                                         completedOn: letter.compliedOn) {
                compliance.title += "（第\(letter.number)号意见书）"
                result.append(compliance)
            }
        }
        return result
    }

    /// 第六十二条: 60 days (simplified: 30) from acceptance, after pauses and the extension — what the
    /// on-time rate (REPORT.md) compares the conclusion with.
    ///
    /// Each ended suspension is a pause (RULES.md §1: practice, not express law) of the days after the
    /// suspension day through the day it ended. While a suspension is open the due date is the one
    /// reached with the days counted before it (the open pause is not guessed) and `paused` is true;
    /// resumption then moves it by the days suspended. A suspension that began after the period had
    /// already run out does not revive it.
    public static func decisionDeadline(of dossier: Dossier, calendar: WorkingCalendar) -> CaseDeadline? {
        guard let acceptedOn = dossier.acceptedOn, let procedure = dossier.procedure,
              let rule = try? catalogue.rule(procedure.decisionRuleKey) else { return nil }
        let extensionDays = rule.extensionLimit == nil ? 0 : (dossier.extension?.days ?? 0)
        var last = acceptedOn.adding(days: rule.limit + extensionDays)
        var pauses: [ClockPause] = []
        var notes: [String] = []
        for suspension in dossier.suspensions {
            guard let pause = suspension.pause else { continue }
            if pause.from <= last {
                pauses.append(pause)
                last = last.adding(days: pause.length)
            } else {
                notes.append("\(suspension.suspendedOn.chinese)中止时审理期限已届满，中止期间不再扣除")
            }
        }
        if let open = dossier.currentSuspension {
            notes.append("自\(open.suspendedOn.chinese)起中止审理（\(open.ground.basis)），期限停止计算；恢复审理后按中止天数顺延")
        }
        if let converted = dossier.convertedOn {
            notes.append("\(converted.chinese)由简易程序转为普通程序，审理期限自受理之日起按普通程序计算（《行政复议法》第五十五条；法律未明定，按实务做法）")
        }
        if dossier.deemedAccepted {
            notes.append("受理审查期限届满未作出不予受理决定，自\(acceptedOn.chinese)起视为受理（《行政复议法》第三十条）")
        }
        guard var deadline = deadline(rule.key, from: acceptedOn, pauses: pauses, extensionDays: extensionDays,
                                      calendar: calendar, completedOn: dossier.concludedOn) else { return nil }
        deadline.paused = dossier.currentSuspension != nil
        if let granted = dossier.extension, extensionDays > 0 {
            deadline.explanation.append("\(granted.grantedOn.chinese)经\(granted.approver)批准延长\(granted.days)日")
        }
        deadline.explanation += notes
        return deadline
    }

    /// 第三十条第三款: deemed acceptance waits on the review period alone. While the case awaits acceptance exactly one
    /// `reconsideration.acceptance` deadline is open, due on `reviewDue` (the first review, or the one restarted by the
    /// supplement's receipt, 第三十一条); in every other state both are completed.
    public static var automaticEventRuleKeys: Set<String> { ["reconsideration.acceptance"] }

    /// 第三十条第三款: deemed acceptance, once the review period has passed with no decision.
    public static func automaticEvents(for dossier: Dossier, today: CivilDate, calendar: WorkingCalendar) -> [Event] {
        guard dossier.state == .awaitingAcceptance, let due = reviewDue(of: dossier, calendar: calendar), today > due else { return [] }
        return [.deemAccept(date: due)]
    }

    static func deadline(_ key: String, from start: CivilDate, pauses: [ClockPause] = [], extensionDays: Int = 0,
                         calendar: WorkingCalendar, completedOn: CivilDate?) -> CaseDeadline? {
        guard let (computation, rule) = compute(key, from: start, pauses: pauses, extensionDays: extensionDays, calendar: calendar) else {
            return nil
        }
        return CaseDeadline(ruleKey: key, title: rule.title, basis: rule.basis, kind: rule.kind, start: start,
                            due: computation.due, provisional: computation.provisional, completedOn: completedOn,
                            explanation: DeadlineExplanation(computation, rule: rule, calendar: calendar).lines)
    }

    /// A case that ended (审结, 不予受理, 视为放弃) ends its running steps on that day: a reply still
    /// awaited or a copy never sent no longer falls due, and the queues must not show it as overdue.
    static func closed(_ deadline: CaseDeadline, dossier: Dossier) -> CaseDeadline {
        guard deadline.completedOn == nil, !dossier.state.isOpen, let closedOn = dossier.closedOn else { return deadline }
        var deadline = deadline
        deadline.completedOn = closedOn
        deadline.explanation.append("案件已于\(closedOn.chinese)\(dossier.state.label)，该期限随之结束")
        return deadline
    }
}

extension ReconsiderationDossier {
    /// The decision deadline through `calendar` (see `ReconsiderationRules.decisionDeadline(of:calendar:)`).
    public func decisionDeadline(calendar: WorkingCalendar) -> CaseDeadline? {
        ReconsiderationRules.decisionDeadline(of: self, calendar: calendar)
    }

    /// Concluded on or before the decision deadline (REPORT.md `reconsideration.on_time_rate`); nil while open.
    public func concludedOnTime(calendar: WorkingCalendar) -> Bool? {
        guard let concludedOn, let deadline = decisionDeadline(calendar: calendar) else { return nil }
        return concludedOn <= deadline.due
    }
}
