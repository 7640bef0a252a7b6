import Fluent
import FazhiCore
import Foundation
import Vapor

/// The year's figures for an org subtree: every metric some line computes, counted from the records.
struct AnnualFigures {
    let year: Int
    let orgCode: String?
    let values: [(Metric, MetricValue)]

    /// Computes every registered metric for `year` and the subtree of the org with `orgCode` (the whole database when nil).
    static func compute(db: Database, year: Int, orgCode: String?) async throws -> AnnualFigures {
        var orgIDs: [UUID]?
        if let orgCode {
            guard let org = try await Org.query(on: db).filter(\.$code == orgCode).first() else {
                throw FieldError(field: "org", message: "机构代码“\(orgCode)”不存在")
            }
            orgIDs = try await Org.query(on: db).filter(\.$path =~ org.path).all(\.$id)
        }
        guard (2000...2100).contains(year) else { throw FieldError(field: "year", message: "年份须在2000至2100之间") }
        let query = ReportQuery(db: db, year: year, orgIDs: orgIDs)
        var values: [(Metric, MetricValue)] = []
        for computation in Modules.all.flatMap({ $0.metrics }) {
            guard let metric = computation.metric else { continue }
            values.append((metric, try await computation.compute(query)))
        }
        let order = Dictionary(uniqueKeysWithValues: MetricCatalogue.all.enumerated().map { ($1.key, $0) })
        values.sort { (order[$0.0.key] ?? 0) < (order[$1.0.key] ?? 0) }
        return AnnualFigures(year: year, orgCode: orgCode, values: values)
    }

    /// `{"year":…, "org":…, "metrics":{key: value}}`, keys sorted.
    func json() throws -> Data {
        var metrics: [String: Any] = [:]
        for (metric, value) in values { metrics[metric.key] = value.json }
        let object: [String: Any] = ["year": year, "org": orgCode ?? NSNull(), "metrics": metrics]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }
}
