import Fluent
import FazhiCore
import SQLKit
import Foundation

extension CaseWorkflow {
    /// What `metric_facets` should hold for the line's stored cases of the orgs (all when nil): each case's events
    /// replayed through `calendar`, its `facets` summed. A case whose events no longer replay (an event decoded or
    /// checked differently since it was recorded) is named in `failures` and counted for nothing. Reads raw rows, a
    /// thousand cases at a time (a migration calls it, and must not read models whose later columns it would not find).
    static func storedFacets(on db: Database, orgIDs: [UUID]?, calendar: WorkingCalendar) async throws -> FacetRollup.Replayed {
        guard !Rules.facetKeys.isEmpty, orgIDs?.isEmpty != true else { return FacetRollup.Replayed() }
        let sql = try db.sql, decoder = JSONDecoder()
        var replayed = FacetRollup.Replayed()
        var after: UUID?
        while true {
            // The cases in id order, a page after the last: the line compared as `line || ''`, which no index serves,
            // so both databases walk the primary key from the last id (O(cases) in all) rather than a line-first index
            // sorted again for every page.
            var page = sql.select().column("id").column("org_id").column("case_number").from("cases")
                .where(SQLRaw("line || ''"), .equal, SQLBind(Rules.line.rawValue))
            if let orgIDs { page = page.where("org_id", .in, orgIDs) }
            if let after { page = page.where("id", .greaterThan, after) }
            let cases = try await page.orderBy("id").limit(1000).all().map { row in
                (id: try row.decode(column: "id", as: UUID.self), org: try row.decode(column: "org_id", as: UUID.self),
                 number: try row.decode(column: "case_number", as: String.self))
            }
            guard let last = cases.last else { break }
            after = last.id
            var payloads: [UUID: [String]] = [:]
            for row in try await sql.select().column("case_id").column("payload").from("case_events")
                .where("case_id", .in, cases.map(\.id)).orderBy("case_id").orderBy("seq").all() {
                payloads[try row.decode(column: "case_id", as: UUID.self), default: []].append(try row.decode(column: "payload", as: String.self))
            }
            for stored in cases {
                do {
                    let events = try (payloads[stored.id] ?? []).map { try decoder.decode(Rules.Event.self, from: Data($0.utf8)) }
                    let dossier = try Rules.replay(events, calendar: calendar)
                    FacetRollup.merge(FacetRollup.sums(of: Rules.facets(of: dossier, calendar: calendar), org: stored.org), into: &replayed.sums)
                } catch {
                    replayed.failures.append("\(stored.number)（\(stored.id)）的记录无法重放：\(error)")
                }
            }
        }
        replayed.sums = replayed.sums.filter { $0.value != (0, 0) }
        return replayed
    }
}

/// Fills `metric_facets` with a line's cases stored before it kept facets (`CaseLineRules.facets`), each case's
/// events replayed through the working calendar stored (read raw), the line's rows rebuilt in one transaction
/// (`FacetRollup.rebuild`), so a run cut off part way runs again to the same end. A case that no longer replays is logged and left out (`--recount`
/// names it too). A line declares one in its module's migrations, with a name fixed once released.
struct CountStoredFacets<Rules: CaseLineRules>: AsyncMigration {
    let name: String

    init(_ rules: Rules.Type, name: String) {
        self.name = name
    }

    func prepare(on db: Database) async throws {
        let sql = try db.sql
        var years = try WorkingCalendar.bundledYears()
        for row in try await sql.select().column("year").column("data").from("calendar_years").all() {
            let year = try row.decode(column: "year", as: Int.self)
            years.removeAll { $0.year == year }
            years.append(try WorkingCalendar.decode(Data(try row.decode(column: "data", as: String.self).utf8), file: "calendar_years/\(year)"))
        }
        let calendar = WorkingCalendar(years.sorted { $0.year < $1.year })
        let replayed = try await FacetRollup.rebuild(Rules.facetKeys, on: db) { tx in
            try await CaseWorkflow<Rules>.storedFacets(on: tx, orgIDs: nil, calendar: calendar)
        }
        for failure in replayed.failures { db.logger.warning("\(name): \(failure)") }
    }

    func revert(on db: Database) async throws {
        guard !Rules.facetKeys.isEmpty else { return }
        try await db.sql.delete(from: FacetRollup.table).where("metric_key", .in, Rules.facetKeys.sorted()).run()
    }
}
