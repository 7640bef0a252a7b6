import Fluent
import Vapor

/// One row of the append-only audit log. `hash` covers the row's content and the previous row's hash,
/// so editing or deleting any row breaks the chain from there on (`fazhi audit verify`).
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(custom: "seq", generatedBy: .database) var id: Int?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "entity_type") var entityType: String
    @Field(key: "entity_id") var entityID: String
    @Field(key: "before") var before: String
    @Field(key: "after") var after: String
    @Field(key: "prev_hash") var prevHash: String
    @Field(key: "hash") var hash: String
    /// The bureau of a write by an actor confined to one (`AuditActor.bureau`), else nil: what `DataVersion` keys a
    /// district's kept counts by. Outside the hash: it decides only when a count is made afresh, and the rows written
    /// before it was kept have none (`KeyAuditLogByBureau`).
    @OptionalField(key: "bureau_id") var bureauID: UUID?

    init() {}
}
