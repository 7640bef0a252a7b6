import Fluent
import FazhiCore
import Vapor

extension ReportQuery {
    /// Ledger entries of `kind` dated within the range, in the org subtree.
    func ledgerEntries(_ kind: String) -> QueryBuilder<LedgerEntry> {
        var query = LedgerEntry.query(on: db).filter(\.$kind == kind)
            .filter(\.$occurredOn >= from).filter(\.$occurredOn <= through)
        if let orgIDs { query = query.filter(\.$org.$id ~~ orgIDs) }
        return query
    }

    /// Register entries of `kind` active on the range's last day: begun by then, not yet ended after it.
    func registerEntriesActiveAtEnd(_ kind: String) -> QueryBuilder<RegisterEntry> {
        var query = RegisterEntry.query(on: db).filter(\.$kind == kind).filter(\.$activeFrom <= through)
            .group(.or) { $0.filter(\.$activeTo == nil).filter(\.$activeTo > through) }
        if let orgIDs { query = query.filter(\.$org.$id ~~ orgIDs) }
        return query
    }
}
