import Fluent
import Foundation
import FazhiCore
import SQLKit

/// A case line's breakdowns of its work (`CaseLineRules.facets`: disputes by type, aid by channel…), summed per key,
/// org, facet and month in `metric_facets`. `CaseWorkflow` applies each case's change in the transaction of the event
/// that made it, as it does the rollup, so a dashboard panel reads O(orgs × facets × months) rows however many cases
/// the year had; `fazhi report --recount` checks the sums against the cases replayed (`CaseLineHandler.storedFacets`).
/// Months, not days: a panel's tables are the year's and its charts the months', and a day's row per org and facet
/// would be about as many rows as the cases.
enum FacetRollup {
    static let table = "metric_facets"

    /// One row of the table: what is summed under it.
    struct Cell: Hashable, Sendable {
        let key: String
        let org: UUID
        let facet: String
        /// `YYYY-MM`.
        let month: String
    }

    typealias Sums = [Cell: (numerator: Int, denominator: Int)]

    /// A line's stored cases replayed: the sums their facets make, and each case that did not replay.
    struct Replayed {
        var sums: Sums = [:]
        var failures: [String] = []
    }

    /// `more` added into `sums`.
    static func merge(_ more: Sums, into sums: inout Sums) {
        sums.merge(more) { ($0.numerator + $1.numerator, $0.denominator + $1.denominator) }
    }

    /// The sums of `contributions` of cases of `org`.
    static func sums(of contributions: [FacetContribution], org: UUID) -> Sums {
        var sums: Sums = [:]
        for contribution in contributions {
            let cell = Cell(key: contribution.key, org: org, facet: contribution.facet, month: contribution.month)
            sums[cell, default: (0, 0)].numerator += contribution.numerator
            sums[cell, default: (0, 0)].denominator += contribution.denominator
        }
        return sums
    }

    /// Applies a case's change from `before` to `after` to the rows of `org`, inside the caller's transaction.
    static func apply(from before: [FacetContribution], to after: [FacetContribution], org: UUID, on db: Database) async throws {
        guard !before.isEmpty || !after.isEmpty else { return }
        var change = sums(of: after, org: org)
        for (cell, sum) in sums(of: before, org: org) {
            change[cell, default: (0, 0)].numerator -= sum.numerator
            change[cell, default: (0, 0)].denominator -= sum.denominator
        }
        try await add(change, on: db)
    }

    /// Adds `sums` (the non-zero ones) to the table, one statement per 500 rows, in a stable order.
    static func add(_ sums: Sums, on db: Database) async throws {
        let changed = sums.filter { $0.value != (0, 0) }
            .sorted { ($0.key.key, $0.key.org.uuidString, $0.key.facet, $0.key.month) < ($1.key.key, $1.key.org.uuidString, $1.key.facet, $1.key.month) }
        guard !changed.isEmpty else { return }
        let sql = try db.sql
        var start = 0
        while start < changed.count {
            let rows = changed[start ..< min(start + 500, changed.count)].map { cell, sum in
                SQLGroupExpression(SQLList([SQLBind(cell.key), SQLBind(cell.org), SQLBind(cell.facet), SQLBind(cell.month),
                                            SQLBind(sum.numerator), SQLBind(sum.denominator)]))
            }
            try await sql.raw("""
                INSERT INTO \(unsafeRaw: table) (metric_key, org_id, facet, month, numerator, denominator)
                VALUES \(SQLList(rows))
                ON CONFLICT (metric_key, org_id, facet, month) DO UPDATE SET
                  numerator = \(unsafeRaw: table).numerator + excluded.numerator,
                  denominator = \(unsafeRaw: table).denominator + excluded.denominator
                """).run()
            start += 500
        }
    }

