/// How one sentence of a line's paragraph carries its figures: an opening, one clause per metric, a closing.
///
/// Only the clauses whose metric is present (and, for a rate, defined) are written, joined by `separator`;
/// a sentence with none is not written at all, so a figure the platform has no records for is never invented.
/// "全年接收行政复议申请673件，审结行政复议案件574件（含结转案件），其中调解结案89件，按期结案率100%。"
public struct FigureSentenceTemplate: Sendable {
    let opening: String
    let clauses: [FigureClause]
    let separator: String
    let closing: String

    public init(_ opening: String, _ clauses: [FigureClause], separator: String = "，", closing: String = "") {
        self.opening = opening
        self.clauses = clauses
        self.separator = separator
        self.closing = closing
    }

    public init(_ clauses: [FigureClause], separator: String = "，", closing: String = "") {
        self.init("", clauses, separator: separator, closing: closing)
    }

    var keys: [String] { clauses.map(\.key) }

    /// The sentence for `figures`, or nil when none of its metrics (known to `catalogue`) is stated.
    func sentence(_ figures: [String: MetricFigure], catalogue: MetricCatalogue) -> ReportSentence? {
        let stated = clauses.filter { figures[$0.key]?.isDefined == true && catalogue.metric($0.key) != nil }
        guard !stated.isEmpty else { return nil }
        let statedKeys = Set(stated.map(\.key))
        var segments: [ReportSegment] = []
        func append(_ text: String) {
            guard !text.isEmpty else { return }
            if case .text(let previous)? = segments.last {
                segments[segments.count - 1] = .text(previous + text)
            } else {
                segments.append(.text(text))
            }
        }
        append(opening)
        for (index, clause) in stated.enumerated() {
            guard let figure = figures[clause.key], let metric = catalogue.metric(clause.key) else { continue }
            if index > 0 { append(separator) }
            let refinedIsStated = clause.refines.map { statedKeys.contains($0) } ?? true
            append(refinedIsStated ? clause.lead : clause.leadAlone ?? clause.lead)
            segments.append(.figure(key: clause.key, text: ReportNumberFormat.figure(figure, of: metric)))
            append(clause.tail)
        }
        append(closing + "。")
        return ReportSentence(segments)
    }
}

/// One figure in a sentence, with the words around it.
public struct FigureClause: Sendable {
    let key: String
    let lead: String
    let tail: String
    /// The metric this clause narrows ("其中调解结案" narrows the concluded cases) …
    let refines: String?
    /// … and the lead written instead when that metric is not stated ("调解结案").
    let leadAlone: String?

    public init(_ lead: String, _ key: String, tail: String = "", refines: String? = nil, leadAlone: String? = nil) {
        self.key = key
        self.lead = lead
        self.tail = tail
        self.refines = refines
        self.leadAlone = leadAlone
    }
}
