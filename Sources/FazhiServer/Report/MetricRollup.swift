import Fluent
import FazhiCore
import FluentSQL
import Vapor

/// Sums of metric contributions per metric, org and day (DESIGN.md, "Statistics"): kept in the same transaction as
/// the events that change them, so a year's figures read O(days × orgs) rows, never every record.
enum MetricRollup {
    static let table = "metric_rollups"

    /// Applies the change from `before` to `after` (a case's contributions before and after a write) to the rollup
    /// rows of `org`, inside the caller's transaction.
    static func apply(from before: [MetricContribution], to after: [MetricContribution], org: UUID, on db: Database) async throws {
        var delta: [String: (key: String, day: String, numerator: Int, denominator: Int)] = [:]
        func add(_ contribution: MetricContribution, _ sign: Int) {
            let id = contribution.key + "|" + contribution.day.description
            var entry = delta[id] ?? (contribution.key, contribution.day.description, 0, 0)
            entry.numerator += sign * contribution.numerator
            entry.denominator += sign * contribution.denominator
            delta[id] = entry
        }
        before.forEach { add($0, -1) }
        after.forEach { add($0, 1) }
        guard let sql = db as? SQLDatabase else { return }
        for entry in delta.values where entry.numerator != 0 || entry.denominator != 0 {
            try await sql.raw("""
                INSERT INTO metric_rollups (metric_key, org_id, day, numerator, denominator)
                VALUES (\(bind: entry.key), \(bind: org), \(bind: entry.day), \(bind: entry.numerator), \(bind: entry.denominator))
                ON CONFLICT (metric_key, org_id, day) DO UPDATE SET
                  numerator = metric_rollups.numerator + excluded.numerator,
                  denominator = metric_rollups.denominator + excluded.denominator
                """).run()
        }
    }

    /// `SUM(column)` as a 64-bit integer on both databases (PostgreSQL sums a bigint into a numeric).
    static func total(_ column: String) -> SQLRaw {
        SQLRaw("CAST(COALESCE(SUM(\(column)), 0) AS BIGINT)")
    }

    struct Sum: Decodable {
        let metric_key: String
        let numerator: Int
        let denominator: Int
    }

    /// The sums per metric over `from…through` (inclusive, `YYYY-MM-DD`) and the orgs (all when nil).
    static func sums(from: String, through: String, orgIDs: [UUID]?, on db: Database) async throws -> [String: (Int, Int)] {
        guard let sql = db as? SQLDatabase else { return [:] }
        var query = sql.select().column("metric_key")
            .column(total("numerator"), as: "numerator")
            .column(total("denominator"), as: "denominator")
            .from(table)
            .where("day", .greaterThanOrEqual, from).where("day", .lessThanOrEqual, through)
        if let orgIDs { query = query.where("org_id", .in, orgIDs) }
        let rows = try await query.groupBy("metric_key").all(decoding: Sum.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.metric_key, ($0.numerator, $0.denominator)) })
    }

    struct MonthSum: Decodable {
        let month: String
        let numerator: Int
        let denominator: Int
    }

    /// Month by month (`YYYY-MM`) for one metric over a year and the orgs.
    static func months(_ key: String, year: Int, orgIDs: [UUID]?, on db: Database) async throws -> [String: (Int, Int)] {
        guard let sql = db as? SQLDatabase else { return [:] }
        let month = SQLFunction("SUBSTR", args: SQLIdentifier("day"), SQLLiteral.numeric("1"), SQLLiteral.numeric("7"))
        var query = sql.select().column(month, as: "month")
            .column(total("numerator"), as: "numerator")
            .column(total("denominator"), as: "denominator")
            .from(table).where("metric_key", .equal, key)
            .where("day", .greaterThanOrEqual, String(format: "%04d-01-01", year))
            .where("day", .lessThanOrEqual, String(format: "%04d-12-31", year))
        if let orgIDs { query = query.where("org_id", .in, orgIDs) }
        let rows = try await query.groupBy(month).all(decoding: MonthSum.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.month, ($0.numerator, $0.denominator)) })
    }

    struct OrgSum: Decodable {
        let org_id: UUID
        let numerator: Int
        let denominator: Int
    }

    /// Per org for one metric over a year.
    static func byOrg(_ key: String, year: Int, orgIDs: [UUID]?, on db: Database) async throws -> [UUID: (Int, Int)] {
        guard let sql = db as? SQLDatabase else { return [:] }
        var query = sql.select().column("org_id")
            .column(total("numerator"), as: "numerator")
            .column(total("denominator"), as: "denominator")
            .from(table).where("metric_key", .equal, key)
            .where("day", .greaterThanOrEqual, String(format: "%04d-01-01", year))
            .where("day", .lessThanOrEqual, String(format: "%04d-12-31", year))
        if let orgIDs { query = query.where("org_id", .in, orgIDs) }
        let rows = try await query.groupBy("org_id").all(decoding: OrgSum.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.org_id, ($0.numerator, $0.denominator)) })
    }
}
