import Fluent
import FazhiCore
import FluentSQLiteDriver
import SQLKit
import Vapor

/// Writes validated rows of one kind for one org, inside the caller's transaction: a few statements for a whole
/// import (see `insert`), the metric rollup moved in the same transaction. The caller leaves out rows whose natural
/// key is already stored (`existingKeys`), so importing the same file twice adds nothing.
struct BookWriter {
    let db: Database
    let kind: any BookKind
    let org: UUID
    let actor: AuditActor

    /// Natural keys of the kind already stored for the org. Read as plain strings through SQLKit: hydrating a Fluent
    /// model per stored row (reflection) cost more than the whole rest of a 100,000-row import.
    func existingKeys() async throws -> Set<UTF8Key> {
        let sql = try db.sql
        let table = kind.family == .ledger ? LedgerEntry.schema : RegisterEntry.schema
        let rows = try await sql.select().column("natural_key").from(table)
            .where("kind", .equal, kind.code).where("org_id", .equal, org).all()
        var keys = Set<UTF8Key>(minimumCapacity: rows.count)
        for row in rows { keys.insert(UTF8Key(try row.decode(column: "natural_key", as: String.self))) }
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

    /// Which of `keys` (distinct) are stored for the org: one indexed lookup per key, bound as one JSON array. A streamed
    /// import asks this per chunk; loading every stored key (`existingKeys`) would hold a million keys when a
    /// million-row file is imported a second time. The keys are counted first, so the usual answers, none (a new file)
    /// and all (the same file again), read no rows.
    func storedKeys(among keys: [String]) async throws -> Set<UTF8Key> {
        guard !keys.isEmpty else { return [] }
        let sql = try db.sql
        let table = kind.family == .ledger ? LedgerEntry.schema : RegisterEntry.schema
        var json = "["
        json.reserveCapacity(keys.count * 48)
        for (position, key) in keys.enumerated() {
            if position > 0 { json += "," }
            LedgerFields.appendQuoted(key, to: &json)
        }
        json += "]"
        // A streamed import does not ask PostgreSQL (`skipsStoredKeys`): there, with statistics from before the import,
        // the planner checked each key against every row already written, and a 10⁶-row import's lookups ran for hours.
        let matches = sql.dialect.name == "postgresql"
            ? SQLQueryString("= ANY(ARRAY(SELECT jsonb_array_elements_text(\(bind: json)::jsonb)))")
            : SQLQueryString("IN (SELECT value FROM json_each(\(bind: json)))")
        let matching = SQLQueryString("""
            FROM \(unsafeRaw: "\"\(table)\"") WHERE "kind" = \(bind: kind.code) AND "org_id" = \(bind: org) \
            AND "natural_key" \(matches)
            """)
        let count = try await sql.raw("SELECT count(*) AS \"stored\" \(matching)").first()?.decode(column: "stored", as: Int.self) ?? 0
        if count == 0 { return [] }
        if count == keys.count { return Set(keys.map(UTF8Key.init)) }
        let rows = try await sql.raw("SELECT \"natural_key\" \(matching)").all()
        var stored = Set<UTF8Key>(minimumCapacity: rows.count)
        for row in rows { stored.insert(UTF8Key(try row.decode(column: "natural_key", as: String.self))) }
        return stored
    }

    /// Whether `insert` itself leaves out rows whose key is stored and says which went in (PostgreSQL's `ON CONFLICT
    /// DO NOTHING … RETURNING`), so a caller need not look the keys up first; SQLite refuses a stored key instead.
    var skipsStoredKeys: Bool { (db as? SQLDatabase)?.dialect.name == "postgresql" }

    /// Runs `work` (inserts) with a larger SQLite page cache, and gives the pooled connection its own size back
    /// afterwards, whatever happens: the default cache (2 MB) spills a large import to disk before the commit.
    func withImportCache<T>(_ work: () async throws -> T) async throws -> T {
        guard let sql = db as? SQLDatabase, sql.dialect.name != "postgresql",
              let cacheSize = try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self)
        else { return try await work() }
        try await sql.raw("PRAGMA cache_size = -65536").run()
        let result: T
        do {
            result = try await work()
        } catch {
            try? await sql.raw("PRAGMA cache_size = \(unsafeRaw: String(cacheSize))").run()
            throw error
        }
        try await sql.raw("PRAGMA cache_size = \(unsafeRaw: String(cacheSize))").run()
        return result
    }

