/// What a reconsideration case counts for in the annual report (REPORT.md, `reconsideration.*`).
extension ReconsiderationRules {
    public static func contributions(of dossier: Dossier, calendar: WorkingCalendar) -> [MetricContribution] {
        var counted = [MetricContribution("reconsideration.received", on: dossier.receivedOn)]
        // 审结: accepted cases concluded (decided, mediated, settled and withdrawn, terminated); rejections are not.
        if dossier.acceptedOn != nil, let concludedOn = dossier.concludedOn, let outcome = dossier.outcome {
            counted.append(MetricContribution("reconsideration.concluded", on: concludedOn))
            if outcome.isMediated { counted.append(MetricContribution("reconsideration.mediated", on: concludedOn)) }
            counted.append(.rate("reconsideration.on_time_rate", on: concludedOn, counts: dossier.concludedOnTime(calendar: calendar) == true))
            if outcome.isMerits {
                counted.append(.rate("reconsideration.correction_rate", on: concludedOn, counts: outcome.isCorrection))
            }
        }
        for letter in dossier.opinionLetters {
            counted.append(MetricContribution("reconsideration.opinion_letters", on: letter.issuedOn))
        }
        return counted
    }
}
