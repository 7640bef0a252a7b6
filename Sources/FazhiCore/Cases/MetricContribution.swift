/// What one case adds to a report metric on one day: `numerator` to a count (or a rate's numerator) and
/// `denominator` to a rate's denominator. The server keeps their sums per day, org and metric (the rollup),
/// written in the same transaction as the case's events, so figures cost O(days) instead of O(records).
public struct MetricContribution: Hashable, Sendable {
    public let key: String
    public let day: CivilDate
    public let numerator: Int
    public let denominator: Int

    public init(_ key: String, on day: CivilDate, numerator: Int = 1, denominator: Int = 0) {
        self.key = key
        self.day = day
        self.numerator = numerator
        self.denominator = denominator
    }

    /// One case counted in a rate: always in the denominator, in the numerator when `counts`.
    public static func rate(_ key: String, on day: CivilDate, counts: Bool) -> MetricContribution {
        MetricContribution(key, on: day, numerator: counts ? 1 : 0, denominator: 1)
    }
}
