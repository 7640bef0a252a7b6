import Fluent
import FazhiCore
import Vapor

/// REPORT.md `notary.matters` counted from the records: matters whose certificate was issued in the range, on the day
/// of issue (the rollup holds the same from `NotaryRules.contributions`; `--recount` compares them).
enum NotaryMetrics {
    static let all: [MetricComputation] = [
        MetricComputation(key: "notary.matters", rolledUp: true, records: { issued($0) }) { query in
            .count(try await issued(query).count())
        },
    ]

    static func issued(_ query: ReportQuery) -> QueryBuilder<CaseRecord> {
        query.cases(.notary).filter(\.$state == NotaryState.issued.rawValue)
            .filter(\.$concludedOn >= query.from).filter(\.$concludedOn <= query.through)
    }
}
