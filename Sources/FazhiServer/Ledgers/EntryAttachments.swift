import Fluent
import FluentSQL
import FazhiCore
import Vapor

/// The files of one kind's entries, within the signed-in user's scope: those who read the entry (its kind's line at its
/// org) list and download them, those who may record the kind there add and remove them. The one place the entry's page,
/// the API and the demo go through.
struct EntryAttachments {
    /// Files one entry may carry: an event's photos, not its album.
    static let maxPerEntry = 30

    let db: Database
    let scope: Scope
    let kind: any BookKind

    private var book: BookEntries { BookEntries(db: db, scope: scope, kind: kind) }

    /// Where a file downloads: under its entry's page, so the entry's scope is asked first.
    static func path(family: String, kind: String, entry: UUID, attachment: UUID) -> String {
        "/\(BookFamily(rawValue: family)?.pathSegment ?? family)/\(kind)/\(entry)/attachments/\(attachment)"
    }

    /// The entry (404 outside the scope) and its files, oldest first, without their bytes (`data` is not loaded: up to
    /// 30 files of 20 MB each are read only one at a time, when one is downloaded).
    func list(_ entryID: UUID?) async throws -> (entry: BookEntries.Listed, attachments: [EntryAttachment]) {
        let entry = try await book.find(entryID)
        let attachments = try await query(entry)
            .field(\.$id).field(\.$family).field(\.$kind).field(\.$entryID).field(\.$org.$id).field(\.$filename).field(\.$contentType)
            .field(\.$size).field(\.$sha256).field(\.$uploadedBy).field(\.$uploadedAt)
            .sort(\.$uploadedAt).sort(\.$id).all()
        return (entry, attachments)
    }

    /// Keeps `file` with the entry: 404 outside the scope, 403 without the right to record the kind at the entry's org,
    /// then 422 on `file` when the kind takes no files, or the file is missing, over `Attachments.maxSize`, or its bytes
    /// are not one of the kind's types and the type its name says (`UploadCheck`).
    func attach(_ file: File?, to entryID: UUID?, actor: AuditActor) async throws -> EntryAttachment {
        let entry = try await book.find(entryID)
        try book.requireAct(at: entry.orgID)
        guard kind.acceptsAttachments else { throw FieldError(field: "file", message: "\(kind.name)不收附件") }
        let (file, type) = try UploadCheck.check(file, maxSize: Attachments.maxSize, accepted: kind.attachmentTypes)
        return try await Self.store(Data(buffer: file.data), filename: file.filename, type: type, kind: kind,
                                    entry: entry.id, org: entry.orgID, actor: actor, on: db)
    }

    /// One file of the entry for download (404 when either is outside the scope or the file is another entry's). A photo
    /// can show people and a scan their data, so each download is audited, as a case's attachments are.
    func download(_ id: UUID?, of entryID: UUID?, actor: AuditActor) async throws -> EntryAttachment {
        let entry = try await book.find(entryID)
        guard let id, let attachment = try await query(entry).filter(\.$id == id).first() else { throw Abort(.notFound) }
        try await AuditLog.record(on: db, actor: actor, action: "download", entityType: kind.family.rawValue + "Entry",
                                  entityID: entry.id.uuidString, before: nil, after: Self.audited(attachment))
        return attachment
    }

    /// Removes a file uploaded by mistake; the audit row keeps its name and digest.
    func remove(_ id: UUID?, of entryID: UUID?, actor: AuditActor) async throws {
        let entry = try await book.find(entryID)
        try book.requireAct(at: entry.orgID)
        guard let id, let attachment = try await query(entry).filter(\.$id == id).first() else { throw Abort(.notFound) }
        let kind = self.kind
        try await db.transaction { tx in
            try await EntryAttachment.query(on: tx).filter(\.$id == id).delete()
            try await AuditLog.record(on: tx, actor: actor, action: "detach", entityType: kind.family.rawValue + "Entry",
                                      entityID: entry.id.uuidString, before: Self.audited(attachment), after: nil)
        }
    }

    /// Writes a checked file with its audit row, in one transaction; at most `maxPerEntry` an entry (422 on `file`).
    /// The demo stores its photos through here too. The count and the insert must not interleave with another upload's: on
    /// PostgreSQL the entry's row is locked first (`SELECT … FOR UPDATE`), so concurrent uploads to one entry count one
    /// after another; SQLite's transactions already run one at a time (`SQLiteWriter`, `BEGIN IMMEDIATE`).
    static func store(_ data: Data, filename: String, type: UploadType, kind: any BookKind, entry: UUID, org: UUID,
                      actor: AuditActor, on db: Database) async throws -> EntryAttachment {
        let attachment = EntryAttachment()
        attachment.id = UUID()
        attachment.family = kind.family.rawValue
        attachment.kind = kind.code
        attachment.entryID = entry
        attachment.$org.id = org
        attachment.filename = String(filename.suffix(200))
        attachment.contentType = type.contentType
        attachment.size = data.count
        attachment.sha256 = SHA256.hash(data: data).hexString
        attachment.data = data
        attachment.uploadedBy = actor.name
        attachment.uploadedAt = Date()
        try await db.transaction { tx in
            try await lockEntry(entry, of: kind, on: tx)
            let count = try await EntryAttachment.query(on: tx).filter(\.$entryID == entry).count()
            guard count < maxPerEntry else {
                throw FieldError(field: "file", message: "每条\(kind.name)最多保存\(maxPerEntry)个附件")
            }
            try await attachment.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "attach", entityType: kind.family.rawValue + "Entry",
                                      entityID: entry.uuidString, before: nil, after: audited(attachment))
        }
        return attachment
    }

    /// Locks the entry's row until the transaction ends, on PostgreSQL (SQLite has one writer at a time).
    private static func lockEntry(_ entry: UUID, of kind: any BookKind, on tx: Database) async throws {
        let sql = try tx.sql
        guard sql.dialect.name == "postgresql" else { return }
        let table = kind.family == .ledger ? LedgerEntry.schema : RegisterEntry.schema
        _ = try await sql.raw("SELECT \(ident: "id") FROM \(ident: table) WHERE \(ident: "id") = \(bind: entry) FOR UPDATE").all()
    }

    /// Removes an entry's files with the entry (in its transaction); what was removed, for its audit row.
    static func removeAll(of entry: UUID, on db: Database) async throws -> [String] {
        let names = try await EntryAttachment.query(on: db).filter(\.$entryID == entry).all(\.$filename)
        try await EntryAttachment.query(on: db).filter(\.$entryID == entry).delete()
        return names
    }

    private func query(_ entry: BookEntries.Listed) -> QueryBuilder<EntryAttachment> {
        EntryAttachment.query(on: db).filter(\.$entryID == entry.id).filter(\.$kind == kind.code).filter(\.$org.$id == entry.orgID)
    }

    private static func audited(_ attachment: EntryAttachment) -> [String: String] {
        ["attachment": attachment.id!.uuidString, "filename": attachment.filename, "sha256": attachment.sha256,
         "contentType": attachment.contentType]
    }
}
