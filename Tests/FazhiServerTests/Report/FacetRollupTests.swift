import FazhiCore
import FluentSQL
@testable import FazhiServer
import Testing
import Vapor

/// A line's breakdowns kept by facet and month (`FacetRollup`, `CaseLineRules.facets`): equal to the records counted
/// directly, moved by an event in its transaction, checked by `--recount`, and filled for stored cases by the migration.
@Suite("Facet counts: the lines' breakdowns kept with the events")
struct FacetRollupTests {
    /// Disputes received in `year` per org and type, and resolved among them, counted from the records as the panel
    /// counted them before it read the facet counts.
    static func disputesCounted(_ sql: SQLDatabase, year: Int) async throws -> [String: (Int, Int)] {
        var counted: [String: (Int, Int)] = [:]
        for row in try await sql.raw("""
            SELECT c.org_id AS org, d.dispute_type AS type, COUNT(*) AS received,
                   CAST(SUM(CASE WHEN c.state = 'resolved' THEN 1 ELSE 0 END) AS BIGINT) AS resolved
            FROM cases c JOIN mediation_details d ON d.case_id = c.id
            WHERE c.line = \(bind: WorkLine.mediation.rawValue) AND c.received_on >= \(bind: "\(year)-01-01") AND c.received_on <= \(bind: "\(year)-12-31")
            GROUP BY c.org_id, d.dispute_type
            """).all() {
            let key = "\(try row.decode(column: "org", as: UUID.self)) \(try row.decode(column: "type", as: String.self))"
            counted[key] = (try row.decode(column: "resolved", as: Int.self), try row.decode(column: "received", as: Int.self))
        }
        return counted
    }

    static func disputesKept(_ db: Database, year: Int) async throws -> [String: (Int, Int)] {
        var kept: [String: (Int, Int)] = [:]
        for (cell, sums) in try await FacetRollup.read([MediationRules.disputesByType], year: year, orgIDs: nil, on: db) {
            kept["\(cell.org) \(cell.facet)", default: (0, 0)].0 += sums.numerator
            kept["\(cell.org) \(cell.facet)", default: (0, 0)].1 += sums.denominator
        }
        return kept
    }

    static func same(_ a: [String: (Int, Int)], _ b: [String: (Int, Int)]) -> Bool {
        a.count == b.count && a.allSatisfy { key, value in b[key].map { $0 == value } ?? false }
    }

