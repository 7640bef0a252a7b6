import FazhiCore
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// A queue row carries what a list shows; the deadline's step-by-step explanation is read on the case (issue 10).
@Suite("Case queues: rows without the explanation")
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
}
