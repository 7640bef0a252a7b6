import Fluent
import Vapor

/// A party of a case (applicant, representative, third party, plaintiff…): a person or an organisation.
/// ID number, phone and address are encrypted at rest (`DataProtection`); the ID number also has a keyed hash
/// so the same person can be found without decrypting every row.
final class PartyRecord: Model, @unchecked Sendable {
    static let schema = "parties"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "role") var role: String
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @OptionalField(key: "id_number_enc") var idNumberEncrypted: String?
    @OptionalField(key: "id_number_hash") var idNumberHash: String?
    @OptionalField(key: "credit_code") var creditCode: String?
    @OptionalField(key: "phone_enc") var phoneEncrypted: String?
    @OptionalField(key: "address_enc") var addressEncrypted: String?

    init() {}
}

extension PartyRecord {
    /// Parties with this ID number, found by its keyed hash under every key in force (during a rotation a row may
    /// still carry the old key's hash, or a legacy one), without decrypting a row.
    static func query(idNumber: String, protection: DataProtection, on db: Database) -> QueryBuilder<PartyRecord> {
        query(on: db).filter(\.$idNumberHash ~~ protection.lookupHashes(idNumber).map { Optional($0) })
    }
}

extension PartyRecord: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $caseRecord, $role, $kind, $name, $idNumberEncrypted, $idNumberHash, $creditCode, $phoneEncrypted, $addressEncrypted] }
}
