/// The district's legal advisers (法律顾问团) and public lawyers (公职律师): who serves, the advisers' participations in
/// the government's legal work, and public-lawyer coverage (全覆盖) of the party and government units that should have one.
public enum LegalAdviserRules {
    /// Coverage of the units that should have a public lawyer: covered / required, as a whole percentage (0 when none is
    /// required).
    public static func coveragePercent(covered: Int, required: Int) -> Int {
        required == 0 ? 0 : (covered * 100 + required / 2) / required
    }

    /// Advisers and public lawyers in the annual report (REPORT.md `advisers.*`, `public_lawyers.*`), in the subsection
    /// on lawful decisions after the major decisions' sentence.
    public static let reportFigures = ReportFigures(
        section: AnnualReportSlot.lawfulDecisions,
        metrics: [
            Metric("advisers.members", "法律顾问团成员", measureWord: "人", line: .legalAdviser,
                   definition: "members of the district legal-adviser group on the last day of the year"),
            Metric("advisers.participations", "法律顾问参与法制工作", measureWord: "件次", line: .legalAdviser,
                   definition: "adviser participations recorded in the year"),
            Metric("public_lawyers.units", "公职律师单位", measureWord: "家", line: .legalAdviser,
                   definition: "units with at least one active public lawyer at year end"),
            Metric("public_lawyers.people", "公职律师", measureWord: "人", line: .legalAdviser,
                   definition: "active public lawyers at year end"),
        ],
        sentences: [
            FigureSentenceTemplate("区委、区政府法律顾问团", [
                FigureClause("现有", "advisers.members"),
                FigureClause("全年参与法制工作", "advisers.participations"),
            ]),
            FigureSentenceTemplate("全区", [
                FigureClause("公职律师单位", "public_lawyers.units"),
                FigureClause("公职律师", "public_lawyers.people"),
            ]),
        ])
}

extension WorkLine {
    /// 法律顾问与公职律师: the adviser group and its participations, the units' public lawyers and their coverage.
    public static let legalAdviser = WorkLine("legalAdviser", label: "法律顾问与公职律师")
}
