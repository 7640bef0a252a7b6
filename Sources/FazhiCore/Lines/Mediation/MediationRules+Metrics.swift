/// What a dispute counts for in the annual report: resolved on the day of its agreement, as `mediation.resolved` or,
/// when the labour-arbitration commission entrusted it to lawyer mediation, as `mediation.labor_arbitration_mediated`
/// (REPORT.md counts the two apart).
extension MediationRules {
    public static func contributions(of dossier: Dossier, calendar: WorkingCalendar) -> [MetricContribution] {
        guard dossier.isResolved, let agreed = dossier.agreement?.date else { return [] }
        return [MetricContribution(dossier.source == .laborArbitration ? "mediation.labor_arbitration_mediated" : "mediation.resolved", on: agreed)]
    }
}
