import Fluent
import FazhiCore
import Foundation
import Vapor

/// The year's figures for an org subtree: every metric some line computes, counted from the records.
struct AnnualFigures {
    enum Source {
        /// Rolled-up metrics from the rollup (O(days)); the others from their records.
        case rollup
        /// Every metric from the raw records (O(records)): the check of the rollup.
        case records
    }

    let year: Int
    let orgCode: String?
    let values: [(Metric, MetricValue)]

    subscript(key: String) -> MetricValue? { values.first { $0.0.key == key }?.1 }

    /// The org ids of the subtree of the org with `orgCode` (nil: the whole database).
    static func subtree(_ orgCode: String?, on db: Database) async throws -> [UUID]? {
        guard let orgCode else { return nil }
        guard let org = try await Org.query(on: db).filter(\.$code == orgCode).first() else {
            throw FieldError(field: "org", message: "机构代码“\(orgCode)”不存在")
        }
        return try await OrgDirectory.subtreeIDs(of: org, on: db)
    }

    /// Computes every registered metric for `year` and the subtree of the org with `orgCode`.
    static func compute(db: Database, modules: ModuleRegistry, year: Int, orgCode: String?, source: Source = .rollup) async throws -> AnnualFigures {
        try await compute(db: db, modules: modules, year: year, orgIDs: try await subtree(orgCode, on: db), orgCode: orgCode, source: source)
    }

    /// Computes every registered metric for `year` over the records of `orgIDs` (all when nil).
    static func compute(db: Database, modules: ModuleRegistry, year: Int, orgIDs: [UUID]?, orgCode: String?, source: Source = .rollup) async throws -> AnnualFigures {
        guard (2000...2100).contains(year) else { throw FieldError(field: "year", message: "年份须在2000至2100之间") }
        let query = ReportQuery(db: db, year: year, orgIDs: orgIDs)
        let sums = source == .rollup ? try await MetricRollup.sums(from: query.from, through: query.through, orgIDs: orgIDs, on: db) : [:]
        var values: [(Metric, MetricValue)] = []
        for computation in modules.metrics {
            guard let metric = modules.metric(computation) else { continue }
            if source == .rollup, computation.rolledUp {
                let (numerator, denominator) = sums[metric.key] ?? (0, 0)
                values.append((metric, MetricValue(metric.kind, numerator: numerator, denominator: denominator)))
            } else {
                values.append((metric, try await computation.compute(query)))
            }
        }
        let order = Dictionary(uniqueKeysWithValues: modules.metricCatalogue.all.enumerated().map { ($1.key, $0) })
        values.sort { (order[$0.0.key] ?? 0) < (order[$1.0.key] ?? 0) }
        return AnnualFigures(year: year, orgCode: orgCode, values: values)
    }

    /// Differences between the rollup and a full recount, one line each ("key: rollup X, recount Y"); empty when equal.
    static func recount(db: Database, modules: ModuleRegistry, year: Int, orgCode: String?) async throws -> [String] {
        let rolled = try await compute(db: db, modules: modules, year: year, orgCode: orgCode, source: .rollup)
        let counted = try await compute(db: db, modules: modules, year: year, orgCode: orgCode, source: .records)
        var differences: [String] = rolled.values.compactMap { metric, value in
            let recount = counted[metric.key]
            return recount == value ? nil : "\(metric.key)：汇总表 \(value.text)，重新计数 \(recount?.text ?? "—")"
        }
        // The rollup by agency, where a line keeps one: each agency's sums against its records.
        let orgIDs = try await subtree(orgCode, on: db)
        for computation in modules.metrics {
            guard let byAgency = computation.byAgency else { continue }
            let recount = try await byAgency(ReportQuery(db: db, year: year, orgIDs: orgIDs)).filter { $0.value != (0, 0) }
            let rollup = try await MetricRollup.byAgency(computation.key, year: year, orgIDs: orgIDs, on: db).filter { $0.value != (0, 0) }
            for agency in Set(recount.keys).union(rollup.keys).sorted(by: { $0.uuidString < $1.uuidString }) {
                let (a, b) = (rollup[agency] ?? (0, 0), recount[agency] ?? (0, 0))
                guard a != b else { continue }
                differences.append("\(computation.key)（被申请人 \(agency)）：汇总表 \(a.0)/\(a.1)，重新计数 \(b.0)/\(b.1)")
            }
        }
        // The lines' facet counts, where a line keeps some: the year's months against its cases replayed.
        let facetLines = modules.caseLines.filter { !$0.facetKeys.isEmpty }
        if !facetLines.isEmpty {
            let calendar = try await CalendarStore(db: db).calendar()
            let codes = Dictionary(uniqueKeysWithValues: try await Org.query(on: db).all().map { ($0.id!, $0.code) })
            for handler in facetLines {
                let stored = try await FacetRollup.read(handler.facetKeys, year: year, orgIDs: orgIDs, on: db)
                let replayed = try await handler.storedFacets(db, orgIDs, calendar)
                let recounted = replayed.sums.filter { $0.key.month.hasPrefix(String(format: "%04d-", year)) }
                differences += replayed.failures + FacetRollup.differences(stored: stored, recounted: recounted, orgCodes: codes)
            }
        }
        return differences
    }

    /// `{"year":…, "org":…, "metrics":{key: value}}`, keys sorted.
    func json() throws -> Data {
        var metrics: [String: Any] = [:]
        for (metric, value) in values { metrics[metric.key] = value.json }
        let object: [String: Any] = ["year": year, "org": orgCode ?? NSNull(), "metrics": metrics]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    /// The figures as the Core draft reads them.
    var figures: [String: MetricFigure] {
        Dictionary(uniqueKeysWithValues: values.map { metric, value in
            switch value {
            case .count(let count): (metric.key, MetricFigure.count(count))
            case .rate(let numerator, let denominator): (metric.key, MetricFigure.rate(numerator: numerator, denominator: denominator))
            case .money(let yuan): (metric.key, MetricFigure.money(yuan))
            }
        })
    }
}

extension MetricValue {
    /// For messages: 12, 3/4, 4730000.0.
    var text: String {
        switch self {
        case .count(let value): String(value)
        case .rate(let numerator, let denominator): "\(numerator)/\(denominator)"
        case .money(let value): String(value)
        }
    }
}
