import Fluent
import FazhiCore
import Foundation
import SQLKit

/// 2026-12-03: a lawsuit's court, court case number and claims in their own table, one row per case, the court case
/// number unique within the bureau (the import's natural key). Fills the rows of the lawsuits registered before from
/// their serving events — the one place they are decoded. When a bureau holds a court case number twice it changes
/// nothing and names them, for the staff to settle before the unique index can hold.
struct CreateLitigationDetails: AsyncMigration {
    func prepare(on db: Database) async throws {
        let rows = try await servedDetails(db)
        try await db.schema("litigation_details")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("bureau_id", .uuid, .required, .references("orgs", "id"))
            .field("court", .string, .required)
            .field("court_case_number", .string, .required)
            .field("claims", .string, .required)
            .unique(on: "case_id")
            .unique(on: "bureau_id", "court", "court_case_number")
            .create()
        guard let sql = db as? SQLDatabase else { return }
        for start in stride(from: 0, to: rows.count, by: 1_000) {
            var insert = sql.insert(into: "litigation_details").columns("id", "case_id", "bureau_id", "court", "court_case_number", "claims")
            for row in rows[start..<min(rows.count, start + 1_000)] { insert = insert.values(row.map { SQLBind($0) }) }
            try await insert.run()
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema("litigation_details").delete()
    }

    /// The detail row of every lawsuit registered so far, from its serving event.
    private func servedDetails(_ db: Database) async throws -> [[any Encodable & Sendable]] {
        guard let sql = db as? SQLDatabase else { return [] }
        let served = try await sql.raw("""
            SELECT c.id AS id, c.org_id AS org_id, c.case_number AS case_number, e.payload AS payload FROM cases c
            JOIN case_events e ON e.case_id = c.id AND e.kind = 'serve'
            WHERE c.line = \(bind: WorkLine.litigation.rawValue) ORDER BY c.year, c.seq
            """).all()
        guard !served.isEmpty else { return [] }
        // The bureau of an org as `OrgDirectory.bureau` finds it: the nearest ancestor (or itself) of kind bureau.
        let orgs = try await sql.raw("SELECT id, kind, path FROM orgs").all().map { row in
            (id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
             path: try row.decode(column: "path", as: String.self))
        }
        let bureaus = Set(orgs.filter { $0.kind == "bureau" }.map(\.id))
        let bureauOf = Dictionary(orgs.map { org in
            (org.id, org.path.split(separator: "/").compactMap { UUID(uuidString: String($0)) }.last { bureaus.contains($0) } ?? org.id)
        }, uniquingKeysWith: { first, _ in first })
        let decoder = JSONDecoder()
        var first: [String: String] = [:]
        var twice: [String] = []
        var rows: [[any Encodable & Sendable]] = []
        for row in served {
            let id = try row.decode(column: "id", as: UUID.self)
            let org = try row.decode(column: "org_id", as: UUID.self)
            let caseNumber = try row.decode(column: "case_number", as: String.self)
            let payload = try row.decode(column: "payload", as: String.self)
            guard case .serve(_, let court, let number, let claims) = try decoder.decode(LitigationEvent.self, from: Data(payload.utf8)) else {
                continue
            }
            let bureau = bureauOf[org] ?? org
            let key = "\(bureau)|\(court)|\(number)"
            if let earlier = first[key] { twice.append("\(earlier)与\(caseNumber)（\(court)\(number)）") } else { first[key] = caseNumber }
            rows.append([UUID(), id, bureau, court, number, claims])
        }
        guard twice.isEmpty else {
            throw Refusal(description: "同一法院案号在本局登记了不止一件应诉案件：\(twice.joined(separator: "；"))。请先合并或更正后再升级")
        }
        return rows
    }

    /// Lawsuits the staff must settle before the migration can run.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }
}