    /// Inserts `rows` (already free of stored keys); returns, in the order of `rows`, the id each row was stored
    /// under, or nil for a row another writer stored first (PostgreSQL skips it; SQLite refuses the import, 409).
    ///
    /// The rows travel as one JSON array per 20,000 rows, bound as a single parameter, and the database unpacks it
    /// (`jsonb_each` on SQLite, `jsonb_array_elements` on PostgreSQL): a statement with tens of thousands of bound
    /// values cost more to build and to parse than the inserts themselves. The next batch's JSON is built while the
    /// database writes the current one. Rows go in sorted by natural key, with time-ordered ids, so every index is
    /// written near its end rather than at 100,000 random places.
    func insert(_ rows: [SheetValidator.Row], importID: UUID?) async throws -> [UUID?] {
        var ids = TimeOrderedIDs()
        return try await withImportCache { try await insert(rows, importID: importID, ids: &ids) }
    }

    /// `insert` as a loader files rows (the demo, a generator): with the audit row an import leaves (the kind, the org,
    /// the row count) in the same transaction, so every write to a book is in the log (`CountCache` counts afresh).
    @discardableResult
    func insertLogged(_ rows: [SheetValidator.Row]) async throws -> [UUID?] {
        let stored = try await insert(rows, importID: nil)
        try await AuditLog.record(on: db, actor: actor, action: "import", entityType: kind.family == .ledger ? "ledgerEntry" : "registerEntry",
                                  entityID: kind.code, before: nil, after: ["org": org.uuidString, "rows": String(rows.count)])
        return stored
    }

    /// `insert` for one chunk of a larger import, inside the caller's `withImportCache`: ids come from the caller's
    /// generator, so they grow from chunk to chunk as they do within one.
    func insert(_ rows: [SheetValidator.Row], importID: UUID?, ids: inout TimeOrderedIDs) async throws -> [UUID?] {
        let sql = try db.sql
        let postgres = sql.dialect.name == "postgresql"
        let order = UTF8Key.byteOrder(rows.map(\.naturalKey))
        var given = [UUID](repeating: UUID(), count: rows.count)
        for index in order { given[index] = ids.next() }
        let json = BookJSON(kind: kind, rows: rows, ids: given)
        let batches = stride(from: 0, to: order.count, by: 20_000).map { Array(order[$0..<min($0 + 20_000, order.count)]) }
        let written = try await write(batches, json: json, rows: rows, importID: importID, on: sql, postgres: postgres)

        if let ledger = kind as? LedgerKind {
            // The rollup moves in the same transaction as the entries, by what actually went in.
            let contributions = written.flatMap { ledger.contributions(of: rows[$0].values, quantity: kind.quantity(of: rows[$0].values)) }
            try await MetricRollup.apply(from: [], to: contributions, org: org, on: db)
        }
        var stored = [UUID?](repeating: nil, count: rows.count)
        for index in written { stored[index] = given[index] }
        return stored
    }

    /// Runs the batches; returns the indices of the rows that went in.
    private func write(_ batches: [[Int]], json: BookJSON, rows: [SheetValidator.Row], importID: UUID?,
                       on sql: SQLDatabase, postgres: Bool) async throws -> [Int] {
        let statement = insertStatement(postgres: postgres)
        let now = Date()
        var written: [Int] = []
        var current = batches.first.map(json.array) ?? "[]"
        for (number, batch) in batches.enumerated() {
            async let next = number + 1 < batches.count ? json.array(batches[number + 1]) : ""
            // PostgreSQL types a NULL bind only from a cast.
            let uuid = postgres ? "::uuid" : ""
            let query = sql.raw("""
                \(unsafeRaw: statement.head)\(bind: kind.code), \(bind: org)\(unsafeRaw: uuid), \
                (SELECT "bureau_id" FROM "orgs" WHERE "id" = \(bind: org)\(unsafeRaw: uuid)), \(bind: importID)\(unsafeRaw: uuid), \
                \(bind: actor.name), \(bind: now)\(unsafeRaw: statement.source)\(bind: current)\(unsafeRaw: statement.tail)
                """)
            if postgres {
                // A concurrent import may have stored a key since it was read: RETURNING says which rows went in.
                let stored = Set(try await query.all().map { UTF8Key(try $0.decode(column: "natural_key", as: String.self)) })
                written += batch.filter { stored.contains(UTF8Key(rows[$0].naturalKey)) }
            } else {
                // SQLite lets one writer in at a time, so the keys read in this transaction are the ones the insert
                // meets (a competing writer usually fails with "database is locked" instead). Should a key stored
                // meanwhile still reach the unique index, the whole import is rolled back.
                do {
                    try await query.run()
                } catch let error as SQLiteError where error.reason == .constraint || error.reason == .constraintUniqueFailed {
                    throw Abort(.conflict, reason: "导入期间有人登记了相同的\(kind.name)（\(kind.naturalKeyHeaders)相同）：未写入任何数据，请重新导入")
                }
                written += batch
            }
            current = await next
        }
        return written
    }

