import Fluent
import FluentSQL
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
        let today = ChinaTime.today.description
        let horizon = ChinaTime.today.adding(days: 183).description
        func documents() -> QueryBuilder<NormativeDocumentRecord> { NormativeDocumentRecord.query(on: db).filter(\.$org.$id ~~ orgIDs) }
        let published = try await documents().filter(\.$publishedOn >= from).filter(\.$publishedOn <= through).count()
        let filedOnTime = try await documents().filter(\.$publishedOn >= from).filter(\.$publishedOn <= through)
            .filter(.sql(unsafeRaw: "\"filed_on\" <= \"filing_due\"")).count()
        let unfiled = try await documents().filter(\.$filedOn == nil).filter(\.$filingDue < today).count()
        let uncorrected = try await documents().filter(\.$filingResult == FilingReviewResult.problemFound.rawValue).filter(\.$correctedOn == nil).count()
        let inForce = try await documents().filter(\.$status == NormativeDocumentStatus.inForce.rawValue).count()
        let expiring = try await documents().filter(\.$status == NormativeDocumentStatus.inForce.rawValue).filter(\.$expiresOn != nil)
            .filter(\.$expiresOn <= horizon).count()
        func cell(_ n: Int, _ link: String) -> DashboardPanel.Cell { DashboardPanel.Cell(text: String(n), link: link) }
        return DashboardPanel(title: "规范性文件", blocks: [
            .table(headers: ["本年送审", "本年公布", "按期备案", "现行有效", "逾期未备案", "发现问题未纠正", "半年内到期待清理"],
                   rows: [[cell(reviews, "/normative-reviews?queue=all"), cell(published, "/normative-documents?year=\(year)"),
                           DashboardPanel.Cell(text: "\(filedOnTime)/\(published)"),
                           cell(inForce, "/normative-documents?status=inForce"), cell(unfiled, "/normative-documents?filing=late"),
                           cell(uncorrected, "/normative-documents?filing=uncorrected"), cell(expiring, "/normative-documents/expiring")]],
                   empty: ""),
        ])
    }
}
