import Fluent
import FazhiCore
import Vapor

/// A formal document issued in a case, archived with it: the .docx and the printable HTML as generated.
/// Regenerating never overwrites: it adds a new version and marks the older one superseded.
final class InstrumentRecord: Model, @unchecked Sendable {
    static let schema = "instruments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "org_id") var orgID: UUID
    @Enum(key: "line") var line: WorkLine
    /// Code name of the kind, e.g. `acceptanceNotice`.
    @Field(key: "kind") var kind: String
    /// The document's title, e.g. 受理通知书.
    @Field(key: "title") var title: String
    /// The document number printed on it (the case number).
    @Field(key: "number") var number: String
    @Field(key: "version") var version: Int
    @Field(key: "superseded") var superseded: Bool
    @Field(key: "issued_at") var issuedAt: Date
    @Field(key: "issued_by") var issuedBy: String
    /// The day printed on the document (`yyyy-MM-dd`); nil for documents issued before it was kept.
    @OptionalField(key: "dated_on") var datedOn: String?
    @Field(key: "docx") var docx: Data
    @Field(key: "html") var html: String

    init() {}

    /// The day the document is dated: the day printed on it, or the day it was issued.
    var dated: CivilDate { datedOn.flatMap(CivilDate.init(string:)) ?? ChinaTime.day(of: issuedAt) }
}

struct InstrumentBody: Content {
    let id: UUID
    let kind: String
    let title: String
    let number: String
    let version: Int
    let superseded: Bool
    let issuedAt: Date
    let issuedBy: String
    /// The day printed on the document.
    let datedOn: String
    let docxURL: String
    let printURL: String

    init(_ record: InstrumentRecord) {
        id = record.id!
        kind = record.kind
        title = record.title
        number = record.number
        version = record.version
        superseded = record.superseded
        issuedAt = record.issuedAt
        issuedBy = record.issuedBy
        datedOn = record.dated.description
        docxURL = "/instruments/\(record.id!).docx"
        printURL = "/instruments/\(record.id!)"
    }
}
