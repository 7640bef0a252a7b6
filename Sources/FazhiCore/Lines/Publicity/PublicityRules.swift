extension WorkLine {
    /// Street judicial stations run publicity in their streets (普法进社区), so their staff read it without a grant.
    public static let publicity = WorkLine("publicity", label: "普法", runsAtStations: true)
}

extension AnnualReportSlot {
    public static let publicity = "achievements.publicity"
}

/// 普法: legal publicity and education — events, the state employees' online law exam, the 法律明白人 of each
/// community and their activities — in the annual report (REPORT.md `publicity.*`, `liaisons.*`) in the reference
/// report's words: its subsection （五） and the sentences that carry its figures.
public enum PublicityRules {
    public static let reportSection = AnnualReportSection(
        slot: AnnualReportSlot.publicity, position: 5, title: "坚持普治并举，深化基层普法依法治理",
        hint: "写明普法规划实施、专项普法活动、“谁执法谁普法”履职评议、“法律明白人”培养等举措。")

    public static let reportFigures = ReportFigures(
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
        ])
}
