import Fluent
import FazhiCore
import FluentSQL
import Foundation
import Vapor

/// Rows of any model types collected to be inserted together: each type's rows in multi-row `INSERT`s, types in the
/// order they were first added (so a row is inserted after the rows it refers to, when added after them).
///
/// A case's opening writes its line's rows (detail, parties) through one of these, whether one case is registered or
/// a whole year is generated (`CaseWorkflow.open`, `CaseWorkflow.openMany`): one way to write them.
///
/// Rows are written as they are (a missing id is generated, time-ordered): no model middleware runs and no `@Timestamp` is
/// touched (the caller sets them, as `CaseWorkflow` does for `CaseRecord`), and the row objects stay marked as new.
///
/// Each row's values are read from the properties its type lists (`BatchRow`), not through Fluent's reflection of the
/// model: that reflection demangles every field's type for every row, and for a generated year of cases it cost more
/// than SQLite's own inserts (perf, 2026-12-03: about half of `fazhi demo --scale`'s CPU time).
struct ModelBatch {
    /// Rows per statement: well inside SQLite's 32,766 and PostgreSQL's 65,535 bound values for a table of up to 60
    /// columns.
    static let rowsPerStatement = 500

    private var groups: [ObjectIdentifier: Int] = [:]
    private var inserts: [Group] = []
    /// Ids that grow as rows are added, so each table's primary key index is written at its end rather than at random
    /// places (which, on a large table, means a page read per row).
    private var ids = TimeOrderedIDs()

    /// The next id from the batch's time-ordered sequence, for a row the caller must name before adding it.
    mutating func nextID() -> UUID { ids.next() }

    private struct Group {
        var rows: [any Model]
        let create: @Sendable (Database, [any Model]) async throws -> Void
    }

    var isEmpty: Bool { inserts.isEmpty }

    mutating func add<M: BatchRow>(_ row: M) {
        // As Fluent's own create does for a random id: a row added without one gets a new (time-ordered) UUID.
        if row.id == nil, let id = ids.next() as? M.IDValue { row.id = id }
        assert(M.listsEveryField, "\(M.self).batchProperties must list every field of the model")
        let key = ObjectIdentifier(M.self)
        if let index = groups[key] {
            inserts[index].rows.append(row)
        } else {
            groups[key] = inserts.count
            inserts.append(Group(rows: [row], create: { db, rows in try await Self.insert(rows.map { $0 as! M }, on: db) }))
        }
    }

    /// Each row's values as its properties write them, straight into one SQL INSERT per slice. Not through Fluent's
    /// query builder: it reflects a new model to add timestamps for every row of an insert.
    private static func insert<M: BatchRow>(_ rows: [M], on db: Database) async throws {
        let sql = try db.sql
        let inputs = rows.map { row -> RowInput in
            let input = RowInput()
            for property in row.batchProperties { property.input(to: input) }
            return input
        }
        let columns = inputs[0].keys.map(\.description)
        var start = 0
        while start < inputs.count {
            let insert = sql.insert(into: M.schema).columns(columns)
            for input in inputs[start ..< min(start + rowsPerStatement, inputs.count)] { insert.values(try input.sqlValues()) }
            try await insert.run()
            start += rowsPerStatement
        }
    }

    mutating func add<M: BatchRow>(contentsOf rows: [M]) {
        for row in rows { add(row) }
    }

    /// Inserts every row, type by type; call inside the transaction the rows belong to.
    func create(on db: Database) async throws {
        for group in inserts { try await group.create(db, group.rows) }
    }
}

/// A model whose rows `ModelBatch` writes: it lists its database properties itself, in any order.
protocol BatchRow: Model {
    /// Every database property of the model, e.g. `[$id, $caseRecord, $seq, …]`; each writes its own column(s) as Fluent
    /// would. A debug build checks the list against Fluent's reflection of the model once per type.
    var batchProperties: [any AnyDatabaseProperty] { get }
}

extension BatchRow {
    /// Whether `batchProperties` names the same columns as Fluent's reflection (checked in debug builds, once per type).
    static var listsEveryField: Bool {
        BatchRowCheck.checked(Self.self) {
            let model = Self(), listed = RowInput(), reflected = RowInput()
            for property in model.batchProperties { property.input(to: listed) }
            model.input(to: reflected)
            return Set(listed.keys.map(\.description)) == Set(reflected.keys.map(\.description))
        }
    }
}

/// The types already checked by `BatchRow.listsEveryField`.
private enum BatchRowCheck {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var results: [ObjectIdentifier: Bool] = [:]

    static func checked(_ type: Any.Type, _ check: () -> Bool) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let result = results[ObjectIdentifier(type)] { return result }
        let result = check()
        results[ObjectIdentifier(type)] = result
        return result
    }
}

/// Collects every field of a row, set or not (unset ones as the column's default), in the order the properties give
/// them, as Fluent's insert does.
private final class RowInput: DatabaseInput {
    private(set) var keys: [FieldKey] = []
    private(set) var values: [DatabaseQuery.Value] = []
    let wantsUnmodifiedKeys = true

    func set(_ value: DatabaseQuery.Value, at key: FieldKey) {
        keys.append(key)
        values.append(value)
    }

    /// The values as SQL, the way FluentSQL's converter writes them into an insert.
    func sqlValues() throws -> [any SQLExpression] {
        try values.map { value in
            switch value {
            case .bind(let encodable): SQLBind(encodable)
            case .null: SQLLiteral.null
            case .enumCase(let name): SQLLiteral.string(name)
            case .default: SQLLiteral.default
            case .custom(let expression as any SQLExpression): expression
            default: throw Abort(.internalServerError, reason: "ModelBatch 不支持的字段值：\(value)")
            }
        }
    }
}
