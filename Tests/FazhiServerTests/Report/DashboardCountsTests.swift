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
                    #expect(res.text.contains("agency=\(agency)&amp;org=120102\">\(count)件"), "agency \(agency): \(count)")
                }
                #expect(res.text.contains("queue=overdue\">\(overdueTotal)件"), "overdue: \(overdueTotal)")
            }
        }
    }
}

extension DashboardCountsTests {
    @Test("The dashboard's model, read without a page: its panels, figures and risk rows are the records' counts", arguments: TestDatabase.all)
    func model(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await RollupAndReportTests().loadDemo(app)
            let year = 2025
            let leader = try #require(try await User.query(on: app.db).filter(\.$username == "leader").first())
            let viewer = DashboardModel.Viewer(scope: try await Scope.load(userID: leader.id!, on: app.db), userID: leader.id!,
                                               calendar: try await CalendarStore(db: app.db).calendar(), today: ChinaTime.today)
            let model = try await DashboardModel.load(db: app.db, modules: app.modules, viewer: viewer, org: try await app.org(code: "120102"), year: year)
            let orgIDs = Array(viewer.scope.statisticsOrgIDs)
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: year, orgIDs: orgIDs, orgCode: nil)
            let lastYear = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: year - 1, orgIDs: orgIDs, orgCode: nil)
            #expect(model.figures.count == figures.values.count)
            for row in model.figures {
                #expect(row.current == figures[row.metric.key], "\(row.metric.key)")
                #expect(row.previous == lastYear[row.metric.key], "\(row.metric.key)")
            }

            // The month chart adds up to the year's figure, and each bar links to its month's records.
            let monthly = try #require(model.panels.first { $0.title == "按月统计" })
            guard case .months(_, let values, let links) = try #require(monthly.blocks.first) else {
                Issue.record("the first block is the applications' month chart"); return
            }
            #expect(values.count == 12 && links.count == 12)
            #expect(figures["reconsideration.received"] == .count(values.reduce(0, +)))
            #expect(links[2] == "/report/records?metric=reconsideration.received&year=\(year)&month=3")

            // The per-agency table: one row per respondent with its applications, as the records count them.
            let received = try await CaseRecord.query(on: app.db).filter(\.$line == .reconsideration)
                .filter(\.$receivedOn >= "\(year)-01-01").filter(\.$receivedOn <= "\(year)-12-31").all()
            let agencyTable = try #require(model.panels.first { $0.title == "按被申请人统计（行政复议）" })
            guard case .table(_, let rows, _) = try #require(agencyTable.blocks.first) else {
                Issue.record("the agency panel is a table"); return
            }
            #expect(rows.map { $0[1].text } .reduce(0) { $0 + Int($1.dropLast())! } == received.filter { $0.$agency.id != nil }.count)

            // The risk rows are the lengths of the queues they link to: open cases with a running binding or target
            // deadline past, counted here from the records one by one.
            let open = Set(try await CaseRecord.query(on: app.db).filter(\.$line == .reconsideration).filter(\.$isOpen == true)
                .all().compactMap(\.id))
            let yesterday = viewer.today.adding(days: -1).description
            let overdue = Set(try await CaseDeadlineRecord.query(on: app.db).filter(\.$line == .reconsideration).all()
                .filter { $0.completedOn == nil && !$0.paused && $0.kind != .minimum && $0.dueOn <= yesterday && open.contains($0.$caseRecord.id) }
                .map(\.$caseRecord.id)).count
            #expect(overdue > 0, "the demo year leaves some cases overdue")
            let risk = try #require(model.risk.first { $0.line == .reconsideration })
            #expect(risk.overdue == min(overdue, CaseQueue.countLimit) && risk.overdueAtLeast == (overdue > CaseQueue.countLimit))
            #expect(model.byOrg.allSatisfy { !$0.org.isEmpty })
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
