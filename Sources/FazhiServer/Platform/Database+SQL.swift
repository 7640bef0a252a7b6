import Fluent
import SQLKit
import Vapor

extension Database {
    /// The database as SQLKit sees it, for the reads that run on every request and must not build a Fluent model per
    /// row through reflection. Both drivers Fazhi runs on are SQL databases.
    var sql: SQLDatabase {
        get throws {
            guard let sql = self as? SQLDatabase else { throw Abort(.internalServerError, reason: "需要 SQL 数据库") }
            return sql
        }
    }
}
