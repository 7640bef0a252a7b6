import FazhiCore
import Fluent
import FluentSQL
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// A queue row carries what a list shows; the deadline's step-by-step explanation is read on the case (issue 10).
@Suite("Case queues: rows without the explanation, counts along an index")
struct CaseQueueRowTests {
    @Test("The queue's next deadline has its basis and status but no explanation; the case has the explanation",
          arguments: TestDatabase.all)
    func rows(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: true) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let registered = try await officer.register(try await registration(app))
            var row: CaseQueueRow?
            try await officer.get("/api/v1/reconsideration/cases") { res in
                #expect(res.status == .ok)
                row = try res.content.decode(CaseQueuePage.self).rows.first { $0.id == registered.id }
                #expect(!res.text.contains("\"explanation\""))
            }
            let next = try #require(row?.nextDeadline)
            #expect(!next.basis.isEmpty && !next.statusLabel.isEmpty)
            #expect(next.explanation == nil)
            var detail: ReconsiderationCase?
            try await officer.get("/api/v1/reconsideration/cases/\(registered.id)") { res in
                detail = try res.content.decode(ReconsiderationCase.self)
            }
            let deadline = try #require(detail?.deadlines?.first { $0.ruleKey == next.ruleKey })
            #expect(deadline.due == next.due)
            #expect(deadline.explanation?.isEmpty == false)
        }
    }

    @Test("A queue of cases in given states (待受理) is counted along the state index, not by walking the line's every case")
    func statesQueueCountedByIndex() async throws {
        try await withTestApp(.sqlite, demo: true) { app in
            let leader = try #require(try await User.query(on: app.db).filter(\.$username == "leader").first())
            let scope = try await Scope.load(userID: leader.id!, on: app.db)
            let context = CaseQueue.Context(db: app.db, userID: leader.id!, today: ChinaTime.today,
                                            calendar: try await CalendarStore(db: app.db).calendar(), line: .reconsideration, scope: scope)
            let queue = try #require(ReconsiderationModule.queues.first { $0.key == "awaitingAcceptance" })
            let condition = try await queue.condition(context)
            #expect(context.bureau != nil)
            let sql = try app.db.sql
            let plan = try await sql.raw("EXPLAIN QUERY PLAN \(CaseQueue.countQuery(context, condition: condition))").all()
                .map { try $0.decode(column: "detail", as: String.self) }
            #expect(plan.contains { $0.contains("cases_bureau_state_idx") }, "\(plan)")
            // The count agrees with the cases in those states.
            let (total, _) = try await queue.count(context)
            let inStates = try await CaseRecord.query(on: app.db).filter(\.$line == .reconsideration)
                .filter(\.$state ~~ ["awaitingAcceptance", "awaitingSupplement"]).count()
            #expect(total == min(inStates, CaseQueue.countLimit))
        }
    }
}
