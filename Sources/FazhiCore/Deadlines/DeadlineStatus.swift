/// Where a deadline stands today, for lists, chips and the overdue queue.
public enum DeadlineStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case running
    case paused
    /// At most `dueSoonWorkingDays` working days left (today excluded, the due day included).
    case dueSoon
    case overdue
    /// Done on or before the due date (for a minimum: on or after it).
    case met
    /// Done after the due date (for a minimum: before it).
    case missed

    /// Working days left at or below which a deadline is flagged 即将到期.
    public static let dueSoonWorkingDays = 3

    public var label: String {
        switch self {
        case .running: return "进行中"
        case .paused: return "中止计时"
        case .dueSoon: return "即将到期"
        case .overdue: return "已超期"
        case .met: return "按期完成"
        case .missed: return "逾期完成"
        }
    }

    /// The label for a rule's kind: a target past its date is 超出目标, not a violation.
    public func label(for kind: DeadlineKind) -> String {
        switch (kind, self) {
        case (.target, .overdue): return "超出目标期限"
        case (.target, .missed): return "超出目标完成"
        case (.minimum, .missed): return "未满最短期限"
        default: return label
        }
    }

    /// True when the status breaks the law: never for a target (人民调解工作若干规定第三十三条 is a guideline).
    public func isViolation(for kind: DeadlineKind) -> Bool {
        kind != .target && (self == .overdue || self == .missed)
    }

    /// The status of a deadline due on `due`, seen on `today`.
    /// - Parameters:
    ///   - paused: the clock is stopped (e.g. the case is suspended, 行政复议法第三十九条).
    ///   - completedOn: the day the act was done, if it was.
    ///   - kind: a minimum is met by acting on or after `due`, and is never overdue.
    public static func evaluate(due: CivilDate, today: CivilDate, paused: Bool = false,
                                completedOn: CivilDate? = nil, kind: DeadlineKind = .binding,
                                calendar: WorkingCalendar) -> DeadlineStatus {
        if let completedOn {
            if kind == .minimum { return completedOn >= due ? .met : .missed }
            return completedOn <= due ? .met : .missed
        }
        if paused { return .paused }
        if kind == .minimum { return .running }
        if today > due { return .overdue }
        return workingDaysLeft(from: today, to: due, calendar: calendar, cap: dueSoonWorkingDays + 1)
            <= dueSoonWorkingDays ? .dueSoon : .running
    }

    /// Working days after `today` up to and including `due`, stopping once `cap` is reached.
    static func workingDaysLeft(from today: CivilDate, to due: CivilDate, calendar: WorkingCalendar, cap: Int) -> Int {
        var left = 0
        var day = today.dayNumber
        while day < due.dayNumber && left < cap {
            day += 1
            if calendar.code(day) & WorkingCalendar.workingBit != 0 { left += 1 }
        }
        return left
    }
}
