import Fluent
import FazhiCore
import SQLKit
import Vapor

/// REPORT.md `enforcement.*` counted from the records of the range, in the org subtree (computed each time: the figures
/// are small): trainings and inspections held, the entrepreneur supervisors who joined them, and the empowered matters
/// the evaluation proposed for recall (distinct categories, items).
enum EnforcementMetrics {
    static let all: [MetricComputation] = [
        MetricComputation(key: "enforcement.trainings") { query in
            var trainings = EnforcementTraining.query(on: query.db).filter(\.$heldOn >= query.from).filter(\.$heldOn <= query.through)
            if let orgIDs = query.orgIDs { trainings = trainings.filter(\.$org.$id ~~ orgIDs) }
            return .count(try await trainings.count())
        },
        MetricComputation(key: "enforcement.supervisions") { query in .count(try await inspections(query).count()) },
        MetricComputation(key: "enforcement.entrepreneur_supervisor_participations") { query in
            .count(try await participations(query))
        },
        MetricComputation(key: "enforcement.empowerment_recall_categories") { query in
            .count(Set(try await proposedForRecall(query).all(\.$fields).compactMap { LedgerFields.decode($0)["category"] }).count)
        },
        MetricComputation(key: "enforcement.empowerment_recall_items") { query in
            // One per item and street: an item evaluated twice in the year is one proposal.
            .count(Set(try await proposedForRecall(query).all().map { "\($0.title)|\(LedgerFields.decode($0.fields)["street"] ?? "")" }).count)
        },
    ]

    static let keep = "保留"
    static let recall = "建议回收"

    /// The evaluations of the range that propose recall (the fields are stored as canonical JSON, `LedgerFields`).
    static func proposedForRecall(_ query: ReportQuery) -> QueryBuilder<LedgerEntry> {
        query.ledgerEntries(EnforcementSupervisionBooks.evaluations.code).filter(\.$fields ~~ "\"result\":\"\(recall)\"")
    }

    static func inspections(_ query: ReportQuery) -> QueryBuilder<EnforcementInspection> {
        var inspections = EnforcementInspection.query(on: query.db).filter(\.$heldOn >= query.from).filter(\.$heldOn <= query.through)
        if let orgIDs = query.orgIDs { inspections = inspections.filter(\.$org.$id ~~ orgIDs) }
        return inspections
    }

    /// Entrepreneur supervisors who joined the range's inspections, one per supervisor and inspection (人次).
    static func participations(_ query: ReportQuery) async throws -> Int {
        if let orgIDs = query.orgIDs, orgIDs.isEmpty { return 0 }
        let scope: SQLQueryString = query.orgIDs.map { " AND \(ident: "i").\(ident: "org_id") IN (\(binds: $0))" } ?? ""
        let row = try await query.db.sql.raw("""
            SELECT COUNT(*) AS \(ident: "n") FROM \(ident: InspectionSupervisor.schema) \(ident: "s") \
            JOIN \(ident: EnforcementInspection.schema) \(ident: "i") ON \(ident: "i").\(ident: "id") = \(ident: "s").\(ident: "inspection_id") \
            WHERE \(ident: "i").\(ident: "held_on") >= \(bind: query.from) AND \(ident: "i").\(ident: "held_on") <= \(bind: query.through)\(scope)
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}
