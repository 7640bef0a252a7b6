import Fluent
import FazhiCore
import Foundation
import SQLKit

/// 2026-12-06: the tenancy key (issue 18). Every org carries its bureau (`orgs.bureau_id`: the nearest org of kind
/// `bureau` on its path, itself when it is one), so the records that serve lists can carry it too and their indexes
/// start with it (`IndexCasesByBureau`): a district's queries then touch only its rows, and a later split by bureau is
/// mechanical.
///
/// Written expand-only for a rolling upgrade: the column is nullable, the existing orgs are filled here, and a trigger
/// fills it for an org inserted without one (by the previous binary, which does not know the column).
struct AddTenancyKey: AsyncMigration {
    func prepare(on db: Database) async throws {
        let sql = try db.sql
        try await db.schema(Org.schema).field("bureau_id", .uuid).update()
        // The trigger first, so that no org an old node inserts while the rest runs is left without its key.
        let bureau = OrgKind.bureau.rawValue
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION orgs_bureau_fill() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                IF NEW.bureau_id IS NULL THEN NEW.bureau_id := CASE WHEN NEW.kind = '\(unsafeRaw: bureau)' THEN NEW.id \
                ELSE (SELECT p.bureau_id FROM orgs AS p WHERE p.id = NEW.parent_id) END; END IF; RETURN NEW; END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER orgs_bureau_fill BEFORE INSERT ON orgs FOR EACH ROW EXECUTE FUNCTION orgs_bureau_fill()
                """).run()
        } else {
            try await sql.raw("""
                CREATE TRIGGER orgs_bureau_fill AFTER INSERT ON orgs WHEN NEW.bureau_id IS NULL BEGIN \
                UPDATE orgs SET bureau_id = CASE WHEN NEW.kind = '\(unsafeRaw: bureau)' THEN NEW.id \
                ELSE (SELECT p.bureau_id FROM orgs AS p WHERE p.id = NEW.parent_id) END WHERE id = NEW.id; END
                """).run()
        }
        // Then the orgs without it, from their paths; twice, for an org inserted under a parent the first pass had not
        // reached yet (the trigger copied the parent's empty key).
        for _ in 0..<2 { try await fill(sql) }
    }

    /// Sets the key of every org that has none: the nearest bureau on its path.
    private func fill(_ sql: any SQLDatabase) async throws {
        let orgs = try await sql.raw("SELECT \(ident: "id"), \(ident: "kind"), \(ident: "path"), \(ident: "bureau_id") FROM \(ident: Org.schema)").all()
            .map { (id: try $0.decode(column: "id", as: UUID.self), kind: try $0.decode(column: "kind", as: String.self),
                    path: try $0.decode(column: "path", as: String.self), keyed: try $0.decode(column: "bureau_id", as: UUID?.self) != nil) }
        let bureaus = Set(orgs.filter { $0.kind == OrgKind.bureau.rawValue }.map(\.id))
        for org in orgs where !org.keyed {
            let nearest = org.path.split(separator: "/").reversed().compactMap { UUID(uuidString: String($0)) }
                .first { bureaus.contains($0) }
            guard let nearest else { continue }
            try await sql.raw("""
                UPDATE \(ident: Org.schema) SET \(ident: "bureau_id") = \(bind: nearest) WHERE \(ident: "id") = \(bind: org.id)
                """).run()
        }
    }

    func revert(on db: Database) async throws {
        let sql = try db.sql
        try await sql.raw("DROP TRIGGER IF EXISTS orgs_bureau_fill\(unsafeRaw: sql.dialect.name == "postgresql" ? " ON orgs" : "")").run()
        if sql.dialect.name == "postgresql" { try await sql.raw("DROP FUNCTION IF EXISTS orgs_bureau_fill()").run() }
        try await sql.raw("ALTER TABLE \(ident: Org.schema) DROP COLUMN \(ident: "bureau_id")").run()
    }
}
