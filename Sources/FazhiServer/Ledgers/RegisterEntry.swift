import Fluent
import FazhiCore
import Vapor

/// One person or body on a register (名册), active from one day until another (or still).
final class RegisterEntry: Model, @unchecked Sendable {
    static let schema = "register_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Parent(key: "org_id") var org: Org
    /// The tenancy key: the org's bureau (`IndexBooksByBureau`), set with the row.
    @OptionalField(key: "bureau_id") var bureauID: UUID?
    @Field(key: "name") var name: String
    @Field(key: "fields") var fields: String
    @Field(key: "natural_key") var naturalKey: String
    /// YYYY-MM-DD, inclusive.
    @Field(key: "active_from") var activeFrom: String
    /// YYYY-MM-DD, the first day no longer active; nil while still active.
    @OptionalField(key: "active_to") var activeTo: String?
    @OptionalField(key: "import_id") var importID: UUID?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var values: [String: String] {
        var values = LedgerFields.decode(fields)
        values["name"] = name
        values["activeFrom"] = activeFrom
        values["activeTo"] = activeTo ?? ""
        return values
    }
}
