import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor

@Suite("Demo caseload")
struct DemoCasesTests {
    @Test("The demo caseload goes through the real rules, covers the outcomes, and loads once", arguments: TestDatabase.all)
    func demo(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let today = CivilDate(string: "2026-11-25")!
            var demo = DemoCases(db: app.db, calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection, today: today,
                                 modules: app.modules)
            demo.perYear = 60
            let summary = try await demo.load()
            #expect(summary.contains("行政复议"))
            let cases = try await CaseRecord.query(on: app.db).filter(\.$line == .reconsideration).all()
            #expect(cases.count > 80)
            let states = Set(cases.map(\.state))
            #expect(states.contains("concluded"))
            #expect(states.contains("rejected"))
            #expect(cases.contains { $0.isOpen })
            // Every stored case replays to the summary it carries: the events are the truth.
            let calendar = try await CalendarStore(db: app.db).calendar()
            for record in cases.prefix(25) {
                let dossier = try await CaseWorkflow<ReconsiderationRules>.dossier(of: record, on: app.db, calendar: calendar)
                #expect(dossier.summary.state == record.state)
                #expect(dossier.summary.concludedOn?.description == record.concludedOn)
            }
            // Every decided case carries its decision, written and issued.
            let decisionOutcomes = ReconsiderationOutcome.allCases.filter(\.isDecision).map(\.rawValue)
            let decided = cases.filter { $0.outcome.map(decisionOutcomes.contains) ?? false }
            let decisions = try await InstrumentRecord.query(on: app.db).filter(\.$kind == "decision").all()
            #expect(!decided.isEmpty && Set(decisions.map { $0.$caseRecord.id }) == Set(decided.compactMap(\.id)))
            let drafts = try await InstrumentDraft.query(on: app.db).filter(\.$kind == "decision").all()
            #expect(drafts.count == decided.count && drafts.allSatisfy { $0.sections["facts"]?.isEmpty == false })
            // Every closed case carries the document that closed it, dated the day it closed and served (except what
            // would be served after today) on each of its recipients.
            let closing: Set = ["decision", "mediationStatement", "terminationDecision", "rejectionDecision"]
            let closed = cases.filter { $0.state == "concluded" || $0.state == "rejected" }
            let documents = try await InstrumentRecord.query(on: app.db).all().filter { closing.contains($0.kind) }
            #expect(Set(documents.map { $0.$caseRecord.id }) == Set(closed.compactMap(\.id)))
            #expect(Set(documents.map(\.kind)) == closing)
            let concludedOn = Dictionary(uniqueKeysWithValues: closed.map { ($0.id!, $0.concludedOn) })
            #expect(documents.filter { $0.kind != "rejectionDecision" }.allSatisfy { $0.datedOn == concludedOn[$0.$caseRecord.id] ?? nil })
            let services = try await ServiceRecord.query(on: app.db).all()
            let servedDocuments = Set(services.map { $0.$instrument.id })
            #expect(documents.filter { !servedDocuments.contains($0.id!) }.allSatisfy { $0.dated >= today.adding(days: -6) })
            #expect(services.contains { $0.method == .byPost && $0.trackingNumber?.count == 13 })
            #expect(services.contains { $0.method == .byHand && $0.recipientRole == "agency" })
            // And every document its steps called for: nothing of a closed case is still to be issued.
            for record in closed.prefix(40) {
                let dossier = try await CaseWorkflow<ReconsiderationRules>.dossier(of: record, on: app.db, calendar: calendar)
                let due = DocumentsDue(templates: ReconsiderationInstruments.all, dossier: dossier,
                                       instruments: try await InstrumentRecord.query(on: app.db).filter(\.$caseRecord.$id == record.id!).all(),
                                       services: [], recipients: [])
                #expect(due.unissued.isEmpty, "\(record.caseNumber): \(due.unissued)")
            }
            // Residents applied online through the portal's write path: every kind, each a case with its receipt code,
            // the notary visits booked, all still within the review period.
            let online = try await PortalApplicationRecord.query(on: app.db).filter(\.$state == "submitted").all()
            #expect(Set(online.map(\.kind)) == Set(app.modules.portalApplications.map(\.code)))
            #expect(online.allSatisfy { $0.caseID != nil && $0.receiptHash != nil })
            let booked = try await PortalAppointment.query(on: app.db).all()
            #expect(booked.count == online.filter { $0.kind == "notary" }.count)
            #expect(booked.allSatisfy { $0.slotDay > "2026-11-25" })
            #expect(summary.contains("网上申请 \(online.count) 件"))
            #expect(try await demo.load() == "演示案件已存在")
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .reconsideration).count() == cases.count)
            #expect(try await AuditLog.verify(on: app.db).firstBreak == nil)
        }
    }
}
