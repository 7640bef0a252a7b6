import Fluent
import FazhiCore
import SQLKit
import Vapor

/// Writes validated rows of one kind for one org, inside the caller's transaction. Rows go in as multi-row INSERTs
/// of a few thousand (one statement per batch, not one per row: a 100,000-row import is ~50 statements), and rows
/// whose natural key is already stored are skipped, so importing the same file twice adds nothing.
struct RecordWriter {
    let db: Database
    let kind: any RecordKind
    let org: UUID
    let actor: AuditActor

    /// Natural keys of the kind already stored for the org. Read as plain strings through SQLKit: hydrating a Fluent
    /// model per stored row (reflection) cost more than the whole rest of a 100,000-row import.
    func existingKeys() async throws -> Set<String> {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError, reason: "需要 SQL 数据库") }
        let table = kind.family == .ledger ? LedgerEntry.schema : RegisterEntry.schema
        let rows = try await sql.select().column("natural_key").from(table)
            .where("kind", .equal, kind.code).where("org_id", .equal, org).all()
        var keys = Set<String>(minimumCapacity: rows.count)
        for row in rows { keys.insert(try row.decode(column: "natural_key", as: String.self)) }
        return keys
    }

    /// Whether an entry with this natural key is stored for the org (one indexed lookup, for adding one entry).
    func exists(_ naturalKey: String) async throws -> Bool {
        switch kind.family {
        case .ledger:
            try await LedgerEntry.query(on: db).filter(\.$kind == kind.code).filter(\.$org.$id == org)
                .filter(\.$naturalKey == naturalKey).count() > 0
        case .register:
            try await RegisterEntry.query(on: db).filter(\.$kind == kind.code).filter(\.$org.$id == org)
                .filter(\.$naturalKey == naturalKey).count() > 0
        }
    }

    /// Inserts `rows` (already free of stored keys); returns the ids given, in order.
    @discardableResult
    func insert(_ rows: [RecordTableValidator.Row], importID: UUID?) async throws -> [UUID] {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError, reason: "需要 SQL 数据库") }
        let table = kind.family == .ledger ? LedgerEntry.schema : RegisterEntry.schema
        let ownColumns = kind.family == .ledger ? ["occurred_on", "quantity", "title"] : ["name", "active_from", "active_to"]
        let columns = ["id", "kind", "org_id"] + ownColumns + ["fields", "natural_key", "import_id", "created_by", "created_at"]
        // SQLite allows 32,766 bound values per statement, PostgreSQL 65,535.
        let batchSize = 30_000 / columns.count
        let now = Date()
        var ids: [UUID] = []
        ids.reserveCapacity(rows.count)
        var contributions: [MetricContribution] = []
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + batchSize, rows.endIndex)
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<end] {
                let id = UUID()
                ids.append(id)
                var values: [any SQLExpression] = [SQLBind(id), SQLBind(kind.code), SQLBind(org)]
                values += ownValues(row.values)
                values += [SQLBind(LedgerFields.encode(fieldValues(row.values))), SQLBind(row.naturalKey),
                           SQLBind(importID), SQLBind(actor.name), SQLBind(now)]
                insert = insert.values(values)
            }
            // RETURNING says which rows went in (a concurrent writer may have stored the same key): only those count.
            let stored = Set(try await insert.ignoringConflicts(with: ["kind", "org_id", "natural_key"]).returning("natural_key").all()
                .map { try $0.decode(column: "natural_key", as: String.self) })
            if let ledger = kind as? LedgerKind {
                for row in rows[start..<end] where stored.contains(row.naturalKey) {
                    contributions += ledger.contributions(of: row.values, quantity: quantity(row.values))
                }
            }
            start = end
        }
        // The rollup moves in the same transaction as the entries.
        try await MetricRollup.apply(from: [], to: contributions, org: org, on: db)
        return ids
    }

    /// Without a quantity column an entry counts once; an empty optional quantity means none.
    private func quantity(_ values: [String: String]) -> Int {
        kind.column("quantity") == nil ? 1 : Int(values["quantity"] ?? "") ?? 0
    }

    private func ownValues(_ values: [String: String]) -> [any SQLExpression] {
        switch kind.family {
        case .ledger:
            return [SQLBind(values["occurredOn"] ?? ""), SQLBind(quantity(values)), SQLBind(values["title"] ?? "")]
        case .register:
            return [SQLBind(values["name"] ?? ""), SQLBind(values["activeFrom"] ?? ""), SQLBind(values["activeTo"])]
        }
    }

    private func fieldValues(_ values: [String: String]) -> [String: String] {
        let own: Set<String> = ["occurredOn", "quantity", "title", "name", "activeFrom", "activeTo"]
        return values.filter { !own.contains($0.key) }
    }
}
