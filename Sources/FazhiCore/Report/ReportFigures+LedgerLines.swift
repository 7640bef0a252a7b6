/// The figures of the lines that are ledgers and registers today (legal services): their metrics, in the order of REPORT.md, and the
/// sentences of the reference report that carry them. Each moves to its line's folder when the line is built.
extension ReportFigures {
    public static let ledgerLines: [ReportFigures] = [
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
