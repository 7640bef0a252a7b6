/// What one case adds to a line's breakdown of its work, the tables and charts of its dashboard panel: under `key`,
/// the case is counted under `facet` (the code of its type or its channel, such as `family`) in the
/// month of `day`, `numerator` and `denominator` as in a `MetricContribution`. The server keeps their sums per key,
/// org, facet and month, written in the same transaction as the case's events, so a panel reads O(orgs × facets ×
/// months) rows, however many cases the year had, and `fazhi report --recount` checks them against the cases replayed.
public struct FacetContribution: Hashable, Sendable {
    public let key: String
    public let facet: String
    public let day: CivilDate
    public let numerator: Int
    public let denominator: Int

    public init(_ key: String, facet: String, on day: CivilDate, numerator: Int = 1, denominator: Int = 0) {
        self.key = key
        self.facet = facet
        self.day = day
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The month the contribution is kept under, `YYYY-MM`.
    public var month: String { String(day.description.prefix(7)) }
}
