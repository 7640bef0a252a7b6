/// Whether an application came within its deadline (行政复议法第二十条、第二十一条).
///
/// - 第二十条第一款: 60 days from the day the applicant knew (or should have known) of the act.
/// - 第二十条第二款: if the act did not tell the applicant of the right and period to apply, the 60
///   days run from learning of them, but at most one year from knowing of the act. When the day the
///   applicant learned of the right is not recorded, only the one-year cap is applied (the reading
///   most favourable to the applicant; the officer can still reject with reasons).
/// - 第二十一条: never more than 20 years (real property) or 5 years (anything else) after the act.
///
/// The day of application is the posting date for a posted application (RULES.md §1: time in the
/// post is not counted). Extensions for force majeure (第二十条第二款后段) are the officer's judgement:
/// a late application is flagged with its basis, never refused here.
public struct ApplicationDeadlineCheck: Hashable, Sendable {
    public let isLate: Bool
    /// Each limit passed, e.g. "超过申请期限：自2024年1月2日知道行政行为起六十日，已于2024年3月4日届满（…第二十条第一款）".
    public let reasons: [String]

    public var basis: String? { reasons.isEmpty ? nil : reasons.joined(separator: "；") }

    public init(appliedOn: CivilDate, knewOn: CivilDate, actDate: CivilDate?, informedOfRight: Bool,
                learnedOfRightOn: CivilDate?, realProperty: Bool, calendar: WorkingCalendar,
                catalogue: DeadlineCatalogue = ReconsiderationRules.catalogue) {
        var reasons: [String] = []
        func limit(_ key: String, from start: CivilDate) -> (end: CivilDate, rule: DeadlineRule)? {
            guard let rule = try? catalogue.rule(key), let computation = try? rule.clock(from: start).compute(in: calendar) else {
                return nil
            }
            return (computation.due, rule)
        }
        if informedOfRight {
            if let sixty = limit("reconsideration.application", from: knewOn), appliedOn > sixty.end {
                reasons.append("超过申请期限：自\(knewOn.chinese)知道行政行为起\(sixty.rule.limitText)，已于\(sixty.end.chinese)届满（\(sixty.rule.basis)）")
            }
        } else if let cap = limit("reconsideration.application.notInformed", from: knewOn), appliedOn > cap.end {
            reasons.append("超过申请期限：未告知申请权利、期限的，自\(knewOn.chinese)知道行政行为内容起最长\(cap.rule.limitText)，已于\(cap.end.chinese)届满（\(cap.rule.basis)）")
        } else if let learnedOfRightOn, let sixty = limit("reconsideration.application", from: learnedOfRightOn), appliedOn > sixty.end {
            reasons.append("超过申请期限：自\(learnedOfRightOn.chinese)知道申请权利、期限起\(sixty.rule.limitText)，已于\(sixty.end.chinese)届满（\(sixty.rule.basis)）")
        }
        if let actDate {
            let key = realProperty ? "reconsideration.application.maximum.realProperty" : "reconsideration.application.maximum"
            if let cap = limit(key, from: actDate), appliedOn > cap.end {
                reasons.append("超过最长申请期限：\(realProperty ? "因不动产提出的申请" : "")自\(actDate.chinese)行政行为作出起\(cap.rule.limitText)，已于\(cap.end.chinese)届满（\(cap.rule.basis)）")
            }
        }
        self.isLate = !reasons.isEmpty
        self.reasons = reasons
    }
}
