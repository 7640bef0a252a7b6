import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Long queues")
struct LongQueueTests {
    @Test("A queue longer than the count limit says so, offers a next page only when one follows, and keeps its order",
          arguments: TestDatabase.all)
    func longQueue(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let calendar = try await CalendarStore(db: app.db).calendar()
            _ = try await ScaleGenerator(db: app.db, calendar: calendar, protection: app.dataProtection, year: 2025, count: 1200).run()
            let officer = try await TestClient.api(app, "fuyi")
            func page(_ query: String) async throws -> CaseQueuePage {
                var page: CaseQueuePage?
                try await officer.get("/api/v1/reconsideration/cases?\(query)") { res in
                    #expect(res.status == .ok)
                    #expect(res.headers.first(name: "Server-Timing")?.contains("rows;dur=") == true)
                    page = try res.content.decode(CaseQueuePage.self)
                }
                return try #require(page)
            }
            // 1,200 cases: counted up to the limit, and the page says there are more.
            let all = try await page("queue=all")
            #expect(all.total == CaseQueue.countLimit && all.totalIsLowerBound)
            #expect(all.rows.count == CaseQueue.pageSize && all.hasNextPage)
            // Newest first, ties by number: the order the index walks.
            let stored = try await CaseRecord.query(on: app.db).sort(\.$receivedOn, .descending).sort(\.$seq, .descending)
                .limit(CaseQueue.pageSize).all()
            #expect(all.rows.map(\.id) == stored.map { $0.id! })
            // The last page holds the rest (1,200 = 24 pages of 50); the one after it is empty.
            let last = try await page("queue=all&page=24")
            #expect(last.rows.count == 50 && !last.hasNextPage)
            #expect(try await page("queue=all&page=25").rows.isEmpty)
            // A short queue is counted exactly; the open and concluded queues add up to every case.
            let open = try await CaseRecord.query(on: app.db).filter(\.$isOpen == true).count()
            let openPage = try await page("queue=open")
            #expect(open < CaseQueue.countLimit && openPage.total == open && !openPage.totalIsLowerBound)
            // The overdue queue, as the records say: open cases with a running binding or target deadline past.
            let yesterday = ChinaTime.today.adding(days: -1).description
            let openIDs = Set(try await CaseRecord.query(on: app.db).filter(\.$isOpen == true).all().compactMap(\.id))
            let overdue = Set(try await CaseDeadlineRecord.query(on: app.db).all()
                .filter { $0.completedOn == nil && !$0.paused && $0.kind != .minimum && $0.dueOn <= yesterday && openIDs.contains($0.$caseRecord.id) }
                .map(\.$caseRecord.id))
            let overduePage = try await page("queue=overdue")
            #expect(overduePage.total == min(overdue.count, CaseQueue.countLimit))
            #expect(overduePage.rows.allSatisfy { overdue.contains($0.id) })
            // The page on screen: "1000 件以上" and a next page while the page is full.
            try await officer.getPage("/reconsideration?queue=all&page=3") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("\(CaseQueue.countLimit) 件以上"))
                #expect(res.text.contains("page=4"))
            }
            try await officer.getPage("/reconsideration?queue=all&page=24") { res in
                #expect(!res.text.contains("page=25"))
            }
        }
    }
}
