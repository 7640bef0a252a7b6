/// The stable ids of the draft's narrative slots: the server stores the staff's text under them, and
/// `AnnualReportDraft.markdown(narratives:)` merges it back.
public enum AnnualReportSlot {
    public static let preamble = "preamble"
    public static let partyLeadership = "achievements.party_leadership"
    public static let lawfulDecisions = "achievements.lawful_decisions"
    public static let legalServices = "achievements.legal_services"
    public static let headDuties = "head_duties"
    public static let shortcomings = "shortcomings"
    public static let nextYear = "next_year"
}

/// One subsection of the report's achievements (一、): its narrative slot, its place in the reference report
/// (（一）…（七）), its title and what the staff should write. The outline holds the subsections no line owns; a line
/// that owns one declares it (the reference report gives each its place, so a line's subsection keeps it).
public struct AnnualReportSection: Sendable {
    public let slot: String
    public let position: Int
    public let title: String
    public let hint: String

    public init(slot: String, position: Int, title: String, hint: String) {
        self.slot = slot
        self.position = position
        self.title = title
        self.hint = hint
    }
}

/// What a line writes in the report: the metrics it counts (REPORT.md keys) and the sentences that carry them,
/// in one subsection.
public struct ReportFigures: Sendable {
    public let section: String
    public let metrics: [Metric]
    public let sentences: [FigureSentenceTemplate]

    public init(section: String, metrics: [Metric], sentences: [FigureSentenceTemplate]) {
        self.section = section
        self.metrics = metrics
        self.sentences = sentences
    }
}

/// The structure and wording of the report, after the reference (河东区司法局2024年度法治政府建设情况报告):
/// section titles, the seven achievement subsections in its order with its titles, and, assembled from the lines'
/// declarations (`ReportFigures`), the sentences that carry each line's figures and the catalogue of those figures.
/// The server builds it once from the registered modules.
public struct AnnualReportOutline: Sendable {
    public struct Achievement: Sendable {
        public let slot: String
        public let title: String
        /// The lines whose figures it carries, in the order their metrics come.
        public let lines: [WorkLine]
        public let hint: String
        public let sentences: [FigureSentenceTemplate]
    }

    public let achievements: [Achievement]
    /// Every metric the lines declare, in the order of the report.
    public let metrics: MetricCatalogue

    /// The outline with the subsections `sections` add to the shared ones, and the lines' `figures` placed in
    /// their subsections in the order given. A figure for a subsection nobody declares is a programming error.
    public init(sections: [AnnualReportSection], figures: [ReportFigures]) {
        let ordered = (Self.sharedSections + sections).sorted { $0.position < $1.position }
        let slots = Set(ordered.map(\.slot))
        for figure in figures { precondition(slots.contains(figure.section), "no report subsection \(figure.section)") }
        self.achievements = ordered.map { section in
            let own = figures.filter { $0.section == section.slot }
            var lines: [WorkLine] = []
            for metric in own.flatMap(\.metrics) where !lines.contains(metric.line) { lines.append(metric.line) }
            return Achievement(slot: section.slot, title: section.title, lines: lines, hint: section.hint,
                               sentences: own.flatMap(\.sentences))
        }
        self.metrics = MetricCatalogue(ordered.flatMap { section in
            figures.filter { $0.section == section.slot }.flatMap(\.metrics)
        })
    }

    static func title(bureau: String, year: Int) -> String { "\(bureau)\(year)年度法治政府建设情况报告" }

    static func preamble(bureau: String, year: Int) -> String {
        "\(year)年，\(bureau)在区委、区政府的坚强领导下，以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
            + "立足司法行政工作实际，统筹推进法治政府建设，为全区经济社会高质量发展提供有力法治保障。"
    }

    static let preambleHint = "概述全年法治政府建设的总体情况。"

    static func achievementsTitle(year: Int) -> String { "\(year)年度推进法治政府建设的主要举措和成效" }
    static let headDutiesTitle = "党政主要负责人履行第一责任人职责情况"
    static let headDutiesHint = "写明主要负责同志履行推进法治建设第一责任人职责、落实“四个亲自”要求的情况。"
    static let shortcomingsTitle = "当前工作存在的不足及原因"
    static let shortcomingsHint = "写明与先进地区相比存在的差距和不足，分条列出并分析原因。"
    static func nextYearTitle(year: Int) -> String { "\(year + 1)年推进法治政府建设工作安排" }
    static let nextYearHint = "对照法治政府建设实施纲要，分条写明下一年度的工作安排。"

    /// The subsections of the reference report that no built line owns.
    static let sharedSections: [AnnualReportSection] = [
        AnnualReportSection(slot: AnnualReportSlot.partyLeadership, position: 1, title: "坚持党的领导，压实法治政府建设责任",
                            hint: "写明坚持党的领导、压实法治建设第一责任人职责、年度工作要点、法治督察等举措。"),
        AnnualReportSection(slot: AnnualReportSlot.lawfulDecisions, position: 2, title: "坚持依法行政，持续提升依法决策水平",
                            hint: "写明规范重大行政决策程序、深化法律顾问和公职律师工作、加强行政规范性文件管理的举措。"),
        AnnualReportSection(slot: AnnualReportSlot.legalServices, position: 6, title: "坚持人民至上，优化公共法律服务供给",
                            hint: "写明公共法律服务体系建设、律师行业发展、法律援助和公证服务创新的举措。"),
    ]
}
