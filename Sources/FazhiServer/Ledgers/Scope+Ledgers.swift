import Fluent
import FazhiCore
import Vapor

/// Ledger and register entries carry their line in their kind, not in their model type, so their scope is
/// applied here, from the same `readableOrgIDs` every other list uses: the kind's line decides who reads.
extension Scope {
    func ledgerEntries(_ kind: LedgerKind, on db: Database) -> QueryBuilder<LedgerEntry> {
        LedgerEntry.query(on: db).filter(\.$kind == kind.code).filter(\.$org.$id ~~ Array(readableOrgIDs(kind.line)))
    }

    func registerEntries(_ kind: RegisterKind, on db: Database) -> QueryBuilder<RegisterEntry> {
        RegisterEntry.query(on: db).filter(\.$kind == kind.code).filter(\.$org.$id ~~ Array(readableOrgIDs(kind.line)))
    }

    /// One entry, or 404 when it does not exist or lies outside the user's scope (never 403: no leak).
    func findLedgerEntry(_ kind: LedgerKind, _ id: UUID?, on db: Database) async throws -> LedgerEntry {
        guard let id, let entry = try await ledgerEntries(kind, on: db).filter(\.$id == id).first() else { throw Abort(.notFound) }
        return entry
    }

    func findRegisterEntry(_ kind: RegisterKind, _ id: UUID?, on db: Database) async throws -> RegisterEntry {
        guard let id, let entry = try await registerEntries(kind, on: db).filter(\.$id == id).first() else { throw Abort(.notFound) }
        return entry
    }

    func canRead(_ kind: any BookKind) -> Bool { canRead(kind.line) }
}
