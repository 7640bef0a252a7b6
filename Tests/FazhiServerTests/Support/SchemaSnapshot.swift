import FluentSQL
import Foundation

/// The tables and columns of a database as the database itself reports them (SQLite's `PRAGMA table_info`,
/// PostgreSQL's `information_schema.columns`), to compare the schema an earlier release made with the migrated one.
struct SchemaSnapshot: Equatable, Sendable {
    struct Column: Equatable, Sendable {
        /// The declared type as the database spells it (SQLite `TEXT`, PostgreSQL `timestamp with time zone`).
        var type: String
        var nullable: Bool
        /// A default or an identity: an INSERT that leaves the column out still gets a value.
        var hasDefault: Bool
    }

    /// Table name → column name → column.
    var tables: [String: [String: Column]] = [:]

    static func read(_ sql: SQLDatabase) async throws -> SchemaSnapshot {
        var schema = SchemaSnapshot()
        if sql.dialect.name == "sqlite" {
            let names = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                .map { try $0.decode(column: "name", as: String.self) }
            for table in names {
                var columns: [String: Column] = [:]
                for row in try await sql.raw("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(\(bind: table))").all() {
                    // An INTEGER PRIMARY KEY is the row id: SQLite fills it when an INSERT leaves it out.
                    let rowID = try row.decode(column: "pk", as: Int.self) == 1 && row.decode(column: "type", as: String.self) == "INTEGER"
                    columns[try row.decode(column: "name", as: String.self)] = Column(
                        type: try row.decode(column: "type", as: String.self),
                        nullable: try row.decode(column: "notnull", as: Int.self) == 0,
                        hasDefault: try row.decode(column: "dflt_value", as: String?.self) != nil || rowID)
                }
                schema.tables[table] = columns
            }
        } else {
            let rows = try await sql.raw("""
                SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default, c.is_identity
                FROM information_schema.columns c JOIN information_schema.tables t
                  ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
                WHERE c.table_schema = current_schema()
                """).all()
            for row in rows {
                let table = try row.decode(column: "table_name", as: String.self)
                schema.tables[table, default: [:]][try row.decode(column: "column_name", as: String.self)] = Column(
                    type: try row.decode(column: "data_type", as: String.self),
                    nullable: try row.decode(column: "is_nullable", as: String.self) == "YES",
                    hasDefault: try row.decode(column: "column_default", as: String?.self) != nil
                        || row.decode(column: "is_identity", as: String.self) == "YES")
            }
        }
        return schema
    }

    /// Why a binary that knows only `old` could not keep writing to a database of this schema, one sentence per table
    /// or column; empty when the change from `old` is expand-only: no old table or column gone, no type changed, no old
    /// column newly required, and every column added to an old table nullable or defaulted (the old binary's INSERTs
    /// leave it out).
    func expandOnlyViolations(from old: SchemaSnapshot) -> [String] {
        var violations: [String] = []
        for (table, oldColumns) in old.tables.sorted(by: { $0.key < $1.key }) {
            guard let columns = tables[table] else { violations.append("table \(table) was dropped"); continue }
            for (name, was) in oldColumns.sorted(by: { $0.key < $1.key }) {
                guard let now = columns[name] else { violations.append("column \(table).\(name) was dropped"); continue }
                if now.type != was.type { violations.append("column \(table).\(name) changed type from \(was.type) to \(now.type)") }
                if was.nullable && !now.nullable { violations.append("column \(table).\(name) became NOT NULL") }
                if was.hasDefault && !now.hasDefault && !now.nullable { violations.append("column \(table).\(name) lost its default") }
            }
            for (name, added) in columns.sorted(by: { $0.key < $1.key }) where oldColumns[name] == nil && !added.nullable && !added.hasDefault {
                violations.append("column \(table).\(name) was added NOT NULL without a default")
            }
        }
        return violations
    }

    /// The number of rows of each table of this schema.
    func rowCounts(_ sql: SQLDatabase) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in tables.keys {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }
}
