import Fluent
import FazhiCore
import Vapor

/// REPORT.md `publicity.exam_units` / `publicity.exam_people`: the units and people of the year's exam results that
/// completed the exam (a person who sat it without completing is in the results, not in the figures).
enum PublicityMetrics {
    /// The canonical text `LedgerFields` stores for a completed result: sorted keys, no spaces.
    static let completedField = "\"completed\":\"是\""

    static func completed(_ query: ReportQuery) -> QueryBuilder<LedgerEntry> {
        query.ledgerEntries(PublicityBooks.examResults.code).filter(\.$fields ~~ completedField)
    }

    static let all: [MetricComputation] = [
        MetricComputation(key: "publicity.exam_units") { query in .count(Set(try await completed(query).all(\.$title)).count) },
        MetricComputation(key: "publicity.exam_people") { query in .count(try await completed(query).rowCount()) },
    ]
}
