import Fluent
import FluentSQL
import SQLKit
import Vapor

extension QueryBuilder {
    /// How many rows the query matches, counted by the database as `COUNT(*)`. Fluent's `count()` is `COUNT(id)`,
    /// which SQLite must read from each table row (an id that is not an INTEGER PRIMARY KEY may be NULL there), so
    /// even an index that holds every filtered column cannot answer it alone; `COUNT(*)` can. The same number: ids
    /// are never NULL.
    func rowCount() async throws -> Int {
        try await aggregate(.custom(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier(FieldKey.aggregate.description))),
                            as: Int.self)
    }

    /// The sum of an integer `field` over the query's rows, summed by the database (0 when there are none) instead of
    /// fetching every value. Cast to a 64-bit integer because PostgreSQL sums a BIGINT into a NUMERIC.
    func total<Field: QueryableProperty>(_ field: KeyPath<Model, Field>) async throws -> Int where Field.Model == Model, Field.Value == Int {
        let column = SQLColumn(SQLIdentifier(Model.path(for: field).map(\.description).joined(separator: "_")),
                               table: SQLIdentifier(Model.schemaOrAlias))
        let sum: SQLQueryString = "CAST(COALESCE(SUM(\(column)), 0) AS BIGINT)"
        return try await aggregate(.custom(SQLAlias(sum, as: SQLIdentifier(FieldKey.aggregate.description))), as: Int.self)
    }

    /// How many records of this query there are per value of `field`, counted by the database (`GROUP BY`): a
    /// breakdown reads one row per value however many records it counts, where fetching the records to count them
    /// reads them all. The query's filters and joins are kept as written (a metric's definition stays in one place);
    /// its sorts, ranges and selected fields are dropped.
    func counts<Field: QueryableProperty>(by field: KeyPath<Model, Field>) async throws -> [Field.Value: Int]
        where Field.Model == Model, Field.Value: Hashable & Decodable
    {
        guard let sql = database as? SQLDatabase else { throw Abort(.internalServerError, reason: "分组统计需要 SQL 数据库") }
        var grouped = query
        grouped.action = .read
        grouped.fields = []
        grouped.sorts = []
        grouped.limits = []
        grouped.offsets = []
        guard var select = SQLQueryConverter(delegate: PlainSQLConverter()).convert(grouped) as? SQLSelect else {
            throw Abort(.internalServerError, reason: "分组统计无法生成查询")
        }
        let column = SQLColumn(SQLIdentifier(Model.path(for: field).map(\.description).joined(separator: "_")),
                               table: SQLIdentifier(Model.schemaOrAlias))
        select.columns = [SQLAlias(column, as: SQLIdentifier("value")),
                          SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))]
        select.groupBy = [column]
        var counts: [Field.Value: Int] = [:]
        for row in try await sql.raw("\(select)").all() {
            counts[try row.decode(column: "value", as: Field.Value.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}

/// Converts read queries only, which need no driver-specific column types.
private struct PlainSQLConverter: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? { nil }
}
