import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// The dashboard's breakdowns are counted by the database (GROUP BY, COUNT DISTINCT) instead of by fetching every
/// record: they must still say what the records say.
@Suite("Dashboard: breakdowns counted by the database")
struct DashboardCountsTests {
    @Test("Applications per respondent agency and the deadlines at risk match the records and the queues", arguments: TestDatabase.all)
    func breakdowns(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await RollupAndReportTests().loadDemo(app)
            let leader = try await TestClient.api(app, "leader")
            let year = 2025
            // The records, fetched and counted one by one.
            let received = try await CaseRecord.query(on: app.db).filter(\.$line == .reconsideration)
                .filter(\.$receivedOn >= "\(year)-01-01").filter(\.$receivedOn <= "\(year)-12-31").all()
            var expected: [UUID: Int] = [:]
            for record in received { if let agency = record.$agency.id { expected[agency, default: 0] += 1 } }
            #expect(expected.count > 3, "the demo year names several agencies")

            // The counts the database gives for the same query.
            let query = ReportQuery(db: app.db, year: year, orgIDs: nil)
            let counted = try await ReconsiderationMetrics.received(query).counts(by: \.$agency.$id)
            #expect(counted.compactMapKeys { $0 } == expected)

            var overdueTotal = 0
            try await leader.get("/api/v1/reconsideration/cases?queue=overdue") { res in
                overdueTotal = try res.content.decode(CaseQueuePage.self).total
            }
            try await leader.getPage("/dashboard?year=\(year)") { res in
                #expect(res.status == .ok)
                for (agency, count) in expected {
                    #expect(res.text.contains("agency=\(agency)\">\(count)件"), "agency \(agency): \(count)")
                }
                #expect(res.text.contains("queue=overdue\">\(overdueTotal)件"), "overdue: \(overdueTotal)")
            }
        }
    }
}

extension Dictionary {
    /// The entries whose key `transform` maps to a value.
    func compactMapKeys<T: Hashable>(_ transform: (Key) -> T?) -> [T: Value] {
        var result: [T: Value] = [:]
        for (key, value) in self { if let mapped = transform(key) { result[mapped] = value } }
        return result
    }
}
