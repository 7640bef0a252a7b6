/// A piece of a generated sentence: plain text, or a figure that stays linked to its metric (drill-down).
public enum ReportSegment: Hashable, Sendable {
    case text(String)
    /// The figure as written (473万余元) and the metric key it was counted for.
    case figure(key: String, text: String)
}

/// A sentence of the draft written from the metrics; every figure in it keeps its metric key.
public struct ReportSentence: Hashable, Sendable {
    public let segments: [ReportSegment]

    public init(_ segments: [ReportSegment]) {
        self.segments = segments
    }

    /// The sentence with its figures, as printed.
    public var text: String {
        segments.map { segment in
            switch segment {
            case .text(let text), .figure(_, let text): text
            }
        }.joined()
    }

    /// The metric keys of its figures, in order.
    public var metricKeys: [String] {
        segments.compactMap { segment in
            if case .figure(let key, _) = segment { return key }
            return nil
        }
    }
}
