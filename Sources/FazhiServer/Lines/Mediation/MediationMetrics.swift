import Fluent
import FazhiCore
import SQLKit
import Vapor

/// The `mediation.*` figures of REPORT.md counted from the records: disputes resolved on the day of their agreement
/// (apart from those the labour-arbitration commission entrusted to lawyer mediation), and committees founded in the
/// year. Screenings come from their ledger (`MediationScreenings.kind`).
enum MediationMetrics {
    static let resolvedStates = [MediationState.resolved.rawValue]

    static let all: [MetricComputation] = [
        MetricComputation(key: "mediation.resolved", rolledUp: true, records: { resolved($0, labour: false) }) { query in
            .count(try await resolved(query, labour: false).rowCount())
        },
        MetricComputation(key: "mediation.labor_arbitration_mediated", rolledUp: true, records: { resolved($0, labour: true) }) { query in
            .count(try await resolved(query, labour: true).rowCount())
        },
        MetricComputation(key: "mediation.committees_founded") { query in
            .count(try await founded(query).count())
        },
    ]

    /// Disputes resolved (agreed) in the range, from labour arbitration or not.
    static func resolved(_ query: ReportQuery, labour: Bool) -> QueryBuilder<CaseRecord> {
        let source = DisputeSource.laborArbitration
        return query.cases(.mediation)
            .join(MediationDetail.self, on: \CaseRecord.$id == \MediationDetail.$caseRecord.$id)
            .filter(\.$state ~~ resolvedStates)
            .filter(\.$concludedOn >= query.from).filter(\.$concludedOn <= query.through)
            .filter(MediationDetail.self, \.$source, labour ? .equal : .notEqual, source)
    }

    /// Committees founded in the range within the org subtree.
    static func founded(_ query: ReportQuery) -> QueryBuilder<CommitteeProfile> {
        var founded = CommitteeProfile.query(on: query.db).filter(\.$foundedOn >= query.from).filter(\.$foundedOn <= query.through)
        if let orgIDs = query.orgIDs { founded = founded.filter(\.$org.$id ~~ orgIDs) }
        return founded
    }
}
