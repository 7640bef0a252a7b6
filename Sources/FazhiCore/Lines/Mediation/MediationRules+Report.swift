extension AnnualReportSlot {
    public static let mediation = "achievements.mediation"
}

/// People's mediation in the annual report (REPORT.md `mediation.*`), in the reference report's words: its subsection
/// （七） and the sentences that carry its figures.
extension MediationRules {
    public static let reportSection = AnnualReportSection(
        slot: AnnualReportSlot.mediation, position: 7, title: "坚持多元共治，推进矛盾纠纷有效化解",
        hint: "写明坚持和发展新时代“枫桥经验”、调解组织和特色调解室建设、重点领域纠纷化解的举措。")

    public static let reportFigures = ReportFigures(
        section: AnnualReportSlot.mediation,
        metrics: [
            Metric("mediation.screenings", "矛盾纠纷排查", measureWord: "次", line: .mediation, definition: "dispute screenings carried out in the year"),
            Metric("mediation.resolved", "成功化解矛盾纠纷", measureWord: "件", line: .mediation,
                   definition: "disputes successfully mediated by people's mediation organisations in the year"),
            Metric("mediation.labor_arbitration_mediated", "劳动仲裁律师调解结案", measureWord: "件", line: .mediation,
                   definition: "labour-arbitration cases settled by lawyer mediation in the year"),
            Metric("mediation.committees_founded", "新成立人民调解委员会", measureWord: "个", line: .mediation,
                   definition: "mediation committees founded in the year"),
        ],
        sentences: [
            FigureSentenceTemplate("全年各人民调解组织", [
                FigureClause("开展矛盾纠纷排查", "mediation.screenings"),
                FigureClause("成功化解矛盾纠纷", "mediation.resolved"),
            ]),
            FigureSentenceTemplate("推动律师参与劳动仲裁案件调解，", [
                FigureClause("成功调解", "mediation.labor_arbitration_mediated"),
            ]),
            FigureSentenceTemplate("全年新成立人民调解委员会", [FigureClause("", "mediation.committees_founded")]),
        ])
}
