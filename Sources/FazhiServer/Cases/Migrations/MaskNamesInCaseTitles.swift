import Foundation
import Fluent
import SQLKit

/// 2026-12-02: case titles are shown to every reader of a queue, a drill-down or an export, so they carry the first
/// applicant's or plaintiff's name masked (张*), as new titles do (`PartyInput.titleName`). Rewrites the titles
/// written before, 2,000 at a time; a title that does not start with a person's name is left as it is.
struct MaskNamesInCaseTitles: AsyncMigration {
    func prepare(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        while true {
            let rows = try await sql.raw("""
                SELECT c.id AS id, c.title AS title, p.name AS name FROM cases c
                JOIN parties p ON p.case_id = c.id AND p.kind = 'person' AND p.role IN ('applicant', 'plaintiff')
                WHERE length(p.name) > 1 AND substr(c.title, 1, length(p.name)) = p.name
                LIMIT 2000
                """).all()
            var changed = 0
            var seen = Set<UUID>()
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                let title = try row.decode(column: "title", as: String.self)
                let name = try row.decode(column: "name", as: String.self)
                guard seen.insert(id).inserted, title.hasPrefix(name) else { continue }
                let masked = PartyInput.titleName(name, kind: "person") + title.dropFirst(name.count)
                guard masked != title else { continue }
                try await sql.update("cases").set("title", to: masked).where("id", .equal, id).run()
                changed += 1
            }
            if changed == 0 { return }
        }
    }

    func revert(on db: Database) async throws {}
}
