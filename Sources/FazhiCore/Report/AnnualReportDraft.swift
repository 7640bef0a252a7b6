/// The draft of the year's report on rule-of-law government (法治政府建设年度报告), laid out as the reference
/// (Hedong 2024): a preamble; 一、 achievements in seven subsections, each opening with sentences that carry every
/// figure of its lines; 二、 the head's duties; 三、 shortcomings; 四、 next year's plan; the bureau and the date.
///
/// Figures come only from `figures`: a metric absent there is not mentioned, and a rate over nothing (0/0) is
/// left out of the prose. Everything else is a narrative slot, identified by an `AnnualReportSlot` id, that the
/// staff write; the draft itself holds no staff text, so the figures can be refreshed without touching it.
public struct AnnualReportDraft: Hashable, Sendable {
    /// Text the staff write, with what to write (the hint) and, for the preamble, a default to start from.
    public struct NarrativeSlot: Hashable, Sendable {
        public let id: String
        public let hint: String
        public let defaultText: String?
    }

    /// A second-level part of 一、: （一）坚持党的领导，压实法治政府建设责任。
    public struct Subsection: Hashable, Sendable {
        public let number: Int
        /// （一）
        public let marker: String
        public let title: String
        /// The lines whose figures it carries.
        public let lines: [WorkLine]
        /// The generated sentences, in order; empty when none of its metrics is present.
        public let sentences: [ReportSentence]
        /// Written after the sentences, in the same paragraph.
        public let narrative: NarrativeSlot
    }

    /// A first-level part: 一、… with subsections, or 二、 三、 四、 with a narrative only.
    public struct Section: Hashable, Sendable {
        public let number: Int
        /// 一、
        public let marker: String
        public let title: String
        public let subsections: [Subsection]
        public let narrative: NarrativeSlot?
    }

    public let year: Int
    public let bureau: String
    /// 河东区司法局2024年度法治政府建设情况报告
    public let title: String
    public let preamble: NarrativeSlot
    public let sections: [Section]
    /// The date line under the bureau's name (成文日期); nil leaves it for the staff.
    public let date: CivilDate?
    /// Keys in `figures` the prose does not state: rates over nothing and keys outside the catalogue.
    public let unstatedKeys: [String]

    /// The draft of `outline` (the server's, assembled from the registered lines) for `figures`. `findings` are the
    /// shortcomings the lines found in their records (a sector of disputes no committee covers), each a sentence: the
    /// shortcomings section starts from them, numbered, until the staff write their own.
    public init(year: Int, bureau: String, figures: [String: MetricFigure], date: CivilDate? = nil, outline: AnnualReportOutline,
                findings: [String] = []) {
        self.year = year
        self.bureau = bureau
        self.title = AnnualReportOutline.title(bureau: bureau, year: year)
        self.date = date
        self.preamble = NarrativeSlot(
            id: AnnualReportSlot.preamble, hint: AnnualReportOutline.preambleHint,
            defaultText: AnnualReportOutline.preamble(bureau: bureau, year: year))

        let subsections = outline.achievements.enumerated().map { index, achievement in
            Subsection(
                number: index + 1, marker: ChineseNumeral.subsectionMarker(index + 1), title: achievement.title,
                lines: achievement.lines, sentences: achievement.sentences.compactMap { $0.sentence(figures, catalogue: outline.metrics) },
                narrative: NarrativeSlot(id: achievement.slot, hint: achievement.hint, defaultText: nil))
        }
        func narrativeSection(_ number: Int, _ title: String, _ slot: String, _ hint: String, defaultText: String? = nil) -> Section {
            Section(number: number, marker: ChineseNumeral.sectionMarker(number), title: title, subsections: [],
                    narrative: NarrativeSlot(id: slot, hint: hint, defaultText: defaultText))
        }
        let shortcomings = findings.isEmpty ? nil
            : findings.enumerated().map { "\(ChineseNumeral.sectionMarker($0.offset + 1))\($0.element)" }.joined(separator: "\n")
        self.sections = [
            Section(number: 1, marker: ChineseNumeral.sectionMarker(1),
                    title: AnnualReportOutline.achievementsTitle(year: year), subsections: subsections, narrative: nil),
            narrativeSection(2, AnnualReportOutline.headDutiesTitle, AnnualReportSlot.headDuties,
                             AnnualReportOutline.headDutiesHint),
            narrativeSection(3, AnnualReportOutline.shortcomingsTitle, AnnualReportSlot.shortcomings,
                             AnnualReportOutline.shortcomingsHint, defaultText: shortcomings),
            narrativeSection(4, AnnualReportOutline.nextYearTitle(year: year), AnnualReportSlot.nextYear,
                             AnnualReportOutline.nextYearHint),
        ]
        let stated = Set(subsections.flatMap { $0.sentences.flatMap(\.metricKeys) })
        self.unstatedKeys = figures.keys.filter { !stated.contains($0) }.sorted()
    }

    /// Every generated sentence, in reading order.
    public var sentences: [ReportSentence] {
        sections.flatMap { $0.subsections.flatMap(\.sentences) }
    }

    /// Every narrative slot, in reading order.
    public var narrativeSlots: [NarrativeSlot] {
        [preamble] + sections.flatMap { section in section.subsections.map(\.narrative) + [section.narrative].compactMap { $0 } }
    }
}
