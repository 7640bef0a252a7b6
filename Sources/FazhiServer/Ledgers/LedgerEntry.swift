import Fluent
import FazhiCore
import Vapor

/// One record of a ledger (台账): a training held, a screening done. Its kind says which line it belongs to, so it
/// is read through `Scope.ledgerEntries(_:on:)` rather than the per-model `Scope.query`.
final class LedgerEntry: Model, @unchecked Sendable {
    static let schema = "ledger_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Parent(key: "org_id") var org: Org
    /// The tenancy key: the org's bureau (`IndexBooksByBureau`), set with the row.
    @OptionalField(key: "bureau_id") var bureauID: UUID?
    /// YYYY-MM-DD: the day it was held or completed, the date a report year counts.
    @Field(key: "occurred_on") var occurredOn: String
    /// Participants, people, or 1: what a `.quantity` measure sums.
    @Field(key: "quantity") var quantity: Int
    @Field(key: "title") var title: String
    /// The kind's other columns as JSON (see `LedgerFields`).
    @Field(key: "fields") var fields: String
    @Field(key: "natural_key") var naturalKey: String
    /// The import this entry came with (its audit row names it); nil when added one by one.
    @OptionalField(key: "import_id") var importID: UUID?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// The values by column name, as the pages and the export show them.
    var values: [String: String] {
        var values = LedgerFields.decode(fields)
        values["occurredOn"] = occurredOn
        values["title"] = title
        values["quantity"] = String(quantity)
        return values
    }
}
