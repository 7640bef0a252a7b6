import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Work queues")
struct QueueTests {
    @Test("Overdue and due-soon queues follow the open deadlines; concluded cases leave them", arguments: TestDatabase.all)
    func queues(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            // Received long ago and never decided on: its acceptance review is overdue.
            let old = try await officer.register(try await registration(app, receivedOn: "2024-03-01"))
            // Received today: its review is running, due within 5 working days (not yet within 3).
            let today = ChinaTime.today
            _ = try await officer.register(try await registration(app, receivedOn: today.description, knewOn: today.adding(days: -3).description))
            func total(_ queue: String) async throws -> Int {
                var total = -1
                try await officer.get("/api/v1/reconsideration/cases?queue=\(queue)") { res in
                    total = try res.content.decode(CaseQueuePage.self).total
                }
                return total
            }
            #expect(try await total("overdue") == 1)
            #expect(try await total("awaitingAcceptance") == 2)
            #expect(try await total("all") == 2)
            try await officer.event(old.id, ["kind": .string("reject"), "date": .string("2024-03-04"), "reason": .string("超过申请期限"),
                                             "version": .int(1)])
            #expect(try await total("overdue") == 0)
            #expect(try await total("concluded") == 1)
            try await officer.get("/api/v1/reconsideration/cases?queue=nope") { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "queue")
            }
        }
    }
}
