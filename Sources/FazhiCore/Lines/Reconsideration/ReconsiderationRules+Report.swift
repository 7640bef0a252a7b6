/// Reconsideration in the annual report (REPORT.md `reconsideration.*`): the subsection it opens, its figures and the
/// sentences of the reference report that carry them. Litigation writes its sentence into the same subsection.
extension AnnualReportSlot {
    public static let reconsideration = "achievements.reconsideration"
}

extension ReconsiderationRules {
    /// （四）of the achievements in the reference report.
    public static let reportSection = AnnualReportSection(
        slot: AnnualReportSlot.reconsideration, position: 4, title: "坚持复议为民，推动行政争议实质性化解",
        hint: "写明行政复议制度建设、全流程调解、依法行政监督和行政应诉能力建设的举措。")

    public static let reportFigures = ReportFigures(
        section: AnnualReportSlot.reconsideration,
        metrics: [
            Metric("reconsideration.received", "接收行政复议申请", measureWord: "件", line: .reconsideration,
                   definition: "applications received in the year, whatever became of them"),
            Metric("reconsideration.concluded", "审结行政复议案件", measureWord: "件", line: .reconsideration,
                   definition: "accepted cases concluded in the year (decided, mediated, settled and withdrawn, terminated), including cases accepted in earlier years; applications not accepted are not 审结"),
            Metric("reconsideration.mediated", "调解结案", measureWord: "件", line: .reconsideration,
                   definition: "cases concluded in the year by mediation (调解书) or settlement-withdrawal"),
            Metric("reconsideration.on_time_rate", "按期结案率", kind: .rate, measureWord: "", line: .reconsideration,
                   definition: "of the cases in reconsideration.concluded, those concluded on or before their decision deadline (after extension and pauses) / all of them"),
            Metric("reconsideration.correction_rate", "纠错率", kind: .rate, measureWord: "", line: .reconsideration,
                   definition: "corrections (变更, 撤销, 确认违法, 责令履行, 确认无效) / cases decided on the merits in the year (those plus 维持 and 驳回复议请求)"),
            Metric("reconsideration.opinion_letters", "制发行政复议意见书", measureWord: "份", line: .reconsideration,
                   definition: "意见书 issued in the year"),
        ],
        sentences: [
            FigureSentenceTemplate("全年", [
                FigureClause("接收行政复议申请", "reconsideration.received"),
                FigureClause("审结行政复议案件", "reconsideration.concluded", tail: "（含结转案件）"),
                FigureClause("其中调解结案", "reconsideration.mediated",
                             refines: "reconsideration.concluded", leadAlone: "调解结案"),
                FigureClause("按期结案率", "reconsideration.on_time_rate",
                             refines: "reconsideration.concluded", leadAlone: "行政复议案件按期结案率"),
                FigureClause("行政复议纠错率", "reconsideration.correction_rate"),
            ]),
            FigureSentenceTemplate("全年制发行政复议意见书", [FigureClause("", "reconsideration.opinion_letters")]),
        ])
}
