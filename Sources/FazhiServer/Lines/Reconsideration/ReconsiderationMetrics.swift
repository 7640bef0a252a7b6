import Fluent
import FazhiCore
import Vapor

/// The reconsideration figures of REPORT.md, counted from cases, deadlines and events by the database (`COUNT(*)`,
/// `GROUP BY`), each one query answered from indexes alone (`IndexReconsiderationDashboard`,
/// `IndexReconsiderationConclusions`, `IndexCaseCounts`): `fazhi report --recount` recomputes them all, and reading
/// the rows behind them (a deadline's is ~1 KB) took 2.8 s at 10⁵ cases on SQLite.
enum ReconsiderationMetrics {
    static let conclusionOutcomes = ReconsiderationOutcome.allCases.map(\.rawValue)
    static let mediatedOutcomes = ReconsiderationOutcome.allCases.filter(\.isMediated).map(\.rawValue)
    static let corrections = ReconsiderationOutcome.allCases.filter(\.isCorrection).map(\.rawValue)
    static let merits = ReconsiderationOutcome.allCases.filter(\.isMerits).map(\.rawValue)
    static let decisionRules = ["reconsideration.decision", "reconsideration.decision.simplified"]

    static let all: [MetricComputation] = [
        MetricComputation(key: "reconsideration.received", rolledUp: true, records: { received($0) }, byAgency: { query in
            Dictionary(uniqueKeysWithValues: try await received(query).counts(by: \.$agency.$id).compactMap { id, count in id.map { ($0, (count, 0)) } })
        }) { query in
            .count(try await received(query).rowCount())
        },
        MetricComputation(key: "reconsideration.concluded", rolledUp: true, records: { concluded($0) }) { query in
            .count(try await concluded(query).rowCount())
        },
        MetricComputation(key: "reconsideration.mediated", rolledUp: true,
                          records: { concluded($0).filter(\.$outcome ~~ mediatedOutcomes) }) { query in
            .count(try await concluded(query).filter(\.$outcome ~~ mediatedOutcomes).rowCount())
        },
        MetricComputation(key: "reconsideration.on_time_rate", rolledUp: true, records: { concluded($0) }) { query in
            // The decision deadlines of the concluded cases met on time, counted by the database through a join (an
            // id list would exceed PostgreSQL's 65,535 bind parameters at scale; fetching the rows would read them all).
            let onTime = try await CaseDeadlineRecord.query(on: query.db)
                .join(CaseRecord.self, on: \CaseDeadlineRecord.$caseRecord.$id == \CaseRecord.$id)
                .filter(\.$ruleKey ~~ decisionRules)
                .filter(\.$completedOn != nil)
                .filter(\.$completedOn, .lessThanOrEqual, \.$dueOn)
                .group(.and) { concludedFilter($0, query) }
                .rowCount()
            return .rate(numerator: onTime, denominator: try await concluded(query).rowCount())
        },
        MetricComputation(key: "reconsideration.correction_rate", rolledUp: true,
                          records: { concluded($0).filter(\.$outcome ~~ merits) }, byAgency: { query in
            let decided = try await concluded(query).filter(\.$outcome ~~ merits).counts(by: \.$agency.$id)
            let corrected = try await concluded(query).filter(\.$outcome ~~ corrections).counts(by: \.$agency.$id)
            return Dictionary(uniqueKeysWithValues: decided.compactMap { id, count in id.map { ($0, (corrected[$0] ?? 0, count)) } })
        }) { query in
            // One pass: the decided cases per outcome, of which the corrections are the numerator.
            let byOutcome = try await concluded(query).filter(\.$outcome ~~ merits).counts(by: \.$outcome)
            let corrected = byOutcome.filter { corrections.contains($0.key ?? "") }.values.reduce(0, +)
            return .rate(numerator: corrected, denominator: byOutcome.values.reduce(0, +))
        },
        MetricComputation(key: "reconsideration.opinion_letters", rolledUp: true, records: { query in
            let ids = try await query.events(.reconsideration, kinds: ["issueOpinionLetter"]).map { $0.$caseRecord.id }
            return query.cases(.reconsideration).filter(\.$id ~~ Array(Set(ids)))
        }) { query in
            .count(try await query.eventQuery(.reconsideration, kinds: ["issueOpinionLetter"]).rowCount())
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

    /// The same conditions on a query that joins `cases`.
    static func concludedFilter<M: Model>(_ group: QueryBuilder<M>, _ query: ReportQuery) {
        group.filter(CaseRecord.self, \.$line == .reconsideration).filter(CaseRecord.self, \.$acceptedOn != nil)
            .filter(CaseRecord.self, \.$concludedOn >= query.from).filter(CaseRecord.self, \.$concludedOn <= query.through)
            .filter(CaseRecord.self, \.$outcome ~~ conclusionOutcomes)
        if let orgIDs = query.orgIDs { group.filter(CaseRecord.self, \.$org.$id ~~ orgIDs) }
    }
}
