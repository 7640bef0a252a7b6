/// The figures of the lines that are ledgers and registers today (enforcement, publicity, legal services): their metrics, in the order of REPORT.md, and the
/// sentences of the reference report that carry them. Each moves to its line's folder when the line is built.
extension ReportFigures {
    public static let ledgerLines: [ReportFigures] = [
        ReportFigures(
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
            ]),
        ReportFigures(
            section: AnnualReportSlot.publicity,
            metrics: [
                Metric("publicity.events", "法治宣传活动", measureWord: "场次", line: .publicity, definition: "legal-publicity events held",
                       approximate: true),
                Metric("publicity.exam_units", "完成学法用法考试单位", measureWord: "家", line: .publicity,
                       definition: "units that completed the online law exam in the year"),
                Metric("publicity.exam_people", "完成学法用法考试人员", measureWord: "名", line: .publicity,
                       definition: "state employees that completed the online law exam in the year"),
                Metric("liaisons.people", "法律明白人", measureWord: "名", line: .publicity, definition: "active 法律明白人 at year end"),
                Metric("liaisons.activities", "法律明白人开展法治宣传活动", measureWord: "场次", line: .publicity,
                       definition: "publicity activities of 法律明白人 in the year"),
            ],
            sentences: [
                FigureSentenceTemplate("全年开展法治宣传活动", [FigureClause("", "publicity.events")]),
                FigureSentenceTemplate("全区", [
                    FigureClause("", "publicity.exam_units", tail: "单位"),
                    FigureClause("", "publicity.exam_people", tail: "国家工作人员"),
                ], separator: "", closing: "完成学法用法网上学习考试"),
                FigureSentenceTemplate("全区", [
                    FigureClause("现有“法律明白人”", "liaisons.people"),
                    FigureClause("全年开展各类法治宣传活动", "liaisons.activities",
                                 refines: "liaisons.people", leadAlone: "“法律明白人”全年开展各类法治宣传活动"),
                ]),
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
