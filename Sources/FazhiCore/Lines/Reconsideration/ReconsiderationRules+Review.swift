// The hearing of an accepted case: copy and reply, hearings, file reading, suspension, extension,
// change of procedure (行政复议法第三十九条、第四十七条、第四十八条、第五十一条、第五十四条、第五十五条、第六十二条).
extension ReconsiderationRules {
    static let accepted: Set<ReconsiderationState> = [.underReview, .suspended]

    /// 第四十八条 / 第五十四条: one copy to the respondent.
    static func sendCopy(on date: CivilDate, deliveredOn: CivilDate?, dossier: inout Dossier) throws(TransitionError) {
        try require(accepted, dossier, action: "发送申请书副本")
        if let sent = dossier.copySentOn {
            throw TransitionError(code: "copy_already_sent", message: "申请书副本已于\(sent.chinese)发送被申请人")
        }
        if let deliveredOn, deliveredOn < date {
            throw TransitionError(code: "invalid_date", message: "被申请人收到副本之日不能早于发送之日", field: "deliveredOn")
        }
        dossier.copySentOn = date
        dossier.copyDeliveredOn = deliveredOn
    }

    /// 第四十八条: the day the respondent received the copy, when it was not known as it was sent. The reply period
    /// runs from it instead of from the day sent.
    static func deliverCopy(on date: CivilDate, dossier: inout Dossier) throws(TransitionError) {
        try require(accepted, dossier, action: "登记副本送达")
        guard let sent = dossier.copySentOn else {
            throw TransitionError(code: "copy_not_sent", message: "尚未向被申请人发送申请书副本，不能登记送达（《行政复议法》第四十八条）")
        }
        if let delivered = dossier.copyDeliveredOn {
            throw TransitionError(code: "copy_already_delivered", message: "已登记被申请人于\(delivered.chinese)收到申请书副本")
        }
        if date < sent {
            throw TransitionError(code: "invalid_date", message: "被申请人收到副本之日不能早于发送之日\(sent.chinese)", field: "date")
        }
        if let reply = dossier.replyReceivedOn {
            throw TransitionError(code: "reply_already_received",
                                  message: "已于\(reply.chinese)收到被申请人答复，不能再登记副本送达", field: "date")
        }
        dossier.copyDeliveredOn = date
    }

    /// The documents whose receipt starts a period: the reply notice (with the copy, 第四十八条) and the opinion letter
    /// (第七十六条). Serving any other records the proof of service only.
    public static func serviceEvent(of instrumentKind: String, _ service: DocumentService, dossier: Dossier) -> Event? {
        switch instrumentKind {
        case "replyNotice": copyDelivery(service, dossier: dossier)
        case "opinionLetter": opinionLetterDelivery(service, dossier: dossier)
        default: nil
        }
    }

    /// 第四十八条: serving the reply notice (with the copy) on the respondent records when it received the copy: the
    /// copy's sending with its delivery if the sending was not recorded yet, its delivery if only the sending was. Nothing
    /// when the case is no longer heard, the delivery is known or the reply in, or the day would come before the last
    /// record (the timeline is kept in date order; the proof of service is still kept).
    private static func copyDelivery(_ service: DocumentService, dossier: Dossier) -> Event? {
        guard service.recipientRole == "agency", accepted.contains(dossier.state),
              dossier.copyDeliveredOn == nil, dossier.replyReceivedOn == nil else { return nil }
        guard let sent = dossier.copySentOn else {
            let sentOn = service.sentOn ?? service.servedOn
            return sentOn >= dossier.lastEventOn ? .sendCopy(date: sentOn, deliveredOn: service.servedOn) : nil
        }
        return service.servedOn >= max(sent, dossier.lastEventOn) ? .deliverCopy(date: service.servedOn) : nil
    }

    static func receiveReply(on date: CivilDate, dossier: inout Dossier) throws(TransitionError) {
        try require(accepted, dossier, action: "登记被申请人答复")
        guard dossier.copySentOn != nil else {
            throw TransitionError(code: "copy_not_sent", message: "尚未向被申请人发送申请书副本，不能登记答复（《行政复议法》第四十八条）")
        }
        if let received = dossier.replyReceivedOn {
            throw TransitionError(code: "reply_already_received", message: "已于\(received.chinese)登记被申请人答复")
        }
        if let delivered = dossier.copyDeliveredOn, date < delivered {
            throw TransitionError(code: "invalid_date", message: "答复日期不能早于被申请人收到副本之日\(delivered.chinese)", field: "date")
        }
        dossier.replyReceivedOn = date
    }

    /// 第五十一条: 应当于举行听证的五日前将听证的时间、地点和拟听证事项书面通知当事人 (5 working days, 第八十八条).
    static func scheduleHearing(noticeOn: CivilDate, hearingOn: CivilDate, dossier: inout Dossier, calendar: WorkingCalendar) throws(TransitionError) {
        try require([.underReview], dossier, action: "安排听证")
        guard hearingOn > noticeOn else {
            throw TransitionError(code: "invalid_date", message: "听证日期须晚于通知日期", field: "hearingOn")
        }
        if let notice = compute("reconsideration.hearingNotice", from: hearingOn, calendar: calendar)?.computation,
           !notice.provisional, noticeOn > notice.due {
            let latest = notice.due
            throw TransitionError(code: "hearing_notice_late",
                                  message: "听证通知应当于举行听证的五个工作日前发出：\(hearingOn.chinese)举行听证，最迟应于\(latest.chinese)通知，\(noticeOn.chinese)通知已不足五个工作日（《行政复议法》第五十一条）",
                                  field: "hearingOn")
        }
        dossier.hearings.append(ReconsiderationHearing(noticeOn: noticeOn, hearingOn: hearingOn))
    }

