/// What a reconsideration case counts for in the annual report (REPORT.md, `reconsideration.*`).
extension ReconsiderationRules {
    public static func contributions(of file: File, calendar: WorkingCalendar) -> [MetricContribution] {
        var counted = [MetricContribution("reconsideration.received", on: file.receivedOn)]
        // 审结: accepted cases concluded (decided, mediated, settled and withdrawn, terminated); rejections are not.
        if file.acceptedOn != nil, let concludedOn = file.concludedOn, let outcome = file.outcome {
            counted.append(MetricContribution("reconsideration.concluded", on: concludedOn))
            if outcome.isMediated { counted.append(MetricContribution("reconsideration.mediated", on: concludedOn)) }
            counted.append(.rate("reconsideration.on_time_rate", on: concludedOn, counts: file.concludedOnTime(calendar: calendar) == true))
            if outcome.isMerits {
                counted.append(.rate("reconsideration.correction_rate", on: concludedOn, counts: outcome.isCorrection))
            }
        }
        for letter in file.opinionLetters {
            counted.append(MetricContribution("reconsideration.opinion_letters", on: letter.issuedOn))
        }
        return counted
    }
}
