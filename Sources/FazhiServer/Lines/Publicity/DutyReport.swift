import Fluent
import FazhiCore
import Vapor

/// An agency's 谁执法谁普法 duty report for one year (one per agency and year), with its optional file, and — once the
/// publicity office has reviewed it — the score and comments. The review also writes the `publicity.dutyReport` ledger
/// entry of the office's books (`DutyReports.review`); the ranking reads the reports themselves, by their own year.
final class DutyReport: Model, OrgOwned, @unchecked Sendable {
    static let schema = "publicity_duty_reports"
    static let orgKey = \DutyReport.$org.$id
    static let bureauKey: KeyPath<DutyReport, OptionalFieldProperty<DutyReport, UUID>>? = \DutyReport.$bureauID
    static let line: WorkLine? = .publicity

    @ID(key: .id) var id: UUID?
    /// The reporting agency.
    @Parent(key: "org_id") var org: Org
    /// The tenancy key: the org's bureau, filled by the database (`TenancyKeyColumn`).
    @OptionalField(key: "bureau_id") var bureauID: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    @Field(key: "text") var text: String
    /// YYYY-MM-DD: the day it was (last) submitted.
    @Field(key: "submitted_on") var submittedOn: String
    @Field(key: "submitted_by") var submittedBy: String
    /// Entered by the office above the agency from a report kept on paper, not submitted by the agency itself: only such
    /// a report may the office replace (`DutyReportRules.replacement`).
    @Field(key: "entered_by_office") var enteredByOffice: Bool
    @OptionalField(key: "file_name") var fileName: String?
    /// The type its bytes are (`UploadType`).
    @OptionalField(key: "file_type") var fileType: String?
    @OptionalField(key: "file_data") var fileData: Data?
    /// YYYY-MM-DD, nil until reviewed.
    @OptionalField(key: "reviewed_on") var reviewedOn: String?
    @OptionalField(key: "score") var score: Int?
    @OptionalField(key: "comments") var comments: String?
    @OptionalField(key: "reviewed_by") var reviewedBy: String?

    init() {}

    var isReviewed: Bool { reviewedOn != nil }

    var submitter: DutyReportRules.Submitter { enteredByOffice ? .office : .agency }
}
