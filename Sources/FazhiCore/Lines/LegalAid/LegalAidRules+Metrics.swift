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

/// What a case counts for in the dashboard's tables, once aid is granted, in the month it was: by case type
/// (`legal_aid.granted_by_type`) and by channel (`legal_aid.granted_by_channel`). (The categories of aided person are
/// not among them: a notice-defence case records them on its detail, not in its events.)
extension LegalAidRules {
    public static let grantedByType = "legal_aid.granted_by_type"
    public static let grantedByChannel = "legal_aid.granted_by_channel"
    public static var facetKeys: Set<String> { [grantedByType, grantedByChannel] }

    public static func facets(of dossier: Dossier, calendar: WorkingCalendar) -> [FacetContribution] {
        guard let granted = dossier.grantedOn else { return [] }
        return [FacetContribution(grantedByType, facet: dossier.caseType, on: granted),
                FacetContribution(grantedByChannel, facet: dossier.channel.rawValue, on: granted)]
    }
}
