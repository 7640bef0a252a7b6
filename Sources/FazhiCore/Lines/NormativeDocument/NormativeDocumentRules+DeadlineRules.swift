/// The time limits of normative documents (RULES.md §4). The keys are stable: they are stored with every deadline and
/// a bureau may configure the filing period and the validity (`deadline.override.<key>`).
extension NormativeDocumentRules {
    public static let deadlineRules: [DeadlineRule] = [
        DeadlineRule(key: "normativeDocument.legalityReview", title: "行政规范性文件合法性审核（最长）", trigger: "送审之日",
                     limit: 15, unit: .working, basis: basis115,
                     note: "审核时间一般不少于五个工作日，最长不超过十五个工作日", unverified: true),
        DeadlineRule(key: "normativeDocument.legalityReview.minimum", title: "行政规范性文件合法性审核（最短）", trigger: "送审之日",
                     limit: 5, unit: .working, kind: .minimum, basis: basis115,
                     note: "审核时间一般不少于五个工作日", unverified: true),
        DeadlineRule(key: "normativeDocument.filing", title: "行政规范性文件报送备案", trigger: "文件公布之日",
                     limit: 30, unit: .calendar, basis: "地方规定（天津市行政规范性文件管理相关规定，待核实）",
                     unverified: true),
        DeadlineRule(key: "normativeDocument.validity", title: "行政规范性文件有效期", trigger: "文件公布之日",
                     limit: 5, unit: .years, basis: "地方规定（行政规范性文件有效期，待核实）",
                     note: "有效期届满前应当清理", unverified: true),
    ]

    static let catalogue = try! DeadlineCatalogue(rules: deadlineRules)

    /// Normative documents in the annual report (REPORT.md `normative_docs.*`), in the subsection on lawful decisions,
    /// after the major decisions' and the advisers' sentences.
    public static let reportFigures = ReportFigures(
        section: AnnualReportSlot.lawfulDecisions,
        metrics: [
            Metric("normative_docs.legality_reviews", "行政规范性文件合法性审核", measureWord: "次", line: .normativeDocument,
                   definition: "legality reviews of normative documents completed in the year"),
            Metric("normative_docs.filings", "行政规范性文件备案", measureWord: "次", line: .normativeDocument,
                   definition: "filings completed in the year"),
            Metric("normative_docs.post_evaluations", "行政规范性文件后评估", measureWord: "次", line: .normativeDocument,
                   definition: "post-evaluations completed in the year"),
            Metric("normative_docs.cleanups", "行政规范性文件专项清理", measureWord: "次", line: .normativeDocument,
                   definition: "special clean-up campaigns completed in the year"),
        ],
        sentences: [
            FigureSentenceTemplate("全年开展行政规范性文件", [
                FigureClause("合法性审核", "normative_docs.legality_reviews"),
                FigureClause("文件备案", "normative_docs.filings"),
                FigureClause("后评估", "normative_docs.post_evaluations"),
                FigureClause("专项清理", "normative_docs.cleanups"),
            ], separator: "、"),
        ])
}
