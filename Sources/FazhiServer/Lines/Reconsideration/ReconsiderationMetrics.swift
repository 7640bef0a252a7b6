import Fluent
import FazhiCore
import Vapor

/// The reconsideration figures of REPORT.md, counted from cases, deadlines and events.
enum ReconsiderationMetrics {
    static let conclusionOutcomes = ReconsiderationOutcome.allCases.map(\.rawValue)
    static let mediatedOutcomes = ReconsiderationOutcome.allCases.filter(\.isMediated).map(\.rawValue)
    static let corrections = ReconsiderationOutcome.allCases.filter(\.isCorrection).map(\.rawValue)
    static let merits = ReconsiderationOutcome.allCases.filter(\.isMerits).map(\.rawValue)
    static let decisionRules = ["reconsideration.decision", "reconsideration.decision.simplified"]

    static let all: [MetricComputation] = [
        MetricComputation(key: "reconsideration.received", rolledUp: true, records: { received($0) }) { query in
            .count(try await received(query).count())
        },
        MetricComputation(key: "reconsideration.concluded", rolledUp: true, records: { concluded($0) }) { query in
            .count(try await concluded(query).count())
        },
        MetricComputation(key: "reconsideration.mediated", rolledUp: true,
                          records: { concluded($0).filter(\.$outcome ~~ mediatedOutcomes) }) { query in
            .count(try await concluded(query).filter(\.$outcome ~~ mediatedOutcomes).count())
        },
        MetricComputation(key: "reconsideration.on_time_rate", rolledUp: true, records: { concluded($0) }) { query in
            let ids = try await concluded(query).all(\.$id)
            guard !ids.isEmpty else { return .rate(numerator: 0, denominator: 0) }
            let deadlines = try await CaseDeadlineRecord.query(on: query.db)
                .filter(\.$caseRecord.$id ~~ ids).filter(\.$ruleKey ~~ decisionRules).all()
            let onTime = deadlines.filter { deadline in
                guard let completed = deadline.completedOn else { return false }
                return completed <= deadline.dueOn
            }.count
            return .rate(numerator: onTime, denominator: ids.count)
        },
        MetricComputation(key: "reconsideration.correction_rate", rolledUp: true,
                          records: { concluded($0).filter(\.$outcome ~~ merits) }) { query in
            let decided = try await concluded(query).filter(\.$outcome ~~ merits).all(\.$outcome)
            return .rate(numerator: decided.filter { corrections.contains($0 ?? "") }.count, denominator: decided.count)
        },
        MetricComputation(key: "reconsideration.opinion_letters", rolledUp: true, records: { query in
            let ids = try await query.events(.reconsideration, kinds: ["issueOpinionLetter"]).map { $0.$caseRecord.id }
            return query.cases(.reconsideration).filter(\.$id ~~ Array(Set(ids)))
        }) { query in
            .count(try await query.events(.reconsideration, kinds: ["issueOpinionLetter"]).count)
        },
    ]

    /// Applications received in the range, whatever became of them.
    static func received(_ query: ReportQuery) -> QueryBuilder<CaseRecord> {
        query.cases(.reconsideration).filter(\.$receivedOn >= query.from).filter(\.$receivedOn <= query.through)
    }

    /// 审结: accepted cases concluded in the range, whenever they were accepted (含结转).
    static func concluded(_ query: ReportQuery) -> QueryBuilder<CaseRecord> {
        query.cases(.reconsideration).filter(\.$acceptedOn != nil)
            .filter(\.$concludedOn >= query.from).filter(\.$concludedOn <= query.through)
            .filter(\.$outcome ~~ conclusionOutcomes)
    }
}
