import Fluent
import FazhiCore
import Vapor

/// The `normative_docs.*` figures of REPORT.md counted from the records: reviews on the day of their opinion (also kept
/// in the rollup from `NormativeDocumentRules.contributions`), filings on the day filed, post-evaluations on the day
/// completed, clean-up campaigns on the day closed.
enum NormativeDocumentMetrics {
    static let all: [MetricComputation] = [
        MetricComputation(key: "normative_docs.legality_reviews", rolledUp: true, records: { query in
            let ids = try await query.eventQuery(.normativeDocument, kinds: ["giveOpinion"]).all().map(\.$caseRecord.id)
            return query.cases(.normativeDocument).filter(\.$id ~~ (ids.isEmpty ? [UUID()] : ids))
        }) { query in
            .count(try await query.eventQuery(.normativeDocument, kinds: ["giveOpinion"]).count())
        },
        MetricComputation(key: "normative_docs.filings") { query in
            .count(try await filed(query).count())
        },
        MetricComputation(key: "normative_docs.post_evaluations") { query in
            var evaluations = NormativePostEvaluation.query(on: query.db)
                .filter(\.$completedOn >= query.from).filter(\.$completedOn <= query.through)
            if let orgIDs = query.orgIDs { evaluations = evaluations.filter(\.$org.$id ~~ orgIDs) }
            return .count(try await evaluations.count())
        },
        MetricComputation(key: "normative_docs.cleanups") { query in
            var campaigns = NormativeCleanupCampaign.query(on: query.db)
                .filter(\.$closedOn >= query.from).filter(\.$closedOn <= query.through)
            if let orgIDs = query.orgIDs { campaigns = campaigns.filter(\.$org.$id ~~ orgIDs) }
            return .count(try await campaigns.count())
        },
    ]

    /// Documents filed within the range.
    static func filed(_ query: ReportQuery) -> QueryBuilder<NormativeDocumentRecord> {
        var documents = NormativeDocumentRecord.query(on: query.db).filter(\.$filedOn >= query.from).filter(\.$filedOn <= query.through)
        if let orgIDs = query.orgIDs { documents = documents.filter(\.$org.$id ~~ orgIDs) }
        return documents
    }
}

/// Normative documents on the leaders' dashboard: the year's reviews, filings (on time or late) and what the register
/// holds — in force, filed late or not yet, problems found and not yet corrected, due for clean-up — each linked to its list.
enum NormativeDocumentDashboard {
    static func panel(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> DashboardPanel {
        guard !orgIDs.isEmpty else { return DashboardPanel(title: "规范性文件", blocks: []) }
        let from = "\(year)-01-01", through = "\(year)-12-31"
        let reviews = try await CaseRecord.query(on: db).filter(\.$line == .normativeDocument).filter(\.$org.$id ~~ orgIDs)
            .filter(\.$receivedOn >= from).filter(\.$receivedOn <= through).count()
        let documents = try await NormativeDocumentRecord.query(on: db).filter(\.$org.$id ~~ orgIDs)
            .field(\.$id).field(\.$publishedOn).field(\.$filedOn).field(\.$filingDue).field(\.$status).field(\.$expiresOn)
            .field(\.$filingResult).field(\.$correctedOn).all()
        let today = ChinaTime.today.description
        let horizon = ChinaTime.today.adding(days: 183).description
        let yearDocs = documents.filter { $0.publishedOn >= from && $0.publishedOn <= through }
        let filedOnTime = yearDocs.filter { ($0.filedOn ?? "9999") <= $0.filingDue }.count
        let unfiled = documents.filter { $0.filedOn == nil && $0.filingDue < today }.count
        let uncorrected = documents.filter { $0.filingResult == FilingReviewResult.problemFound.rawValue && $0.correctedOn == nil }.count
        let inForce = documents.filter { $0.status == NormativeDocumentStatus.inForce.rawValue }
        let expiring = inForce.filter { ($0.expiresOn ?? "9999") <= horizon }.count
        func cell(_ n: Int, _ link: String) -> DashboardPanel.Cell { DashboardPanel.Cell(text: String(n), link: link) }
        return DashboardPanel(title: "规范性文件", blocks: [
            .table(headers: ["本年送审", "本年公布", "按期备案", "现行有效", "逾期未备案", "发现问题未纠正", "半年内到期待清理"],
                   rows: [[cell(reviews, "/normative-reviews?queue=all"), cell(yearDocs.count, "/normative-documents?year=\(year)"),
                           DashboardPanel.Cell(text: "\(filedOnTime)/\(yearDocs.count)"),
                           cell(inForce.count, "/normative-documents?status=inForce"), cell(unfiled, "/normative-documents?filing=late"),
                           cell(uncorrected, "/normative-documents?filing=uncorrected"), cell(expiring, "/normative-documents/expiring")]],
                   empty: ""),
        ])
    }
}
