import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// The case clock looks only at cases on which an automatic event may be due: an open deadline past due of a rule the
/// line's automatic events wait on (行政复议法第三十条第三款: the acceptance review), not at every overdue case.
@Suite("The case clock's candidates")
struct CaseClockTests {
    @Test("A case whose only past-due deadline carries no automatic event is not a candidate", arguments: TestDatabase.all)
    func overdueWithoutAutomaticEvent(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let reconsideration = try await officer.register(try await registration(app))
            try await officer.event(reconsideration.id, ["kind": .string("accept"), "date": .string("2024-03-05"),
                                                         "procedure": .string("ordinary"), "version": .int(1)])
            let lawsuit = try await TestClient.api(app, "yingsu")
                .lawsuit(app, servedOn: "2024-09-20", agencyCode: "120102-AG-SJ", number: "（2024）津0102行初88号")
            let today = CivilDate(string: "2025-01-10")!
            // Both cases have a running deadline past due (the decision, due 2024-05-06; the defence)…
            for id in [reconsideration.id, lawsuit] {
                let overdue = try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseRecord.$id == id)
                    .filter(\.$completedOn == nil).filter(\.$dueOn < today.description).count()
                #expect(overdue > 0)
            }
            // …that no automatic event waits on: neither line has a candidate, and the pass folds nothing.
            for handler in app.modules.caseLines where [.reconsideration, .litigation].contains(handler.line) {
                #expect(try await CaseLines.automaticEventCandidates(handler, on: app.db, today: today).isEmpty)
            }
            #expect(app.modules.caseLines.first { $0.line == .litigation }?.automaticEventRuleKeys.isEmpty == true)
            #expect(try await CaseClock.tick(db: app.db, caseLines: app.modules.caseLines, today: today) == .init(candidates: 0, recorded: 0))
        }
    }

    @Test("A case awaiting acceptance past its review period is a candidate and is deemed accepted", arguments: TestDatabase.all)
    func awaitingAcceptance(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let registered = try await officer.register(try await registration(app))  // received 2024-03-01, review due 2024-03-08
            let handler = try #require(app.modules.caseLines.first { $0.line == .reconsideration })
            #expect(try await CaseLines.automaticEventCandidates(handler, on: app.db, today: CivilDate(string: "2024-03-08")!).isEmpty)
            #expect(try await CaseLines.automaticEventCandidates(handler, on: app.db, today: CivilDate(string: "2024-03-09")!) == [registered.id])
            #expect(try await CaseClock.tick(db: app.db, caseLines: app.modules.caseLines, today: CivilDate(string: "2024-03-08")!) == .init(candidates: 0, recorded: 0))
            #expect(try await CaseClock.tick(db: app.db, caseLines: app.modules.caseLines, today: CivilDate(string: "2024-03-09")!) == .init(candidates: 1, recorded: 1))
            let record = try #require(try await CaseRecord.find(registered.id, on: app.db))
            #expect(record.state == "underReview")
            #expect(record.acceptedOn == "2024-03-08")
            // Accepted, the case waits on nothing the clock records: the next pass does not look at it.
            #expect(try await CaseClock.tick(db: app.db, caseLines: app.modules.caseLines, today: CivilDate(string: "2024-03-10")!) == .init(candidates: 0, recorded: 0))
        }
    }

    @Test("After a supplement is requested and received, the restarted review is deemed accepted on its own last day", arguments: TestDatabase.all)
    func afterSupplement(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let registered = try await officer.register(try await registration(app))  // received 2024-03-01, review due 2024-03-08
            let id = registered.id
            try await officer.event(id, ["kind": .string("requestSupplement"), "date": .string("2024-03-04"),
                                         "items": .string("补充提交行政处罚决定书复印件"), "version": .int(1)])
            // Awaiting the supplement: the first review is over and the overdue supplement period records nothing.
            #expect(try await CaseClock.tick(db: app.db, caseLines: app.modules.caseLines, today: CivilDate(string: "2024-03-19")!) == .init(candidates: 0, recorded: 0))
            let received = try #require(try await officer.event(id, ["kind": .string("receiveSupplement"), "date": .string("2024-03-20"),
                                                                     "version": .int(2)]))
            let review = try #require(received.deadlines?.first { $0.ruleKey == "reconsideration.acceptance" && $0.completedOn == nil })
            #expect(review.start == "2024-03-20")
            #expect(review.due == "2024-03-27")  // 5 working days from receipt of the material (第三十一条)
            #expect(try await CaseClock.tick(db: app.db, caseLines: app.modules.caseLines, today: CivilDate(string: "2024-03-27")!) == .init(candidates: 0, recorded: 0))
            #expect(try await CaseClock.tick(db: app.db, caseLines: app.modules.caseLines, today: CivilDate(string: "2024-03-28")!) == .init(candidates: 1, recorded: 1))
            let record = try #require(try await CaseRecord.find(id, on: app.db))
            #expect(record.state == "underReview")
            #expect(record.acceptedOn == "2024-03-27")
            let events = try await CaseEventRecord.query(on: app.db).filter(\.$caseRecord.$id == id).sort(\.$seq).all()
            #expect(events.map(\.kind) == ["receive", "requestSupplement", "receiveSupplement", "deemAccept"])
        }
    }
}
