/// The value of one metric for a year and an org subtree, as the report writes it: a count of records,
/// a rate (numerator over denominator, kept apart so that 0/0 stays visibly undefined) or an amount in yuan.
public enum MetricFigure: Hashable, Sendable {
    case count(Int)
    case rate(numerator: Int, denominator: Int)
    case money(Double)

    /// The rate as a fraction 0–1; nil for a count, for money, and for a rate with nothing to divide by.
    public var fraction: Double? {
        guard case .rate(let numerator, let denominator) = self, denominator != 0 else { return nil }
        return Double(numerator) / Double(denominator)
    }

    /// False only for a rate over zero cases (0/0): there is no figure to write.
    public var isDefined: Bool {
        if case .rate(_, let denominator) = self { return denominator != 0 }
        return true
    }
}
