/// The time limit of notarisation (RULES.md §4). The key is stable: it is stored with every deadline.
extension NotaryRules {
    public static let deadlineRules: [DeadlineRule] = [
        DeadlineRule(key: "notary.certificate", title: "出具公证书", trigger: "受理公证申请之日",
                     limit: 15, unit: .working, basis: "《中华人民共和国公证法》第三十条",
                     note: "补充证明材料、核实有关情况、不可抗力所需时间不计入"),
    ]

    static let catalogue = try! DeadlineCatalogue(rules: deadlineRules)

    /// Notarisation in the annual report (REPORT.md `notary.matters`), in the public legal services subsection, after
    /// the sentences of the lines declared before it.
    public static let reportFigures = ReportFigures(
        section: AnnualReportSlot.legalServices,
        metrics: [
            Metric("notary.matters", "办理公证事项", measureWord: "件", line: .notary, definition: "certificates issued in the year"),
        ],
        sentences: [
            FigureSentenceTemplate("全年办理公证事项", [FigureClause("", "notary.matters")]),
        ])
}
