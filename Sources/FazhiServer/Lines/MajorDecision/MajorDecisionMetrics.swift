import Fluent
import FazhiCore
import Vapor

/// REPORT.md `decision.legality_reviews` counted from the records: decisions whose legality review (the last one
/// recorded, when a draft found unlawful was reviewed again) gave its opinion in the range.
enum MajorDecisionMetrics {
    static let all: [MetricComputation] = [
        MetricComputation(key: "decision.legality_reviews", rolledUp: true, records: { query in
            let ids = try await reviewed(query)
            return query.cases(.majorDecision).filter(\.$id ~~ (ids.isEmpty ? [UUID()] : ids))
        }) { query in
            .count(try await reviewed(query).count)
        },
    ]

    /// The decisions whose last legality review is dated within the range.
    static func reviewed(_ query: ReportQuery) async throws -> [UUID] {
        var events = CaseEventRecord.query(on: query.db)
            .join(CaseRecord.self, on: \CaseEventRecord.$caseRecord.$id == \CaseRecord.$id)
            .filter(CaseRecord.self, \.$line == .majorDecision)
            .filter(\.$kind == "legalityReview")
        if let orgIDs = query.orgIDs { events = events.filter(CaseRecord.self, \.$org.$id ~~ orgIDs) }
        var last: [UUID: String] = [:]
        for event in try await events.all() {
            let id = event.$caseRecord.id
            if let seen = last[id], seen >= event.occurredOn { continue }
            last[id] = event.occurredOn
        }
        return last.filter { $0.value >= query.from && $0.value <= query.through }.map(\.key)
    }
}
