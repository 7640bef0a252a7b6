import Fluent
import FazhiCore
import FluentSQL
import Vapor

/// Sums of metric contributions per metric, org and day (DESIGN.md, "Statistics"): kept in the same transaction as
/// the events that change them, so a year's figures read O(days × orgs) rows, never every record.
enum MetricRollup {
    static let table = "metric_rollups"

    /// The same sums kept per respondent agency for the metrics a case line names (`CaseLineRules.metricsByAgency`).
    static let byAgencyTable = "metric_rollups_by_agency"

    /// Applies the change from `before` to `after` (a case's contributions before and after a write) to the rollup
    /// rows of `org`, and of the metrics in `byAgency` to the rows of `org` and `agency` as well, inside the caller's
    /// transaction.
    static func apply(from before: [MetricContribution], to after: [MetricContribution], org: UUID, agency: UUID? = nil,
                      byAgency keys: Set<String> = [], on db: Database) async throws {
        try await write(changes(from: before, to: after), into: table, org: org, agency: nil, on: db)
        guard let agency, !keys.isEmpty else { return }
        try await applyByAgency(from: before.filter { keys.contains($0.key) }, to: after.filter { keys.contains($0.key) }, org: org,
                                agency: agency, on: db)
    }

    /// The change to the rows by agency alone, for contributions already filtered to the metrics kept by agency (a
    /// bulk opening adds up the rollup per org and these per org and agency).
    static func applyByAgency(from before: [MetricContribution], to after: [MetricContribution], org: UUID, agency: UUID,
                              on db: Database) async throws {
        try await write(changes(from: before, to: after), into: byAgencyTable, org: org, agency: agency, on: db)
    }

    private typealias Change = (key: String, day: String, numerator: Int, denominator: Int)

    /// The non-zero differences per (metric, day), in key order.
    private static func changes(from before: [MetricContribution], to after: [MetricContribution]) -> [Change] {
        var delta: [String: Change] = [:]
        func add(_ contribution: MetricContribution, _ sign: Int) {
            let id = contribution.key + "|" + contribution.day.description
            var entry = delta[id] ?? (contribution.key, contribution.day.description, 0, 0)
            entry.numerator += sign * contribution.numerator
            entry.denominator += sign * contribution.denominator
            delta[id] = entry
        }
        before.forEach { add($0, -1) }
        after.forEach { add($0, 1) }
        return delta.values.filter { $0.numerator != 0 || $0.denominator != 0 }.sorted { ($0.key, $0.day) < ($1.key, $1.day) }
    }

    /// Adds `changed` to `table`'s rows of `org` (and `agency`, for the table by agency), one statement per 500 rows
    /// (each row once per statement, as ON CONFLICT … DO UPDATE requires).
    private static func write(_ changed: [Change], into table: String, org: UUID, agency: UUID?, on db: Database) async throws {
        guard let sql = db as? SQLDatabase, !changed.isEmpty else { return }
        let keyColumns = agency == nil ? "metric_key, org_id, day" : "metric_key, org_id, agency_id, day"
        var start = 0
        while start < changed.count {
            let rows = changed[start ..< min(start + 500, changed.count)].map { entry in
                SQLList([SQLBind(entry.key), SQLBind(org)] + (agency.map { [SQLBind($0)] } ?? [])
                        + [SQLBind(entry.day), SQLBind(entry.numerator), SQLBind(entry.denominator)])
            }
            try await sql.raw("""
                INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: keyColumns), numerator, denominator)
                VALUES \(SQLList(rows.map { SQLGroupExpression($0) }))
                ON CONFLICT (\(unsafeRaw: keyColumns)) DO UPDATE SET
                  numerator = \(unsafeRaw: table).numerator + excluded.numerator,
                  denominator = \(unsafeRaw: table).denominator + excluded.denominator
                """).run()
            start += 500
        }
    }

    /// `SUM(column)` as a 64-bit integer on both databases (PostgreSQL sums a bigint into a numeric).
    static func total(_ column: String) -> SQLRaw {
        SQLRaw("CAST(COALESCE(SUM(\(column)), 0) AS BIGINT)")
    }

    /// The sums per metric over `from…through` (inclusive, `YYYY-MM-DD`) and the orgs (all when nil).
    static func sums(from: String, through: String, orgIDs: [UUID]?, on db: Database) async throws -> [String: (Int, Int)] {
        try await totals(by: SQLIdentifier("metric_key"), as: String.self, metric: nil, from: from, through: through, orgIDs: orgIDs, on: db)
    }

