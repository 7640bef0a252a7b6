/// Legal aid in the annual report (REPORT.md `legal_aid.*`): its figures and the sentence that carries them, in the
/// subsection on public legal services （六）.
extension LegalAidRules {
    public static let reportFigures = ReportFigures(
        section: AnnualReportSlot.legalServices,
        metrics: [
            Metric("legal_aid.outreach_events", "法援惠民生活动", measureWord: "场次", line: .legalAid, definition: "法援惠民生 outreach events held"),
            Metric("legal_aid.accepted", "受理法律援助案件", measureWord: "件", line: .legalAid,
                   definition: "legal-aid cases accepted in the year: aid granted by decision, on a notice of mandatory defence or after an upheld objection"),
            Metric("legal_aid.recovered_yuan", "为受援人挽回经济损失", kind: .money, measureWord: "元", line: .legalAid,
                   definition: "economic losses recovered for aided persons in cases closed in the year, in yuan",
                   approximate: true),
        ],
        sentences: [
            FigureSentenceTemplate([
                FigureClause("开展“法援惠民生”系列活动", "legal_aid.outreach_events"),
                FigureClause("全年受理法律援助案件", "legal_aid.accepted"),
                FigureClause("为受援人挽回经济损失", "legal_aid.recovered_yuan"),
            ]),
        ])
}
