/// What a lawsuit counts for in the annual report: each hearing held, and whether an agency head appeared
/// (`litigation.head_appearance_rate`, 法释〔2020〕3号).
extension LitigationRules {
    public static func contributions(of dossier: Dossier, calendar: WorkingCalendar) -> [MetricContribution] {
        dossier.hearings.map { .rate("litigation.head_appearance_rate", on: $0.date, counts: $0.headAppeared) }
    }
}
