/// What a dispute counts for in the annual report: resolved on the day of its agreement, as `mediation.resolved` or,
/// when the labour-arbitration commission entrusted it to lawyer mediation, as `mediation.labor_arbitration_mediated`
/// (REPORT.md counts the two apart).
extension MediationRules {
    public static func contributions(of dossier: Dossier, calendar: WorkingCalendar) -> [MetricContribution] {
        guard dossier.isResolved, let agreed = dossier.agreement?.date else { return [] }
        return [MetricContribution(dossier.source == .laborArbitration ? "mediation.labor_arbitration_mediated" : "mediation.resolved", on: agreed)]
    }
}

/// What a dispute counts for in the dashboard's tables: received, by its type, in the month it was brought
/// (`mediation.disputes_by_type`, the denominator), and resolved among those (the numerator).
extension MediationRules {
    public static let disputesByType = "mediation.disputes_by_type"
    public static var facetKeys: Set<String> { [disputesByType] }

    public static func facets(of dossier: Dossier, calendar: WorkingCalendar) -> [FacetContribution] {
        [FacetContribution(disputesByType, facet: dossier.disputeType, on: dossier.receivedOn,
                           numerator: dossier.isResolved ? 1 : 0, denominator: 1)]
    }
}
