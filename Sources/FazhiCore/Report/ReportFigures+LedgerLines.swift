/// The figures of the lines that are ledgers and registers today (advisers, normative documents, legal services):
/// their metrics, in the order of REPORT.md, and the
/// sentences of the reference report that carry them. Each moves to its line's folder when the line is built.
extension ReportFigures {
    public static let ledgerLines: [ReportFigures] = [
        ReportFigures(
            section: AnnualReportSlot.lawfulDecisions,
            metrics: [
                Metric("decision.legality_reviews", "重大行政决策合法性审查", measureWord: "次", line: .majorDecision,
                       definition: "legality reviews of major administrative decisions completed in the year"),
                Metric("advisers.members", "法律顾问团成员", measureWord: "人", line: .legalAdviser,
                       definition: "members of the district legal-adviser group on the last day of the year"),
                Metric("advisers.participations", "法律顾问参与法制工作", measureWord: "件次", line: .legalAdviser,
                       definition: "adviser participations recorded in the year"),
                Metric("public_lawyers.units", "公职律师单位", measureWord: "家", line: .legalAdviser,
                       definition: "units with at least one active public lawyer at year end"),
                Metric("public_lawyers.people", "公职律师", measureWord: "人", line: .legalAdviser,
                       definition: "active public lawyers at year end"),
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
                FigureSentenceTemplate([FigureClause("开展重大行政决策合法性审查", "decision.legality_reviews")]),
                FigureSentenceTemplate("区委、区政府法律顾问团", [
                    FigureClause("现有", "advisers.members"),
                    FigureClause("全年参与法制工作", "advisers.participations"),
                ]),
                FigureSentenceTemplate("全区", [
                    FigureClause("公职律师单位", "public_lawyers.units"),
                    FigureClause("公职律师", "public_lawyers.people"),
                ]),
                FigureSentenceTemplate("全年开展行政规范性文件", [
                    FigureClause("合法性审核", "normative_docs.legality_reviews"),
                    FigureClause("文件备案", "normative_docs.filings"),
                    FigureClause("后评估", "normative_docs.post_evaluations"),
                    FigureClause("专项清理", "normative_docs.cleanups"),
                ], separator: "、"),
            ]),
        ReportFigures(
            section: AnnualReportSlot.legalServices,
            metrics: [
                Metric("legal_services.talent_pool_lawyers", "公共法律服务人才库律师", measureWord: "名", line: .legalServices,
                       definition: "lawyers in the public-legal-service talent pool at year end"),
                Metric("legal_services.law_firms", "律师事务所", measureWord: "家", line: .legalServices,
                       definition: "law firms registered in the district at year end"),
                Metric("legal_services.lawyers", "执业律师", measureWord: "人", line: .legalServices,
                       definition: "practising lawyers registered in the district at year end"),
            ],
            sentences: [
                FigureSentenceTemplate("公共法律服务律师人才库", [
                    FigureClause("入选专业律师", "legal_services.talent_pool_lawyers"),
                ]),
                FigureSentenceTemplate("全区现有", [
                    FigureClause("律师事务所", "legal_services.law_firms"),
                    FigureClause("律师总人数", "legal_services.lawyers",
                                 refines: "legal_services.law_firms", leadAlone: "执业律师"),
                ]),
            ]),
    ]
}
