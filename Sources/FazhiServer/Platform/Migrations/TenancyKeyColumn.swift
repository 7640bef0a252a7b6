import Fluent
import SQLKit

/// The tenancy key on a table of records (issue 18): a nullable `bureau_id`, the bureau of the row's `org_id`
/// (`orgs.bureau_id`, `AddTenancyKey`). The writers set it with the row; a trigger fills it for a row written without it
/// (the previous binary during a rolling upgrade) and follows a row moved to another org. The lists' indexes start with
/// it, so a district's pages read only its rows in a city's database.
enum TenancyKeyColumn {
    /// Adds the column and its triggers to each of `tables` (each has `id` and `org_id`), then fills the rows stored.
    /// The triggers come first, so no row an old node writes during the fill is left without its key. Repeatable: a run
    /// cut off part way (the column added, a trigger made, the fill interrupted) runs again to the same end, adding only
    /// what is missing.
    static func add(to tables: [String], on db: Database) async throws {
        let sql = try db.sql
        let postgres = sql.dialect.name == "postgresql"
        for table in tables where try await !hasColumn(table, on: sql) {
            try await db.schema(table).field("bureau_id", .uuid).update()
        }
        if postgres {
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION records_bureau_fill() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                IF NEW.bureau_id IS NULL OR (TG_OP = 'UPDATE' AND NEW.org_id IS DISTINCT FROM OLD.org_id) THEN \
                NEW.bureau_id := (SELECT o.bureau_id FROM orgs AS o WHERE o.id = NEW.org_id); END IF; RETURN NEW; END $$
                """).run()
        }
        for table in tables {
            if postgres {
                // In place if it is there already (a run cut off part way): never a moment without it.
                try await sql.raw("""
                    CREATE OR REPLACE TRIGGER \(unsafeRaw: table)_bureau_fill BEFORE INSERT OR UPDATE OF org_id ON \(unsafeRaw: table) \
                    FOR EACH ROW EXECUTE FUNCTION records_bureau_fill()
                    """).run()
            } else {
                try await sql.raw("""
                    CREATE TRIGGER IF NOT EXISTS \(unsafeRaw: table)_bureau_fill AFTER INSERT ON \(unsafeRaw: table) WHEN NEW.bureau_id IS NULL BEGIN \
                    UPDATE \(unsafeRaw: table) SET bureau_id = (SELECT o.bureau_id FROM orgs AS o WHERE o.id = NEW.org_id) WHERE id = NEW.id; END
                    """).run()
                try await sql.raw("""
                    CREATE TRIGGER IF NOT EXISTS \(unsafeRaw: table)_bureau_follow AFTER UPDATE OF org_id ON \(unsafeRaw: table) BEGIN \
                    UPDATE \(unsafeRaw: table) SET bureau_id = (SELECT o.bureau_id FROM orgs AS o WHERE o.id = NEW.org_id) WHERE id = NEW.id; END
                    """).run()
            }
        }
        for table in tables {
            try await sql.raw("""
                UPDATE \(ident: table) SET \(ident: "bureau_id") = (SELECT \(ident: "orgs").\(ident: "bureau_id") FROM \(ident: "orgs") \
                WHERE \(ident: "orgs").\(ident: "id") = \(ident: table).\(ident: "org_id")) WHERE \(ident: "bureau_id") IS NULL
                """).run()
        }
    }

    /// Whether `table` has the column already (a run of `add` cut off after it).
    static func hasColumn(_ table: String, on sql: SQLDatabase) async throws -> Bool {
        let count = sql.dialect.name == "postgresql"
            ? sql.raw("""
                SELECT COUNT(*) AS n FROM information_schema.columns \
                WHERE table_schema = current_schema() AND table_name = \(bind: table) AND column_name = 'bureau_id'
                """)
            : sql.raw("SELECT COUNT(*) AS n FROM pragma_table_info(\(bind: table)) WHERE name = 'bureau_id'")
        return try await count.first()?.decode(column: "n", as: Int.self) ?? 0 > 0
    }

    /// Drops the triggers and the column of each of `tables` (the PostgreSQL function stays: other tables' triggers may
    /// call it; the migration that made it first drops it).
    static func remove(from tables: [String], on db: Database) async throws {
        let sql = try db.sql
        for table in tables {
            if sql.dialect.name == "postgresql" {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_bureau_fill ON \(unsafeRaw: table)").run()
            } else {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_bureau_fill").run()
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_bureau_follow").run()
            }
            try await sql.raw("ALTER TABLE \(ident: table) DROP COLUMN \(ident: "bureau_id")").run()
        }
    }
}
