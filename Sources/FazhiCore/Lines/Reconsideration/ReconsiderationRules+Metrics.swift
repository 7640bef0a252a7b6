/// What a reconsideration case counts for in the annual report (REPORT.md, `reconsideration.*`).
extension ReconsiderationRules {
    /// The dashboard's table by respondent agency: applications received, and the decisions on the merits of which the
    /// corrections are the numerator.
    public static var metricsByAgency: Set<String> { ["reconsideration.received", "reconsideration.correction_rate"] }

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
