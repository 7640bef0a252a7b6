import Fluent
import SQLKit

/// A line's own records keyed by their org's bureau (the tenancy key, `TenancyKeyColumn`; issue 18), with the
/// bureau-first indexes their lists walk. A line declares one in its module's migrations, naming its tables and indexes;
/// its models name the column (`OrgOwned.bureauKey`), so `Scope.query` filters a district's lists by it. The database
/// fills the key (the trigger), for this binary's inserts and for the previous binary's during a rolling upgrade, and
/// the indexes are built online (`OnlineIndex`), so the previous binary goes on writing the tables meanwhile. A run cut
/// off part way runs again to the same end: both steps are repeatable.
struct KeyRecordsByBureau: AsyncMigration {
    /// The migration's name as recorded in the database: fixed once released.
    let name: String
    let tables: [String]
    let indexes: [Index]

    struct Index {
        let name: String
        let table: String
        /// `bureau_id` first, then the list's filter and order.
        let columns: [String]
    }

    func prepare(on db: Database) async throws {
        try await TenancyKeyColumn.add(to: tables, on: db)
        let sql = try db.sql
        for index in indexes { try await OnlineIndex.build(index.name, on: index.table, columns: index.columns, in: sql) }
    }

    func revert(on db: Database) async throws {
        let sql = try db.sql
        for index in indexes { try await sql.drop(index: index.name).run() }
        try await TenancyKeyColumn.remove(from: tables, on: db)
    }
}
