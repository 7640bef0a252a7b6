/// What a legal-aid case counts for in the annual report: accepted (`legal_aid.accepted`) on the day aid was granted —
/// by decision, on a notice of mandatory defence, or after an upheld objection — and, once closed, the yuan recovered
/// for the aided person on the closing day (`legal_aid.recovered_yuan`).
extension LegalAidRules {
    public static func contributions(of dossier: Dossier, calendar: WorkingCalendar) -> [MetricContribution] {
        var contributions: [MetricContribution] = []
        if let granted = dossier.grantedOn { contributions.append(MetricContribution("legal_aid.accepted", on: granted)) }
        if let closure = dossier.closure, closure.recoveredYuan > 0 {
            contributions.append(MetricContribution("legal_aid.recovered_yuan", on: closure.date, numerator: closure.recoveredYuan))
        }
        return contributions
    }
}
