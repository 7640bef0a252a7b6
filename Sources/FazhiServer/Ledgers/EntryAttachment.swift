import Fluent
import FazhiCore
import Vapor

/// A file kept with a ledger or register entry: a photo of an event, a scan that goes with a register entry.
/// Which kinds take files, and of which types, each kind declares (`BookKind.attachmentTypes`). Stored in the database,
/// like a case's attachments, so app nodes hold no files.
final class EntryAttachment: Model, @unchecked Sendable {
    static let schema = "entry_attachments"

    @ID(key: .id) var id: UUID?
    /// `ledger` or `register`: which table `entryID` is in.
    @Field(key: "family") var family: String
    @Field(key: "kind") var kind: String
    @Field(key: "entry_id") var entryID: UUID
    /// The entry's org, so a file is never read outside the entry's scope even by a query that forgot the entry.
    @Parent(key: "org_id") var org: Org
    @Field(key: "filename") var filename: String
    /// The type its bytes are (`UploadType`), never the one the browser claimed.
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_by") var uploadedBy: String
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}
}

/// An entry's file as the API lists it (without its bytes: `url` downloads them).
struct EntryAttachmentBody: Content {
    let id: UUID
    let filename: String
    let contentType: String
    let size: Int
    let sha256: String
    let uploadedBy: String
    let uploadedAt: Date
    let url: String

    init(_ attachment: EntryAttachment) {
        id = attachment.id!
        filename = attachment.filename
        contentType = attachment.contentType
        size = attachment.size
        sha256 = attachment.sha256
        uploadedBy = attachment.uploadedBy
        uploadedAt = attachment.uploadedAt
        url = EntryAttachments.path(family: attachment.family, kind: attachment.kind, entry: attachment.entryID,
                                    attachment: attachment.id!)
    }
}
