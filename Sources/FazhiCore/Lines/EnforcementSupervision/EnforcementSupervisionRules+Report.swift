extension WorkLine {
    /// Street judicial stations assist the coordination and supervision of enforcement in their streets (司法所协助开展
    /// 行政执法协调监督), so their staff work the line there without a grant naming it.
    public static let enforcementSupervision = WorkLine("enforcementSupervision", label: "行政执法监督", runsAtStations: true)
}

extension AnnualReportSlot {
    public static let enforcement = "achievements.enforcement"
}

/// Enforcement supervision in the annual report (REPORT.md `enforcement.*`), in the reference report's words: its
/// subsection （三） and the sentences that carry its figures.
extension EnforcementSupervisionRules {
    public static let reportSection = AnnualReportSection(
        slot: AnnualReportSlot.enforcement, position: 3, title: "坚持规范执法，全面提高行政执法质效",
        hint: "写明综合执法改革、行政执法培训和监督“双计划”、行政执法协调监督体系建设的举措。")

    public static let reportFigures = ReportFigures(
        section: AnnualReportSlot.enforcement,
        metrics: [
            Metric("enforcement.empowerment_recall_categories", "建议回收赋权事项（类）", measureWord: "类", line: .enforcementSupervision,
                   definition: "distinct categories of street-level empowered matters evaluated and recommended for recall"),
            Metric("enforcement.empowerment_recall_items", "建议回收赋权事项（项）", measureWord: "项", line: .enforcementSupervision,
                   definition: "items of street-level empowered matters evaluated and recommended for recall"),
            Metric("enforcement.trainings", "行政执法培训", measureWord: "场次", line: .enforcementSupervision,
                   definition: "enforcement training sessions held"),
            Metric("enforcement.supervisions", "行政执法专项监督", measureWord: "次", line: .enforcementSupervision,
                   definition: "special supervision inspections held"),
            Metric("enforcement.entrepreneur_supervisor_participations", "企业家监督员参与联合监督", measureWord: "人次",
                   line: .enforcementSupervision, definition: "entrepreneur-supervisor participations in joint supervision"),
        ],
        sentences: [
            FigureSentenceTemplate("开展街道行政执法赋权事项全面评估，提出建议回收事项", [
                FigureClause("", "enforcement.empowerment_recall_categories"),
                FigureClause("", "enforcement.empowerment_recall_items"),
            ], separator: ""),
            FigureSentenceTemplate("全年开展", [
                FigureClause("行政执法培训", "enforcement.trainings"),
                FigureClause("专项监督", "enforcement.supervisions"),
            ], separator: "、"),
            FigureSentenceTemplate("区行政执法企业家监督员受邀参与联合监督", [
                FigureClause("", "enforcement.entrepreneur_supervisor_participations"),
            ]),
        ])
}
