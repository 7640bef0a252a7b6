import Fluent
import FazhiCore
import Vapor

/// A normative document in the district's register (行政规范性文件库): held at the issuing agency's org, so the
/// agency's staff see their own and the bureau all. Its full text is indexed by two-character grams
/// (`NormativeDocumentIndex`) in the transaction that writes it.
final class NormativeDocumentRecord: Model, OrgOwned, @unchecked Sendable {
    static let schema = "normative_documents"
    static let orgKey = \NormativeDocumentRecord.$org.$id
    static let bureauKey: KeyPath<NormativeDocumentRecord, OptionalFieldProperty<NormativeDocumentRecord, UUID>>? =
        \NormativeDocumentRecord.$bureauID
    static let line: WorkLine? = .normativeDocument

    @ID(key: .id) var id: UUID?
    /// The issuing agency.
    @Parent(key: "org_id") var org: Org
    /// The tenancy key: the org's bureau, filled by the database (`TenancyKeyColumn`).
    @OptionalField(key: "bureau_id") var bureauID: UUID?
    @Field(key: "agency_name") var agencyName: String
    /// 文号, e.g. 东政规〔2024〕3号: unique in the register.
    @Field(key: "number") var number: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    /// Title and body normalised (`BigramText.normalize`): what the phrase check of a search reads.
    @Field(key: "search_text") var searchText: String
    /// Distinct grams of the text: the size the similarity of two documents is measured against.
    @Field(key: "gram_total") var gramTotal: Int
    /// YYYY-MM-DD.
    @OptionalField(key: "adopted_on") var adoptedOn: String?
    @Field(key: "published_on") var publishedOn: String
    @Field(key: "effective_on") var effectiveOn: String
    /// The last day of validity (有效期至); nil for a document without a fixed period.
    @OptionalField(key: "expires_on") var expiresOn: String?
    @Field(key: "status") var status: String
    /// The day filing is due (备案期限): published plus the filing period in force then.
    @Field(key: "filing_due") var filingDue: String
    @OptionalField(key: "filed_on") var filedOn: String?
    /// The filing review (备案审查): its result, the day and the problems found.
    @OptionalField(key: "filing_result") var filingResult: String?
    @OptionalField(key: "filing_reviewed_on") var filingReviewedOn: String?
    @OptionalField(key: "filing_problem") var filingProblem: String?
    /// The day the problems found were corrected (有错必纠).
    @OptionalField(key: "corrected_on") var correctedOn: String?
    /// The legality review the draft went through, if registered here.
    @OptionalField(key: "review_case_id") var reviewCaseID: UUID?
    /// The numbers of the documents it amends or repeals, one per line.
    @Field(key: "supersedes") var supersedes: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var documentStatus: NormativeDocumentStatus { NormativeDocumentStatus(rawValue: status) ?? .inForce }

    /// Filing not done by its due day (有件必备 not met), as of `today`.
    func filingLate(today: CivilDate) -> Bool {
        if let filedOn { return filedOn > filingDue }
        return today.description > filingDue
    }
}

/// One step in a document's history: registered, filed, reviewed on filing, corrected, amended, repealed, expired,
/// evaluated, a clean-up decision.
final class NormativeDocumentHistory: Model, @unchecked Sendable {
    static let schema = "normative_document_history"

    @ID(key: .id) var id: UUID?
    @Parent(key: "document_id") var document: NormativeDocumentRecord
    @Field(key: "occurred_on") var occurredOn: String
    @Field(key: "summary") var summary: String
    @Field(key: "actor") var actor: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    init(documentID: UUID, on date: String, summary: String, actor: String) {
        self.id = UUID()
        self.$document.id = documentID
        self.occurredOn = date
        self.summary = summary
        self.actor = actor
        self.recordedAt = Date()
    }
}

/// A post-evaluation (后评估) of a document in force: its conclusion, counted on the day it was completed.
final class NormativePostEvaluation: Model, @unchecked Sendable {
    static let schema = "normative_post_evaluations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "document_id") var document: NormativeDocumentRecord
    /// The document's org, so the figures count within an org subtree without a join.
    @Parent(key: "org_id") var org: Org
    @Field(key: "completed_on") var completedOn: String
    @Field(key: "conclusion") var conclusion: String

    init() {}
}

/// A special clean-up campaign (专项清理): the documents in its scope, each with a decision; it closes — and counts —
/// when every one is decided.
final class NormativeCleanupCampaign: Model, @unchecked Sendable {
    static let schema = "normative_cleanup_campaigns"

    @ID(key: .id) var id: UUID?
    /// The office running it.
    @Parent(key: "org_id") var org: Org
    @Field(key: "title") var title: String
    @Field(key: "started_on") var startedOn: String
    @OptionalField(key: "closed_on") var closedOn: String?

    init() {}
}

/// A document in a campaign's scope and the decision on it.
final class NormativeCleanupItem: Model, @unchecked Sendable {
    static let schema = "normative_cleanup_items"

    @ID(key: .id) var id: UUID?
    @Parent(key: "campaign_id") var campaign: NormativeCleanupCampaign
    @Parent(key: "document_id") var document: NormativeDocumentRecord
    @OptionalField(key: "decision") var decision: String?
    @OptionalField(key: "decided_on") var decidedOn: String?
    @OptionalField(key: "note") var note: String?

    init() {}
}

/// The draft a legality review was submitted with: its text, kept beside the case (an event carries only the title).
final class NormativeReviewDraft: Model, @unchecked Sendable {
    static let schema = "normative_review_drafts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "text") var text: String

    init() {}

    init(caseID: UUID, text: String) {
        self.id = UUID()
        self.$caseRecord.id = caseID
        self.text = text
    }
}

extension NormativeReviewDraft: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $caseRecord, $text] }
}
