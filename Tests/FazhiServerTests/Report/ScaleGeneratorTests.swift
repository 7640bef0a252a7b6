import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor

@Suite("Scale generator")
struct ScaleGeneratorTests {
    @Test("Bulk-generated cases replay to their summaries and their rollup equals a recount", arguments: TestDatabase.all)
    func generate(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let calendar = try await CalendarStore(db: app.db).calendar()
            let summary = try await ScaleGenerator(db: app.db, calendar: calendar, protection: app.dataProtection, year: 2025, count: 1200).run()
            #expect(summary.contains("1200"))
            #expect(try await CaseRecord.query(on: app.db).count() == 1200)
            #expect(try await AnnualFigures.recount(db: app.db, modules: app.modules, year: 2025, orgCode: nil).isEmpty)
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2025, orgCode: nil)
            #expect(figures["reconsideration.received"] == .count(1200))
            for record in try await CaseRecord.query(on: app.db).limit(20).all() {
                let dossier = try await CaseWorkflow<ReconsiderationRules>.dossier(of: record, on: app.db, calendar: calendar)
                #expect(dossier.summary.state == record.state)
            }
            // Through the workflow's own writing: every case has its detail row and applicant, its events are stored
            // exactly as a case recorded by hand stores them, one audit row per batch (`ScaleGenerator.batchSize` cases), numbers 1…1200 in order.
            #expect(try await ReconsiderationDetail.query(on: app.db).count() == 1200)
            #expect(try await PartyRecord.query(on: app.db).filter(\.$role == "applicant").count() == 1200)
            let sample = try #require(try await CaseRecord.query(on: app.db).sort(\.$seq).first())
            #expect(sample.caseNumber == "东政复〔2025〕1号")
            let stored = try await CaseEventRecord.query(on: app.db).filter(\.$caseRecord.$id == sample.id!).sort(\.$seq).all()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for (row, event) in zip(stored, try await CaseWorkflow<ReconsiderationRules>.events(of: sample, on: app.db)) {
                #expect(row.payload == String(decoding: try encoder.encode(event), as: UTF8.self))
            }
            #expect(sample.version == stored.count)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "open-many").count()
                    == (1200 + ScaleGenerator.batchSize - 1) / ScaleGenerator.batchSize)
            // The case page of a generated case reads like any other.
            try await TestClient.api(app, "fuyi").getPage("/reconsideration/\(sample.id!)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("撤销该行政行为"))
            }

            // Numbers continue after the bulk load; none is reused.
            let officer = try await TestClient.api(app, "fuyi")
            let next = try await officer.register(try await registration(app, receivedOn: "2025-06-03", knewOn: "2025-05-20"))
            #expect(next.caseNumber == "东政复〔2025〕1201号")
        }
    }
}
