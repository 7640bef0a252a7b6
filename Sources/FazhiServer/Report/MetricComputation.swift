import Fluent
import FazhiCore
import Vapor

/// The value of one metric: a count, a rate (fraction 0–1; nil when nothing to divide by) or money in yuan.
enum MetricValue: Equatable, Sendable {
    case count(Int)
    case rate(numerator: Int, denominator: Int)
    case money(Double)

    /// A rolled-up metric's value from its summed contributions: a rate from both sums, money (whole yuan) and counts
    /// from the numerator.
    init(_ kind: Metric.Kind, numerator: Int, denominator: Int) {
        switch kind {
        case .rate: self = .rate(numerator: numerator, denominator: denominator)
        case .money: self = .money(Double(numerator))
        case .count: self = .count(numerator)
        }
    }

    /// The JSON value: counts as integers, rates as fractions 0–1 (null when the denominator is 0), money in yuan.
    var json: Any {
        switch self {
        case .count(let value): value
        case .rate(let numerator, let denominator): denominator == 0 ? NSNull() : Double(numerator) / Double(denominator)
        case .money(let value): value
        }
    }
}

/// What a metric is counted over: a year (or any date range) and an org subtree.
struct ReportQuery: Sendable {
    let db: Database
    /// First and last day, inclusive, as `YYYY-MM-DD` (dates are stored as such text).
    let from: String
    let through: String
    /// The orgs whose records count (an org and its subtree); nil for the whole database.
    let orgIDs: [UUID]?

    init(db: Database, year: Int, orgIDs: [UUID]?) {
        self.init(db: db, from: String(format: "%04d-01-01", year), through: String(format: "%04d-12-31", year), orgIDs: orgIDs)
    }

    init(db: Database, from: String, through: String, orgIDs: [UUID]?) {
        self.db = db
        self.from = from
        self.through = through
        self.orgIDs = orgIDs
    }

    /// The same query narrowed to one month of its year.
    func month(_ month: Int) -> ReportQuery {
        let prefix = String(from.prefix(4)) + String(format: "-%02d", month)
        return ReportQuery(db: db, from: prefix + "-01", through: prefix + "-31", orgIDs: orgIDs)
    }

    /// Cases of `line` in the org subtree.
    func cases(_ line: WorkLine) -> QueryBuilder<CaseRecord> {
        var query = CaseRecord.query(on: db).filter(\.$line == line)
        if let orgIDs { query = query.filter(\.$org.$id ~~ orgIDs) }
        return query
    }

    /// Events of `kinds` on cases of `line` in the org subtree, dated within the range.
    func events(_ line: WorkLine, kinds: [String]) async throws -> [CaseEventRecord] {
        try await eventQuery(line, kinds: kinds).all()
    }

    /// The same events as a query, to count them in the database.
    func eventQuery(_ line: WorkLine, kinds: [String]) -> QueryBuilder<CaseEventRecord> {
        CaseEventRecord.query(on: db)
            .join(CaseRecord.self, on: \CaseEventRecord.$caseRecord.$id == \CaseRecord.$id)
            .filter(CaseRecord.self, \.$line == line)
            .filter(\.$kind ~~ kinds)
            .filter(\.$occurredOn >= from).filter(\.$occurredOn <= through)
            .group(.and) { group in
                if let orgIDs { group.filter(CaseRecord.self, \.$org.$id ~~ orgIDs) }
            }
    }
}

/// How one metric is computed from records. Lines register theirs through `Module.metrics`, and their ledger and
/// register kinds through their measures (`Module.bookKinds`).
struct MetricComputation: Sendable {
    let key: String
    /// Whether the metric is also kept in the rollup (case lines' `contributions`); then the report reads the
    /// rollup and `fazhi report --recount` checks it against this computation over the raw records.
    var rolledUp = false
    /// The cases behind the figure, for drill-down (nil for metrics not counted from cases).
    var records: (@Sendable (ReportQuery) async throws -> QueryBuilder<CaseRecord>)?
    let compute: @Sendable (ReportQuery) async throws -> MetricValue
    /// For a metric its line also keeps per respondent agency (`CaseLineRules.metricsByAgency`): the numerator and
    /// denominator per agency counted from the records, which `--recount` checks the rollup by agency against.
    var byAgency: (@Sendable (ReportQuery) async throws -> [UUID: (Int, Int)])? = nil

    init(key: String, rolledUp: Bool = false, records: (@Sendable (ReportQuery) async throws -> QueryBuilder<CaseRecord>)? = nil,
         byAgency: (@Sendable (ReportQuery) async throws -> [UUID: (Int, Int)])? = nil,
         compute: @escaping @Sendable (ReportQuery) async throws -> MetricValue) {
        self.key = key
        self.rolledUp = rolledUp
        self.records = records
        self.byAgency = byAgency
        self.compute = compute
    }
}
