import Fluent
import FazhiCore
import Vapor

/// An agency's 谁执法谁普法 duty report for one year (one per agency and year), with its optional file, and — once the
/// publicity office has reviewed it — the score and comments. The review also writes the `publicity.dutyReport` ledger
/// entry the ranking and the books have always counted (`DutyReports.review`).
final class DutyReport: Model, OrgOwned, @unchecked Sendable {
    static let schema = "publicity_duty_reports"
    static let orgKey = \DutyReport.$org.$id
    static let line: WorkLine? = .publicity

    @ID(key: .id) var id: UUID?
    /// The reporting agency.
    @Parent(key: "org_id") var org: Org
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    @Field(key: "text") var text: String
    /// YYYY-MM-DD: the day it was (last) submitted.
    @Field(key: "submitted_on") var submittedOn: String
    @Field(key: "submitted_by") var submittedBy: String
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
}