    /// `INSERT … SELECT` from the bound JSON array, in the parts around the binds: head, the constants, the source, the
    /// JSON array, tail. Each element is `[id, own columns…, fields, natural key]` (`BookJSON`).
    private func insertStatement(postgres: Bool) -> (head: String, source: String, tail: String) {
        let table = kind.family == .ledger ? LedgerEntry.schema : RegisterEntry.schema
        let own = kind.family == .ledger ? ["occurred_on", "quantity", "title"] : ["name", "active_from", "active_to"]
        let columns = ["id"] + own + ["fields", "natural_key", "kind", "org_id", "bureau_id", "import_id", "created_by", "created_at"]
        let ownTypes = kind.family == .ledger ? ["text", "bigint", "text"] : ["text", "text", "text"]
        let element: (Int, String) -> String = { index, type in
            postgres ? "(r->>\(index))::\(type)" : "r.value->>\(index)"
        }
        let values = [element(0, postgres ? "uuid" : "text")] + ownTypes.enumerated().map { element($0.offset + 1, $0.element) }
            + [element(4, "text"), element(5, "text")]
        let head = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") SELECT "
            + values.joined(separator: ", ") + ", "
        let source = postgres ? " FROM jsonb_array_elements(" : " FROM jsonb_each("
        let tail = postgres ? "::jsonb) AS r ON CONFLICT (\"kind\", \"org_id\", \"natural_key\") DO NOTHING RETURNING \"natural_key\"" : ") AS r"
        return (head, source, tail)
    }
}

/// Rows of one kind as the JSON array `BookWriter` binds: one `[id, own columns…, fields, natural key]` per row.
private struct BookJSON: Sendable {
    let kind: any BookKind
    let rows: [SheetValidator.Row]
    let ids: [UUID]
    /// The kind's own columns go in the `fields` object, under their names in sorted order.
    let fieldNames: [String]

    init(kind: any BookKind, rows: [SheetValidator.Row], ids: [UUID]) {
        self.kind = kind
        self.rows = rows
        self.ids = ids
        fieldNames = kind.columns.map(\.name).filter { !LedgerFields.tableColumns.contains($0) }.sorted()
    }

    /// The rows at `indices`, in that order.
    func array(_ indices: [Int]) -> String {
        var json = "["
        json.reserveCapacity(indices.count * 160)
        for (position, index) in indices.enumerated() {
            if position > 0 { json += "," }
            append(rows[index], id: ids[index], to: &json)
        }
        return json + "]"
    }

    private func append(_ row: SheetValidator.Row, id: UUID, to json: inout String) {
        json += "[\""
        json += id.uuidString
        json += "\","
        switch kind.family {
        case .ledger:
            LedgerFields.appendQuoted(row.values["occurredOn"] ?? "", to: &json)
            json += ","
            json += String(kind.quantity(of: row.values))
            json += ","
            LedgerFields.appendQuoted(row.values["title"] ?? "", to: &json)
        case .register:
            LedgerFields.appendQuoted(row.values["name"] ?? "", to: &json)
            json += ","
            LedgerFields.appendQuoted(row.values["activeFrom"] ?? "", to: &json)
            json += ","
            if let to = row.values["activeTo"] { LedgerFields.appendQuoted(to, to: &json) } else { json += "null" }
        }
        json += ","
        LedgerFields.appendQuoted(LedgerFields.encode(row.values, keys: fieldNames), to: &json)
        json += ","
        LedgerFields.appendQuoted(row.naturalKey, to: &json)
        json += "]"
    }
}
