// The acceptance review: 行政复议法第三十条（5个工作日审查，逾期视为受理）and 第三十一条（补正）.
extension ReconsiderationRules {
    /// The last day of the running 5-working-day review (第三十条), from receipt or from receipt of the supplement.
    public static func reviewDue(of dossier: Dossier, calendar: WorkingCalendar) -> CivilDate? {
        review(of: dossier, calendar: calendar)?.due
    }

    static func review(of dossier: Dossier, calendar: WorkingCalendar) -> DeadlineComputation? {
        compute("reconsideration.acceptance", from: dossier.reviewStartedOn, calendar: calendar)?.computation
    }

    /// The review must still be running: once it has passed, the application is accepted by law.
    /// A provisional end (a year without holiday data) is never the ground of a refusal.
    static func requireWithinReview(on date: CivilDate, dossier: Dossier, action: String, calendar: WorkingCalendar) throws(TransitionError) {
        guard let review = review(of: dossier, calendar: calendar), !review.provisional, date > review.due else { return }
        let due = review.due
        throw TransitionError(code: "review_period_passed",
                              message: "受理审查期限已于\(due.chinese)届满，依法自该日起视为受理，不能再\(action)（《行政复议法》第三十条）",
                              field: "date")
    }

    /// 第三十一条: one consolidated notice, within the 5-working-day review.
    static func requestSupplement(on date: CivilDate, items: String, dossier: inout Dossier, calendar: WorkingCalendar) throws(TransitionError) {
        if dossier.state == .awaitingAcceptance, dossier.supplementRequest != nil {
            throw TransitionError(code: "supplement_once",
                                  message: "补正通知应当一次性载明需要补正的事项，本案已于\(dossier.supplementRequest!.requestedOn.chinese)通知补正，不能再次通知（《行政复议法》第三十一条）")
        }
        try require([.awaitingAcceptance], dossier, action: "通知补正")
        try requireText(items, field: "items", message: "补正通知须写明需要补正的事项（《行政复议法》第三十一条）")
        try requireWithinReview(on: date, dossier: dossier, action: "通知补正", calendar: calendar)
        dossier.supplementRequest = ReconsiderationSupplementRequest(requestedOn: date, items: items)
        dossier.state = .awaitingSupplement
    }

    /// 第三十一条: a new review period runs from receipt of the material. A late supplement is still
    /// recorded: whether the delay had good reason is the officer's call (then `abandon` instead).
    static func receiveSupplement(on date: CivilDate, dossier: inout Dossier) throws(TransitionError) {
        try require([.awaitingSupplement], dossier, action: "登记收到补正材料")
        dossier.supplementRequest?.receivedOn = date
        dossier.reviewStartedOn = date
        dossier.state = .awaitingAcceptance
    }

    /// 第三十一条: 无正当理由逾期不补正的，视为申请人放弃行政复议申请 — only once the 10 working days are over.
    static func abandon(on date: CivilDate, dossier: inout Dossier, calendar: WorkingCalendar) throws(TransitionError) {
        try require([.awaitingSupplement], dossier, action: "认定视为放弃申请")
        if let request = dossier.supplementRequest,
           let period = compute("reconsideration.supplement", from: request.requestedOn, calendar: calendar)?.computation,
           !period.provisional, date <= period.due {
            let due = period.due
            throw TransitionError(code: "supplement_period_running",
                                  message: "补正期限至\(due.chinese)届满，期限内不能认定视为放弃申请（《行政复议法》第三十一条）",
                                  field: "date")
        }
        dossier.abandonedOn = date
        dossier.state = .abandoned
    }

    static func accept(on date: CivilDate, procedure: ReconsiderationProcedure, dossier: inout Dossier, calendar: WorkingCalendar) throws(TransitionError) {
        try require([.awaitingAcceptance], dossier, action: "决定受理")
        try requireWithinReview(on: date, dossier: dossier, action: "另行决定受理", calendar: calendar)
        markAccepted(on: date, procedure: procedure, dossier: &dossier)
    }

    /// 第三十条第三款: 审查期限届满之日起视为受理. The acceptance date is the review period's last day
    /// itself (the day it "expires"), not the day after: the statute's words, and the stricter choice for
    /// the decision period, which then runs one day earlier. Always the ordinary procedure: the
    /// simplified one needs the office's judgement (第五十三条), which a deemed acceptance lacks.
    static func deemAccept(on date: CivilDate, dossier: inout Dossier, calendar: WorkingCalendar) throws(TransitionError) {
        try require([.awaitingAcceptance], dossier, action: "视为受理")
        // A provisional end (weekends only) is the earliest the review can end: any later day is taken
        // as the end computed by the server's fuller calendar.
        guard let review = review(of: dossier, calendar: calendar),
              date == review.due || (review.provisional && date > review.due) else {
            let due = reviewDue(of: dossier, calendar: calendar)
            throw TransitionError(code: "not_deemed_accepted",
                                  message: "视为受理之日为受理审查期限届满之日\(due?.chinese ?? "")，不是\(date.chinese)（《行政复议法》第三十条）",
                                  field: "date")
        }
        markAccepted(on: date, procedure: .ordinary, dossier: &dossier)
        dossier.deemedAccepted = true
    }

    static func reject(on date: CivilDate, reason: String, dossier: inout Dossier, calendar: WorkingCalendar) throws(TransitionError) {
        try require([.awaitingAcceptance], dossier, action: "决定不予受理")
        try requireText(reason, field: "reason", message: "不予受理决定须说明理由（《行政复议法》第三十条）")
        try requireWithinReview(on: date, dossier: dossier, action: "决定不予受理", calendar: calendar)
        dossier.rejectedOn = date
        dossier.rejectionReason = reason
        dossier.state = .rejected
    }

    private static func markAccepted(on date: CivilDate, procedure: ReconsiderationProcedure, dossier: inout Dossier) {
        dossier.acceptedOn = date
        dossier.procedure = procedure
        dossier.acceptedProcedure = procedure
        dossier.state = .underReview
    }
}