    /// Holds the latest scheduled hearing; never before the notified day (the notice period protects the parties).
    static func holdHearing(on date: CivilDate, dossier: inout Dossier) throws(TransitionError) {
        try require([.underReview], dossier, action: "举行听证")
        guard let index = dossier.hearings.indices.last, dossier.hearings[index].heldOn == nil else {
            throw TransitionError(code: "hearing_not_scheduled", message: "未书面通知听证，不能举行听证（《行政复议法》第五十一条）")
        }
        let hearingOn = dossier.hearings[index].hearingOn
        guard date >= hearingOn else {
            throw TransitionError(code: "hearing_before_notified_day",
                                  message: "听证已通知于\(hearingOn.chinese)举行，不能提前举行（《行政复议法》第五十一条）", field: "date")
        }
        dossier.hearings[index].heldOn = date
    }

    /// 第四十七条: 行政复议期间 the parties may read and copy the dossier.
    static func requestFileReading(on date: CivilDate, requester: String, dossier: inout Dossier) throws(TransitionError) {
        try require(accepted, dossier, action: "申请查阅案卷（《行政复议法》第四十七条：行政复议期间）")
        try requireText(requester, field: "requester", message: "须写明申请查阅的当事人或代理人")
        dossier.fileReadings.append(ReconsiderationFileReading(requestedOn: date, requester: requester))
    }

    static func grantFileReading(on date: CivilDate, dossier: inout Dossier) throws(TransitionError) {
        try require(accepted, dossier, action: "同意查阅案卷")
        guard let index = dossier.fileReadings.firstIndex(where: { $0.grantedOn == nil }) else {
            throw TransitionError(code: "no_file_reading_request", message: "没有待处理的阅卷申请（《行政复议法》第四十七条）")
        }
        dossier.fileReadings[index].grantedOn = date
    }

    /// 第三十九条: only a case under review can be suspended.
    static func suspend(on date: CivilDate, ground: SuspensionGround, note: String?, dossier: inout Dossier) throws(TransitionError) {
        if dossier.state == .suspended {
            throw TransitionError(code: "already_suspended",
                                  message: "案件已于\(dossier.currentSuspension!.suspendedOn.chinese)中止审理（《行政复议法》第三十九条）")
        }
        try require([.underReview], dossier, action: "中止审理")
        dossier.suspensions.append(ReconsiderationSuspension(ground: ground, suspendedOn: date, note: note))
        dossier.state = .suspended
    }

    /// 第三十九条第二款: 中止的原因消除后，应当及时恢复行政复议案件的审理.
    static func resume(on date: CivilDate, dossier: inout Dossier) throws(TransitionError) {
        try require([.suspended], dossier, action: "恢复审理")
        dossier.suspensions[dossier.suspensions.count - 1].resumedOn = date
        dossier.suspensions[dossier.suspensions.count - 1].endedOn = date
        dossier.state = .underReview
    }

    /// 第六十二条: 情况复杂的，经行政复议机构的负责人批准，可以适当延长，并书面告知当事人；但是延长期限
    /// 最多不得超过三十日 — once (RULES.md §3), ordinary procedure only, while the period still runs.
    static func extend(on date: CivilDate, days: Int, approver: String, dossier: inout Dossier, calendar: WorkingCalendar) throws(TransitionError) {
        try require([.underReview], dossier, action: "延长审理期限")
        if let granted = dossier.extension {
            throw TransitionError(code: "extension_used",
                                  message: "审理期限已于\(granted.grantedOn.chinese)延长\(granted.days)日，只能延长一次（《行政复议法》第六十二条）")
        }
        guard let procedure = dossier.procedure, let rule = try? catalogue.rule(procedure.decisionRuleKey),
              let maximum = rule.extensionLimit else {
            throw TransitionError(code: "extension_not_allowed",
                                  message: "适用简易程序审理的案件应当自受理之日起三十日内作出决定，不得延长审理期限（《行政复议法》第六十二条）")
        }
        guard (1...maximum).contains(days) else {
            throw TransitionError(code: "extension_too_long",
                                  message: "延长期限最多不得超过\(maximum)日，收到\(days)日（《行政复议法》第六十二条）", field: "days")
        }
        try requireText(approver, field: "approver", message: "延长审理期限须经行政复议机构负责人批准，须写明批准人（《行政复议法》第六十二条）")
        if let deadline = decisionDeadline(of: dossier, calendar: calendar), !deadline.provisional, date > deadline.due {
            throw TransitionError(code: "decision_period_passed",
                                  message: "审理期限已于\(deadline.due.chinese)届满，不能再批准延长（《行政复议法》第六十二条：延长须在规定期限内决定）",
                                  field: "date")
        }
        dossier.extension = ReconsiderationExtension(grantedOn: date, days: days, approver: approver)
    }

    /// 第五十五条: 适用简易程序审理的案件，行政复议机构认为不宜适用简易程序的，经行政复议机构的负责人批准，可以转为普通程序审理.
    static func convertProcedure(on date: CivilDate, approver: String, dossier: inout Dossier) throws(TransitionError) {
        try require(accepted, dossier, action: "转换审理程序")
        guard dossier.procedure == .simplified else {
            throw TransitionError(code: "not_simplified", message: "只有适用简易程序的案件才能转为普通程序（《行政复议法》第五十五条）")
        }
        try requireText(approver, field: "approver", message: "转为普通程序须经行政复议机构负责人批准，须写明批准人（《行政复议法》第五十五条）")
        dossier.procedure = .ordinary
        dossier.convertedOn = date
    }
}