    /// Month by month (`YYYY-MM`) for one metric over a year and the orgs.
    static func months(_ key: String, year: Int, orgIDs: [UUID]?, on db: Database) async throws -> [String: (Int, Int)] {
        let month = SQLFunction("SUBSTR", args: SQLIdentifier("day"), SQLLiteral.numeric("1"), SQLLiteral.numeric("7"))
        return try await totals(by: month, as: String.self, metric: key, from: String(format: "%04d-01-01", year),
                                through: String(format: "%04d-12-31", year), orgIDs: orgIDs, on: db)
    }

    /// The year's twelve monthly counts (January first) of the metrics `keys`, added together: a panel's month chart.
    static func monthly(_ keys: [String], year: Int, orgIDs: [UUID]?, on db: Database) async throws -> [Int] {
        var values = Array(repeating: 0, count: 12)
        for key in keys {
            let sums = try await months(key, year: year, orgIDs: orgIDs, on: db)
            for month in 1...12 { values[month - 1] += sums[String(format: "%04d-%02d", year, month)]?.0 ?? 0 }
        }
        return values
    }

    /// Per metric and org over a year, in one read.
    static func byOrg(year: Int, orgIDs: [UUID]?, on db: Database) async throws -> [String: [UUID: (Int, Int)]] {
        let sql = try db.sql
        var query = sql.select().column("metric_key").column("org_id")
            .column(total("numerator"), as: "numerator").column(total("denominator"), as: "denominator")
            .from(table)
            .where("day", .greaterThanOrEqual, String(format: "%04d-01-01", year))
            .where("day", .lessThanOrEqual, String(format: "%04d-12-31", year))
        if let orgIDs { query = query.where("org_id", .in, orgIDs) }
        var totals: [String: [UUID: (Int, Int)]] = [:]
        for row in try await query.groupBy("metric_key").groupBy("org_id").all() {
            totals[try row.decode(column: "metric_key", as: String.self), default: [:]][try row.decode(column: "org_id", as: UUID.self)] =
                (try row.decode(column: "numerator", as: Int.self), try row.decode(column: "denominator", as: Int.self))
        }
        return totals
    }

    /// Per respondent agency over a year and the orgs, for one metric a line keeps by agency.
    static func byAgency(_ key: String, year: Int, orgIDs: [UUID]?, on db: Database) async throws -> [UUID: (Int, Int)] {
        if orgIDs?.isEmpty == true { return [:] }
        var query = try db.sql.select().column("agency_id")
            .column(total("numerator"), as: "numerator").column(total("denominator"), as: "denominator")
            .from(byAgencyTable)
            .where("metric_key", .equal, key)
            .where("day", .greaterThanOrEqual, String(format: "%04d-01-01", year))
            .where("day", .lessThanOrEqual, String(format: "%04d-12-31", year))
        if let orgIDs { query = query.where("org_id", .in, orgIDs) }
        var totals: [UUID: (Int, Int)] = [:]
        for row in try await query.groupBy("agency_id").all() {
            totals[try row.decode(column: "agency_id", as: UUID.self)] =
                (try row.decode(column: "numerator", as: Int.self), try row.decode(column: "denominator", as: Int.self))
        }
        return totals
    }

    /// Numerator and denominator totals grouped by `group`, over the days `from…through` and the orgs (all when nil),
    /// for one metric or (nil) every metric.
    private static func totals<Group: Decodable & Hashable>(
        by group: any SQLExpression, as _: Group.Type, metric: String?, from: String, through: String, orgIDs: [UUID]?, on db: Database
    ) async throws -> [Group: (Int, Int)] {
        guard let sql = db as? SQLDatabase else { return [:] }
        var query = sql.select().column(group, as: "grouped")
            .column(total("numerator"), as: "numerator")
            .column(total("denominator"), as: "denominator")
            .from(table)
            .where("day", .greaterThanOrEqual, from).where("day", .lessThanOrEqual, through)
        if let metric { query = query.where("metric_key", .equal, metric) }
        if let orgIDs { query = query.where("org_id", .in, orgIDs) }
        var totals: [Group: (Int, Int)] = [:]
        for row in try await query.groupBy(group).all() {
            totals[try row.decode(column: "grouped", as: Group.self)] =
                (try row.decode(column: "numerator", as: Int.self), try row.decode(column: "denominator", as: Int.self))
        }
        return totals
    }
}
