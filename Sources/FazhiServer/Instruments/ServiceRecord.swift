import Fluent
import FazhiCore
import SQLKit
import Vapor

/// The proof that one version of a document was served on one recipient (送达回证): how, when it left, when it was
/// received. Kept with the case; never edited (a wrong record is answered by a new one, both audited).
final class ServiceRecord: Model, @unchecked Sendable {
    static let schema = "instrument_services"

    @ID(key: .id) var id: UUID?
    @Parent(key: "instrument_id") var instrument: InstrumentRecord
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "recipient_role") var recipientRole: String
    @Field(key: "recipient_name") var recipientName: String
    @Enum(key: "method") var method: ServiceMethod
    @OptionalField(key: "sent_on") var sentOn: String?
    @Field(key: "served_on") var servedOn: String
    @OptionalField(key: "tracking_number") var trackingNumber: String?
    @OptionalField(key: "note") var note: String?
    /// The event the service recorded on the case (e.g. `deliverCopy`), if it recorded one.
    @OptionalField(key: "event_kind") var eventKind: String?
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    var recipient: ServiceRecipient { ServiceRecipient(role: recipientRole, name: recipientName) }
}

/// A proof of service as the API shows it.
struct ServiceBody: Content {
    let id: UUID
    let instrumentID: UUID
    let recipientRole: String
    let recipientName: String
    let method: ServiceMethod
    let methodLabel: String
    let sentOn: String?
    let servedOn: String
    let trackingNumber: String?
    let note: String?
    /// The event recorded on the case with it (e.g. `deliverCopy`: the respondent's reply period now runs from the day
    /// served), if any.
    let eventKind: String?
    let recordedBy: String
    let recordedAt: Date

    init(_ record: ServiceRecord) {
        id = record.id!
        instrumentID = record.$instrument.id
        recipientRole = record.recipientRole
        recipientName = record.recipientName
        method = record.method
        methodLabel = record.method.label
        sentOn = record.sentOn
        servedOn = record.servedOn
        trackingNumber = record.trackingNumber
        note = record.note
        eventKind = record.eventKind
        recordedBy = record.recordedBy
        recordedAt = record.recordedAt
    }
}

/// 2026-12-04: proofs of service of issued documents, and the day each document is dated (the day printed on it, which
/// a service cannot precede; documents issued before this migration are dated the day they were issued).
struct CreateInstrumentServices: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("instrument_services")
            .id()
            .field("instrument_id", .uuid, .required, .references("instruments", "id", onDelete: .cascade))
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("recipient_role", .string, .required)
            .field("recipient_name", .string, .required)
            .field("method", .string, .required)
            .field("sent_on", .string)
            .field("served_on", .string, .required)
            .field("tracking_number", .string)
            .field("note", .string)
            .field("event_kind", .string)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await db.schema("instruments").field("dated_on", .string).update()
        if let sql = db as? SQLDatabase {
            try await sql.create(index: "instrument_services_case_idx").on("instrument_services").column("case_id").run()
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema("instrument_services").delete()
        try await db.schema("instruments").deleteField("dated_on").update()
    }
}
