import Foundation

/// Where a finding's rectification stands: the notice sent (the agency owes its report by the deadline), the agency's
/// report received, then the office accepts it (整改验收) or sends it back to be done again.
public enum RectificationState: String, CaseIterable, Codable, Sendable {
    case notified
    case reported
    case accepted
    case returned

    public var label: String {
        switch self {
        case .notified: "待整改"
        case .reported: "已报送待验收"
        case .accepted: "已验收"
        case .returned: "退回重新整改"
        }
    }

    /// Whether the agency still owes a report (the deadline runs).
    public var awaitsReport: Bool { self == .notified || self == .returned }
}

/// The rectification steps as pure rules: who may take which step in which state, and what the step needs.
public enum Rectification {
    /// The deadline a notice sets, counted by the deadline engine over the working calendar: none requested → the
    /// rule's limit (30 days) from the notice; a date requested → the notice's own period up to it, after the notice and
    /// within a year. Either way the notice's day is not counted and a last day that is a rest day rolls forward to the
    /// next working day (民事诉讼法第八十五条, as every calendar-day period here), so the date can differ from the one typed.
    public static func deadline(notifiedOn: CivilDate, requested: CivilDate?, rule: DeadlineRule, calendar: WorkingCalendar)
        throws(TransitionError) -> RectificationDeadline {
        var days = rule.limit
        if let requested {
            guard notifiedOn < requested, requested <= notifiedOn.adding(days: 366) else {
                throw TransitionError(code: "invalid_due_date", message: "整改期限须晚于通知日期，且不超过一年", field: "dueOn")
            }
            days = notifiedOn.days(to: requested)
        }
        return try count(rule, days: days, from: notifiedOn, calendar: calendar)
    }

    /// A returned rectification (退回重新整改): the deadline in force, unless the redo rule from the return ends later —
    /// then that one, so the agency always has at least the redo rule's days.
    public static func afterReturn(_ current: RectificationDeadline, returnedOn: CivilDate, rule: DeadlineRule, calendar: WorkingCalendar)
        throws(TransitionError) -> RectificationDeadline {
        let redo = try count(rule, days: rule.limit, from: returnedOn, calendar: calendar)
        return redo.deadline.due > current.deadline.due ? redo : current
    }

    /// `days` of `rule` from `start` through the engine (the stored period recounted when the calendar changes).
    public static func count(_ rule: DeadlineRule, days: Int, from start: CivilDate, calendar: WorkingCalendar)
        throws(TransitionError) -> RectificationDeadline {
        var rule = rule
        rule.limit = days
        guard days > 0, let deadline = CaseDeadline(rule, from: start, calendar: calendar) else {
            throw TransitionError(code: "invalid_due_date", message: "整改期限无法计算（起算日\(start)，\(days)日）", field: "dueOn")
        }
        return RectificationDeadline(deadline: deadline, days: days)
    }

    /// The agency reports what it did (整改情况报告): allowed while a report is owed, with its text, on or after the notice.
    public static func report(state: RectificationState, notifiedOn: CivilDate, reportedOn: CivilDate, text: String)
        throws(TransitionError) -> RectificationState {
        guard state.awaitsReport else {
            throw TransitionError(code: "not_awaiting_report", message: "该问题当前状态为「\(state.label)」，不能报送整改情况")
        }
        guard text.trimmingCharacters(in: .whitespacesAndNewlines).count >= 4 else {
            throw TransitionError(code: "report_required", message: "须写明整改情况（至少4个字）", field: "report")
        }
        guard !(reportedOn < notifiedOn) else {
            throw TransitionError(code: "report_before_notice", message: "报送日期不能早于整改通知日期", field: "reportedOn")
        }
        return .reported
    }

    /// The office accepts the reported rectification or returns it, with its comment when it returns it.
    public static func review(state: RectificationState, reportedOn: CivilDate?, reviewedOn: CivilDate, accept: Bool, comment: String)
        throws(TransitionError) -> RectificationState {
        guard state == .reported, let reportedOn else {
            throw TransitionError(code: "not_reported", message: "该问题当前状态为「\(state.label)」，尚未报送整改情况，不能验收")
        }
        guard !(reviewedOn < reportedOn) else {
            throw TransitionError(code: "review_before_report", message: "验收日期不能早于报送日期", field: "reviewedOn")
        }
        if !accept, comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw TransitionError(code: "comment_required", message: "退回重新整改须写明理由", field: "comment")
        }
        return accept ? .accepted : .returned
    }

    /// Overdue: a report still owed after the deadline.
    public static func isOverdue(state: RectificationState, dueOn: CivilDate, today: CivilDate) -> Bool {
        state.awaitsReport && dueOn < today
    }
}

/// A rectification deadline as the engine counted it, with the period it counted so the same period is recounted when
/// the calendar changes (the notice's own period is not the rule's limit).
public struct RectificationDeadline: Sendable, Hashable {
    public let deadline: CaseDeadline
    public let days: Int

    public init(deadline: CaseDeadline, days: Int) {
        self.deadline = deadline
        self.days = days
    }
}