    @Test("The facet counts equal the records counted directly; an agreement moves them in its transaction; --recount names a tampered row; the migration fills them again",
          arguments: TestDatabase.all)
    func keptCheckedAndFilled(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await app.loadDemoCases(perYear: 30)
            let sql = try app.db.sql
            let demoYear = 2025
            let counted = try await Self.disputesCounted(sql, year: demoYear)
            #expect(counted.count > 3)
            #expect(Self.same(try await Self.disputesKept(app.db, year: demoYear), counted))
            // Legal aid by case type: the cases granted in the year, counted from their details.
            var byType: [String: Int] = [:]
            for row in try await sql.raw("""
                SELECT d.case_type AS type, COUNT(*) AS n FROM cases c JOIN legal_aid_details d ON d.case_id = c.id
                WHERE c.line = \(bind: WorkLine.legalAid.rawValue) AND c.accepted_on >= '2025-01-01' AND c.accepted_on <= '2025-12-31'
                GROUP BY d.case_type
                """).all() { byType[try row.decode(column: "type", as: String.self)] = try row.decode(column: "n", as: Int.self) }
            #expect(!byType.isEmpty)
            #expect(try await FacetRollup.byFacet(LegalAidRules.grantedByType, year: demoYear, orgIDs: nil, on: app.db).mapValues(\.numerator) == byType)
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: demoYear, orgCode: nil).isEmpty)

            // An agreement recorded on a dispute being mediated counts it resolved under its type, in the same write.
            let open = try #require(try await CaseRecord.query(on: app.db).filter(\.$line == .mediation)
                .filter(\.$state == MediationState.mediating.rawValue).sort(\.$receivedOn, .descending).first())
            let year = Int(open.receivedOn.prefix(4))!
            let type = try #require(try await sql.raw("SELECT dispute_type FROM mediation_details WHERE case_id = \(bind: open.id!)").first()?
                .decode(column: "dispute_type", as: String.self))
            let before = try await Self.disputesKept(app.db, year: year)["\(open.$org.id) \(type)"] ?? (0, 0)
            let workflow = CaseWorkflow<MediationRules>(db: app.db, calendar: try await CalendarStore(db: app.db).calendar(), actor: .system)
            try await workflow.record(.agree(date: CivilDate(string: "2026-11-25")!, form: .written, terms: "双方同意分期履行"), on: open,
                                      expectedVersion: open.version)
            let after = try await Self.disputesKept(app.db, year: year)["\(open.$org.id) \(type)"] ?? (0, 0)
            #expect(after.0 == before.0 + 1 && after.1 == before.1)
            #expect(Self.same(try await Self.disputesKept(app.db, year: year), try await Self.disputesCounted(sql, year: year)))
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: year, orgCode: nil).isEmpty)

            // A row changed behind the log's back: --recount names the key, the org, the facet and the month.
            try await sql.raw("""
                UPDATE metric_facets SET numerator = numerator + 1
                WHERE metric_key = \(bind: MediationRules.disputesByType) AND org_id = \(bind: open.$org.id) AND facet = \(bind: type)
                  AND month = \(bind: String(open.receivedOn.prefix(7)))
                """).run()
            let differences = try await AnnualFigures.recount(db: app.db, modules: app.modules, year: year, orgCode: nil)
            #expect(differences.count == 1)
            #expect(differences.first?.hasPrefix("\(MediationRules.disputesByType)（") == true)
            #expect(differences.first?.contains(type) == true)

            // The migration that fills them for stored cases, over an emptied table: equal to the records again.
            try await sql.raw("DELETE FROM metric_facets").run()
            #expect(try await Self.disputesKept(app.db, year: year).isEmpty)
            try await CountStoredFacets(MediationRules.self, name: "CountMediationFacets").prepare(on: app.db)
            try await CountStoredFacets(LegalAidRules.self, name: "CountLegalAidFacets").prepare(on: app.db)
            try await CountStoredFacets(NotaryRules.self, name: "CountNotaryFacets").prepare(on: app.db)
            #expect(Self.same(try await Self.disputesKept(app.db, year: year), try await Self.disputesCounted(sql, year: year)))
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: year, orgCode: nil).isEmpty)
            // A case whose events no longer replay: the migration leaves it out and goes on, --recount names it.
            let broken = try #require(try await CaseRecord.query(on: app.db).filter(\.$line == .mediation).sort(\.$receivedOn, .descending).first())
            try await sql.raw("UPDATE case_events SET payload = '{\"kind\":\"unknown\"}' WHERE case_id = \(bind: broken.id!) AND seq = 1").run()
            try await CountStoredFacets(MediationRules.self, name: "CountMediationFacets").prepare(on: app.db)
            let named = try await AnnualFigures.recount(db: app.db, modules: app.modules, year: year, orgCode: nil)
            #expect(named.contains { $0.hasPrefix(broken.caseNumber) && $0.contains("无法重放") })
            // And its revert takes only its line's rows.
            try await CountStoredFacets(MediationRules.self, name: "CountMediationFacets").revert(on: app.db)
            #expect(try await Self.disputesKept(app.db, year: year).isEmpty)
            #expect(!(try await FacetRollup.byFacet(LegalAidRules.grantedByType, year: year, orgIDs: nil, on: app.db)).isEmpty)
        }
    }

    @Test("Notarisation's certificates by type and by notary, with those on time, equal the records counted as the panel counted them",
          arguments: TestDatabase.all)
    func notaryByTypeAndNotary(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await app.loadDemoCases(perYear: 30)
            let sql = try app.db.sql
            var byType: [String: [Int]] = [:], byNotary: [String: [Int]] = [:]
            for row in try await sql.raw("""
                SELECT d.matter_type AS type, cert.notary_name AS notary, COUNT(*) AS n,
                       CAST(SUM(CASE WHEN dl.completed_on <= dl.due_on THEN 1 ELSE 0 END) AS BIGINT) AS on_time
                FROM cases c JOIN notary_details d ON d.case_id = c.id
                LEFT JOIN notary_certificates cert ON cert.case_id = c.id
                LEFT JOIN case_deadlines dl ON dl.case_id = c.id AND dl.rule_key = 'notary.certificate'
                WHERE c.line = \(bind: WorkLine.notary.rawValue) AND c.state = 'issued'
                  AND c.concluded_on >= '2025-01-01' AND c.concluded_on <= '2025-12-31'
                GROUP BY d.matter_type, cert.notary_name
                """).all() {
                let n = try row.decode(column: "n", as: Int.self), onTime = try row.decode(column: "on_time", as: Int?.self) ?? 0
                byType[try row.decode(column: "type", as: String.self), default: [0, 0]][0] += n
                byType[try row.decode(column: "type", as: String.self), default: [0, 0]][1] += onTime
                byNotary[try row.decode(column: "notary", as: String?.self) ?? "", default: [0, 0]][0] += n
                byNotary[try row.decode(column: "notary", as: String?.self) ?? "", default: [0, 0]][1] += onTime
            }
            #expect(byType.count > 1)
            #expect(byType.values.contains { $0[1] > 0 })
            let keptTypes = try await FacetRollup.byFacet(NotaryRules.issuedByType, year: 2025, orgIDs: nil, on: app.db)
            #expect(keptTypes.mapValues { [$0.denominator, $0.numerator] } == byType)
            let keptNotaries = try await FacetRollup.byFacet(NotaryRules.issuedByNotary, year: 2025, orgIDs: nil, on: app.db)
            #expect(keptNotaries.mapValues { [$0.denominator, $0.numerator] } == byNotary)
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2025, orgCode: nil).isEmpty)
        }
    }
}

extension FacetRollup {
    /// The year's sums of one key per facet, over the orgs (what the tests compare with the records).
    static func byFacet(_ key: String, year: Int, orgIDs: [UUID]?, on db: Database) async throws -> [String: (numerator: Int, denominator: Int)] {
        var totals: [String: (numerator: Int, denominator: Int)] = [:]
        for row in try await yearTotals([key], year: year, orgIDs: orgIDs, on: db) {
            totals[row.facet, default: (0, 0)].numerator += row.numerator
            totals[row.facet, default: (0, 0)].denominator += row.denominator
        }
        return totals
    }
}
