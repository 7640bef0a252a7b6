/// How a due date was counted, in Chinese lines a case officer can check against the
/// law and the State Council's notices. Shared by `fazhi deadline --explain` and the calculator page.
public struct DeadlineExplanation: Hashable, Sendable {
    public let lines: [String]

    public init(_ computation: DeadlineComputation, rule: DeadlineRule? = nil, calendar: WorkingCalendar) {
        let clock = computation.clock
        var lines: [String] = []
        lines.append(Self.basisLine(rule))
        if let note = rule?.note { lines.append("说明：\(note)") }
        if rule?.unverified == true { lines.append("注意：\(DeadlineRule.unverifiedNote)") }
        lines.append(Self.startLine(clock, rule: rule))
        lines.append(Self.methodLine(clock))
        for step in computation.steps {
            if let line = Self.line(for: step, clock: clock, rule: rule, calendar: calendar) { lines.append(line) }
        }
        lines.append("\(Self.dueTitle(clock, rule: rule))：\(Self.long(computation.due))")
        if computation.provisional {
            let years = computation.missingYears.map { "\($0)年" }.joined(separator: "、")
            lines.append("【暂定】期限涉及\(years)，该年度国务院办公厅节假日安排尚未录入，已仅按周六、周日推算；录入后须重新计算")
        }
        self.lines = lines
    }

    public var text: String { lines.joined(separator: "\n") }

    static func long(_ date: CivilDate) -> String {
        "\(date.chinese)（\(date)，\(date.weekdayChinese)）"
    }

    static func basisLine(_ rule: DeadlineRule?) -> String {
        guard let rule else {
            return "依据：按指定期限计算（未选择期限规则）"
        }
        let period = rule.direction == .before ? "\(rule.trigger)前\(rule.limitText)" : "自\(rule.trigger)起\(rule.limitText)"
        return "依据：\(rule.basis)（\(rule.title)：\(period)；\(rule.kind.chinese)）"
    }

    static func startLine(_ clock: DeadlineClock, rule: DeadlineRule?) -> String {
        if clock.direction == .before {
            return "事件日：\(long(clock.start))，当日不计入，向前倒数"
        }
        let event = rule.map { "，\($0.trigger)" } ?? ""
        return "起算日：\(long(clock.start))\(event)，当日不计入，自次日起算"
    }

    static func methodLine(_ clock: DeadlineClock) -> String {
        switch clock.unit {
        case .working:
            return "计算方式：工作日，\(clock.limit)个工作日（不含周六、周日和国务院公布的放假日，含调休上班日）"
        case .calendar:
            return "计算方式：日历日，\(clock.limit)日（期间内的节假日照常计入；期间最后一日为法定休假日的，以休假日后的第一个工作日为期间的最后一日，《中华人民共和国民事诉讼法》第八十五条）"
        case .years:
            return "计算方式：按年计算，\(clock.limit)年（到期年的对应日为最后一日，无对应日的为该月末日，《中华人民共和国民法典》第二百零二条；最后一日为法定休假日的顺延）"
        }
    }

    static func dueTitle(_ clock: DeadlineClock, rule: DeadlineRule?) -> String {
        if clock.direction == .before { return "最迟完成日" }
        switch rule?.kind ?? .binding {
        case .binding: return "期限届满日"
        case .minimum: return "最短期限届满日（不得早于此日进行下一步）"
        case .target: return "目标日期（非强制）"
        }
    }

    static func notice(_ date: CivilDate, _ calendar: WorkingCalendar) -> String {
        calendar.notice(forYear: date.year).map { "，\($0)" } ?? ""
    }

    static func describe(_ date: CivilDate, calendar: WorkingCalendar) -> String {
        if let range = calendar.holidayRange(on: date) {
            return "法定节假日（\(range.holiday.name)，\(range.notice)）"
        }
        return "休息日（\(date.weekdayChinese)）"
    }

    static func line(for step: DeadlineStep, clock: DeadlineClock, rule: DeadlineRule?,
                     calendar: WorkingCalendar) -> String? {
        switch step {
        case .extended(let days):
            let unit = clock.unit == .working ? "个工作日" : clock.unit.chinese
            let basis = rule.map { "，依据\($0.basis)，只能延长一次" } ?? ""
            return "延长：延长\(days)\(unit)，按与原期限相同的方式计算，合计\(clock.limit + days)\(unit)\(basis)"
        case .pause(let pause, let excluded):
            let range = "\(pause.from)至\(pause.to)"
            if clock.unit == .working {
                return "中止/不计入期间：\(range)（共\(pause.length)日，其中\(excluded)个工作日）不计入期限"
            }
            return "中止/不计入期间：\(range)（共\(excluded)日）不计入期限，期限相应顺延\(excluded)日"
        case .holiday(let range, let excludedWeekdays):
            let holiday = range.holiday
            let span = holiday.from == holiday.to ? "\(holiday.from)" : "\(holiday.from)至\(holiday.to)"
            return "法定节假日：\(holiday.name) \(span) 放假，其中\(excludedWeekdays)日为周一至周五，不计为工作日（\(range.notice)）"
        case .makeUpWorkday(let date):
            if clock.unit == .working {
                return "调休上班：\(date)（\(date.weekdayChinese)）为调休上班日，计为工作日（\(calendar.notice(forYear: date.year) ?? "")）"
            }
            return "最后一日\(date)（\(date.weekdayChinese)）为调休上班日，属工作日，不顺延（\(calendar.notice(forYear: date.year) ?? "")）"
        case .rollForward(let from, let to, _):
            return "顺延：最后一日\(from)为\(describe(from, calendar: calendar))，顺延至其后第一个工作日\(to)"
        case .rollBack(let from, let to, _):
            return "提前：倒数所得之日\(from)为\(describe(from, calendar: calendar))，应于其前最后一个工作日\(to)完成"
        case .missingCalendar:
            return nil
        }
    }
}