    /// The stored sums of `keys` in `year`'s months and the orgs (all when nil), zero rows left out.
    static func read(_ keys: Set<String>, year: Int, orgIDs: [UUID]?, on db: Database) async throws -> Sums {
        guard !keys.isEmpty, orgIDs?.isEmpty != true else { return [:] }
        var query = try db.sql.select().column("metric_key").column("org_id").column("facet").column("month")
            .column("numerator").column("denominator")
            .from(table)
            .where("metric_key", .in, keys.sorted())
            .where("month", .greaterThanOrEqual, String(format: "%04d-01", year))
            .where("month", .lessThanOrEqual, String(format: "%04d-12", year))
        if let orgIDs { query = query.where("org_id", .in, orgIDs) }
        var sums: Sums = [:]
        for row in try await query.all() {
            let sum = (try row.decode(column: "numerator", as: Int.self), try row.decode(column: "denominator", as: Int.self))
            guard sum != (0, 0) else { continue }
            sums[Cell(key: try row.decode(column: "metric_key", as: String.self), org: try row.decode(column: "org_id", as: UUID.self),
                      facet: try row.decode(column: "facet", as: String.self), month: try row.decode(column: "month", as: String.self))] = sum
        }
        return sums
    }

    /// The year's sums of `keys` per key, org and facet over the orgs (all when nil), added up by the database: what a
    /// panel's tables read, O(orgs × facets) rows.
    static func yearTotals(_ keys: Set<String>, year: Int, orgIDs: [UUID]?,
                           on db: Database) async throws -> [(key: String, org: UUID, facet: String, numerator: Int, denominator: Int)] {
        guard !keys.isEmpty, orgIDs?.isEmpty != true else { return [] }
        var query = try db.sql.select().column("metric_key").column("org_id").column("facet")
            .column(MetricRollup.total("numerator"), as: "numerator").column(MetricRollup.total("denominator"), as: "denominator")
            .from(table)
            .where("metric_key", .in, keys.sorted())
            .where("month", .greaterThanOrEqual, String(format: "%04d-01", year))
            .where("month", .lessThanOrEqual, String(format: "%04d-12", year))
        if let orgIDs { query = query.where("org_id", .in, orgIDs) }
        return try await query.groupBy("metric_key").groupBy("org_id").groupBy("facet").all().map { row in
            (try row.decode(column: "metric_key", as: String.self), try row.decode(column: "org_id", as: UUID.self),
             try row.decode(column: "facet", as: String.self), try row.decode(column: "numerator", as: Int.self),
             try row.decode(column: "denominator", as: Int.self))
        }.filter { $0.numerator != 0 || $0.denominator != 0 }
    }

    /// Rebuilds the rows of `keys` from the cases, `replaying` them inside one transaction that holds every other
    /// write of the table until it ends (PostgreSQL: an exclusive lock on it, taken first; SQLite: the delete takes the
    /// database's write lock): a write that commits before it is in the replay, one that waits applies its change after
    /// it, so none is lost or counted twice. Repeatable. Returns the replay, its cases that did not replay named.
    static func rebuild(_ keys: Set<String>, on db: Database,
                        replaying: @escaping @Sendable (Database) async throws -> Replayed) async throws -> Replayed {
        guard !keys.isEmpty else { return Replayed() }
        return try await db.transaction { tx in
            let sql = try tx.sql
            if sql.dialect.name == "postgresql" { try await sql.raw("LOCK TABLE \(unsafeRaw: table) IN EXCLUSIVE MODE").run() }
            try await sql.delete(from: table).where("metric_key", .in, keys.sorted()).run()
            let replayed = try await replaying(tx)
            try await add(replayed.sums.filter { keys.contains($0.key.key) }, on: tx)
            return replayed
        }
    }

    /// The differences between the stored sums and `recounted` (the cases replayed), one line each; empty when equal.
    static func differences(stored: Sums, recounted: Sums, orgCodes: [UUID: String]) -> [String] {
        Set(stored.keys).union(recounted.keys)
            .sorted { ($0.key, orgCodes[$0.org] ?? "", $0.facet, $0.month) < ($1.key, orgCodes[$1.org] ?? "", $1.facet, $1.month) }
            .compactMap { cell -> String? in
                let (a, b) = (stored[cell] ?? (0, 0), recounted[cell] ?? (0, 0))
                guard a != b else { return nil }
                return "\(cell.key)（\(orgCodes[cell.org] ?? cell.org.uuidString)，\(cell.facet)，\(cell.month)）：汇总表 \(a.numerator)/\(a.denominator)，重新计数 \(b.numerator)/\(b.denominator)"
            }
    }
}
