import Fluent
import FazhiCore
import SQLKit
import Foundation

extension CaseWorkflow {
    /// What `metric_facets` should hold for the line's stored cases of the orgs (all when nil): each case's events
    /// replayed through `calendar`, its `facets` summed. Reads raw rows, a thousand cases at a time (a migration calls
    /// it, and must not read models whose later columns it would not find).
    static func storedFacets(on db: Database, orgIDs: [UUID]?, calendar: WorkingCalendar) async throws -> FacetRollup.Sums {
        guard let sql = db as? SQLDatabase, !Rules.facetKeys.isEmpty, orgIDs?.isEmpty != true else { return [:] }
        let decoder = JSONDecoder()
        var sums: FacetRollup.Sums = [:]
        var after: UUID?
        while true {
            var page = sql.select().column("id").column("org_id").from("cases")
                .where("line", .equal, Rules.line.rawValue)
            if let orgIDs { page = page.where("org_id", .in, orgIDs) }
            if let after { page = page.where("id", .greaterThan, after) }
            let cases = try await page.orderBy("id").limit(1000).all()
                .map { (id: try $0.decode(column: "id", as: UUID.self), org: try $0.decode(column: "org_id", as: UUID.self)) }
            guard let last = cases.last else { break }
            after = last.id
            var events: [UUID: [Rules.Event]] = [:]
            for row in try await sql.select().column("case_id").column("payload").from("case_events")
                .where("case_id", .in, cases.map(\.id)).orderBy("case_id").orderBy("seq").all() {
                let payload = try row.decode(column: "payload", as: String.self)
                events[try row.decode(column: "case_id", as: UUID.self), default: []].append(try decoder.decode(Rules.Event.self, from: Data(payload.utf8)))
            }
            for stored in cases {
                let dossier = try Rules.replay(events[stored.id] ?? [], calendar: calendar)
                sums.merge(FacetRollup.sums(of: Rules.facets(of: dossier, calendar: calendar), org: stored.org)) {
                    ($0.numerator + $1.numerator, $0.denominator + $1.denominator)
                }
            }
        }
        return sums.filter { $0.value != (0, 0) }
    }
}

/// Fills `metric_facets` with a line's cases stored before it kept facets (`CaseLineRules.facets`), each case's
/// events replayed through the working calendar stored (read raw). A line declares one in its module's migrations,
/// with a name fixed once released.
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
        try await FacetRollup.add(try await CaseWorkflow<Rules>.storedFacets(on: db, orgIDs: nil, calendar: calendar), on: db)
    }

    func revert(on db: Database) async throws {
        guard !Rules.facetKeys.isEmpty else { return }
        try await db.sql.delete(from: FacetRollup.table).where("metric_key", .in, Rules.facetKeys.sorted()).run()
    }
}
