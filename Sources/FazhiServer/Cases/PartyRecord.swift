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
    /// An organisation's legal representative or principal (法定代表人或主要负责人), as on its business licence.
    @OptionalField(key: "legal_representative") var legalRepresentative: String?

    init() {}
}

/// 2026-12-04: an organisation's legal representative, which the model texts print under its name.
struct AddPartyLegalRepresentatives: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("parties").field("legal_representative", .string).update()
    }

    func revert(on db: Database) async throws {
        try await db.schema("parties").deleteField("legal_representative").update()
    }
}

extension PartyRecord {
    /// Parties with this ID number, found by its keyed hash under every key in force (during a rotation a row may
    /// still carry the old key's hash, or a legacy one), without decrypting a row.
    static func query(idNumber: String, protection: DataProtection, on db: Database) -> QueryBuilder<PartyRecord> {
        query(on: db).filter(\.$idNumberHash ~~ protection.lookupHashes(idNumber).map { Optional($0) })
    }
}

extension PartyRecord: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $caseRecord, $role, $kind, $name, $idNumberEncrypted, $idNumberHash, $creditCode, $phoneEncrypted, $addressEncrypted, $legalRepresentative] }
}
