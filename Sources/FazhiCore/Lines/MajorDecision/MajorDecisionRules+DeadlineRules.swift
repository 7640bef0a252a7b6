/// The minimum periods of a major decision's procedures (RULES.md §4), checked when a procedure is recorded.
extension MajorDecisionRules {
    public static let deadlineRules: [DeadlineRule] = [
        DeadlineRule(key: "majorDecision.publicComment", title: "重大行政决策公开征求意见", trigger: "决策草案公布之日",
                     limit: 30, unit: .calendar, kind: .minimum, basis: "《重大行政决策程序暂行条例》第十五条",
                     note: "因情况紧急等原因需要缩短期限的，应当予以说明"),
        DeadlineRule(key: "majorDecision.legalityReview", title: "重大行政决策合法性审查", trigger: "送请合法性审查之日",
                     limit: 7, unit: .working, kind: .minimum, basis: "《重大行政决策程序暂行条例》第二十六条",
                     note: "应当保证合法性审查机构的审查时间，一般不少于七个工作日"),
    ]

    static let catalogue = try! DeadlineCatalogue(rules: deadlineRules)

    /// Major decisions in the annual report (REPORT.md `decision.legality_reviews`), first in the subsection on lawful decisions.
    public static let reportFigures = ReportFigures(
        section: AnnualReportSlot.lawfulDecisions,
        metrics: [
            Metric("decision.legality_reviews", "重大行政决策合法性审查", measureWord: "次", line: .majorDecision,
                   definition: "legality reviews of major administrative decisions completed in the year"),
        ],
        sentences: [
            FigureSentenceTemplate([FigureClause("开展重大行政决策合法性审查", "decision.legality_reviews")]),
        ])
}
