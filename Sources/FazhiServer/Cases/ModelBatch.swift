import Fluent
import Foundation

/// Rows of any model types collected to be inserted together: each type's rows in multi-row `INSERT`s, types in the
/// order they were first added (so a row is inserted after the rows it refers to, when added after them).
///
/// A case's opening writes its line's rows (detail, parties) through one of these, whether one case is registered or
/// a whole year is generated (`CaseWorkflow.open`, `CaseWorkflow.openMany`): one way to write them.
///
/// Rows are written as they are (a missing UUID id is generated): no model middleware runs and no `@Timestamp` is touched (a model
/// with timestamps, like `CaseRecord`, is created by Fluent), and the row objects stay marked as new.
struct ModelBatch {
    /// Rows per statement: well inside SQLite's 32,766 and PostgreSQL's 65,535 bound values for a table of up to 60
    /// columns.
    static let rowsPerStatement = 500

    private var groups: [ObjectIdentifier: Int] = [:]
    private var inserts: [Group] = []

    private struct Group {
        var rows: [any Model]
        let create: @Sendable (Database, [any Model]) async throws -> Void
    }

    var isEmpty: Bool { inserts.isEmpty }

    mutating func add<M: Model>(_ row: M) {
        // As Fluent's own create does for a random id: a row added without one gets a new UUID.
        if row.id == nil, let id = UUID() as? M.IDValue { row.id = id }
        let key = ObjectIdentifier(M.self)
        if let index = groups[key] {
            inserts[index].rows.append(row)
        } else {
            groups[key] = inserts.count
            inserts.append(Group(rows: [row], create: { db, rows in
                // Each row's values as Fluent would write them, straight into one INSERT per slice: Fluent's own
                // `[Model].create` runs the model middleware in a task per row, which cost more than the writing.
                let values = rows.map { row in
                    let input = RowInput()
                    row.input(to: input)
                    return input.values
                }
                var start = 0
                while start < values.count {
                    try await M.query(on: db).set(Array(values[start ..< min(start + Self.rowsPerStatement, values.count)])).create()
                    start += Self.rowsPerStatement
                }
            }))
        }
    }

    mutating func add<M: Model>(contentsOf rows: [M]) {
        for row in rows { add(row) }
    }

    /// Inserts every row, type by type; call inside the transaction the rows belong to.
    func create(on db: Database) async throws {
        for group in inserts { try await group.create(db, group.rows) }
    }
}

/// Collects every field of a row, set or not (unset ones as the column's default), as Fluent's insert does.
private final class RowInput: DatabaseInput {
    var values: [FieldKey: DatabaseQuery.Value] = [:]
    let wantsUnmodifiedKeys = true

    func set(_ value: DatabaseQuery.Value, at key: FieldKey) {
        values[key] = value
    }
}
