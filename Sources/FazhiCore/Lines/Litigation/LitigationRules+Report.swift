/// Litigation response in the annual report: the head-appearance rate, written in reconsideration's subsection
/// (坚持复议为民，推动行政争议实质性化解) as the reference report does.
extension LitigationRules {
    public static let reportFigures = ReportFigures(
        section: AnnualReportSlot.reconsideration,
        metrics: [
            Metric("litigation.head_appearance_rate", "行政机关负责人出庭应诉率", kind: .rate, measureWord: "", line: .litigation,
                   definition: "hearings in the year where an agency head appeared / hearings held"),
        ],
        sentences: [
            FigureSentenceTemplate([FigureClause("被诉行政机关负责人出庭应诉率", "litigation.head_appearance_rate")]),
        ])
}
