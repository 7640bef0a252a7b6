import FazhiCore
import Fluent
import FluentSQL
@testable import FazhiServer
import Foundation
import Testing
import Vapor

/// `fazhi report --recount` counts every metric with one query the database answers from indexes alone, as `COUNT(*)`:
/// the counts must be the records' counts, and on SQLite the plans must not read the rows (at 10⁵ cases, reading them
/// was most of the recount's time).
@Suite("Recount: metrics counted from indexes")
struct RecountCountsTests {
    @Test("COUNT(*) counts what Fluent's count() counts, joins included", arguments: TestDatabase.all)
    func rowCountEqualsCount(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await RollupAndReportTests().loadDemo(app)
            let query = ReportQuery(db: app.db, year: 2025, orgIDs: nil)
            let concluded = ReconsiderationMetrics.concluded(query)
            #expect(try await concluded.rowCount() == concluded.count())
            #expect(try await concluded.rowCount() > 10)
            let received = ReconsiderationMetrics.received(query)
            #expect(try await received.rowCount() == received.count())
            let letters = query.eventQuery(.reconsideration, kinds: ["issueOpinionLetter"])
            #expect(try await letters.rowCount() == letters.count())
            let decisions = CaseDeadlineRecord.query(on: app.db)
                .join(CaseRecord.self, on: \CaseDeadlineRecord.$caseRecord.$id == \CaseRecord.$id)
                .filter(\.$ruleKey ~~ ReconsiderationMetrics.decisionRules)
                .group(.and) { ReconsiderationMetrics.concludedFilter($0, query) }
            #expect(try await decisions.rowCount() == decisions.count())
            #expect(try await decisions.rowCount() > 10)
        }
    }

    @Test("On SQLite the concluded cases and their decision deadlines are counted from covering indexes")
    func coveringPlans() async throws {
        try await withTestApp(.sqlite) { app in
            let query = ReportQuery(db: app.db, year: 2025, orgIDs: nil)
            let concluded = try await plan(ReconsiderationMetrics.concluded(query), app)
            #expect(concluded.allSatisfy { $0.contains("COVERING INDEX cases_concluded_agency_id_idx") }, "\(concluded)")
            let received = try await plan(ReconsiderationMetrics.received(query), app)
            #expect(received.allSatisfy { $0.contains("COVERING INDEX cases_received_agency_idx") }, "\(received)")
            let onTime = try await plan(CaseDeadlineRecord.query(on: app.db)
                .join(CaseRecord.self, on: \CaseDeadlineRecord.$caseRecord.$id == \CaseRecord.$id)
                .filter(\.$ruleKey ~~ ReconsiderationMetrics.decisionRules)
                .filter(\.$completedOn != nil)
                .filter(\.$completedOn, .lessThanOrEqual, \.$dueOn)
                .group(.and) { ReconsiderationMetrics.concludedFilter($0, query) }, app)
            #expect(onTime.count == 2 && onTime.allSatisfy { $0.contains("COVERING INDEX") }, "\(onTime)")
            let letters = try await plan(query.eventQuery(.reconsideration, kinds: ["issueOpinionLetter"]), app)
            #expect(letters.contains { $0.contains("COVERING INDEX case_events_kind_date_idx") }, "\(letters)")
        }
    }

    /// SQLite's plan for counting `builder`'s rows as `rowCount()` does, one step a line.
    private func plan<M: Model>(_ builder: QueryBuilder<M>, _ app: Application) async throws -> [String] {
        var query = builder.query
        query.action = .aggregate(.custom(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("aggregate"))))
        let select = SQLQueryConverter(delegate: PlanConverter()).convert(query)
        let sql = try #require(app.db as? SQLDatabase)
        return try await sql.raw("EXPLAIN QUERY PLAN \(select)").all().map { try $0.decode(column: "detail", as: String.self) }
    }
}

private struct PlanConverter: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? { nil }
}
