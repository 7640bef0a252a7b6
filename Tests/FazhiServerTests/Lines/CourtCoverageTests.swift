import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Legal publicity: court attendance by employee")
struct CourtCoverageTests {
    static func coverage(_ client: TestClient, year: Int) async throws -> CourtCoverage.Model {
        var model: CourtCoverage.Model?
        try await client.get("/api/v1/publicity/court-attendance?year=\(year)") { res in
            #expect(res.status == .ok, "\(res.text)")
            model = try res.content.decode(CourtCoverage.Model.self)
        }
        return try #require(model)
    }

    @Test("Who attended each batch, by name: each unit's distinct attendees after each batch against its latest staff count",
          arguments: TestDatabase.all)
    func coverage(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let attendees = try #require(app.modules.bookKind("publicity.courtAttendee"))
            let units = try #require(app.modules.bookKind("publicity.examUnit"))
            _ = try await LedgerFixtures.importRows(app, units, [
                ["occurredOn": "2023-01-05", "title": "单位甲", "quantity": "10"],
                ["occurredOn": "2023-01-05", "title": "单位乙", "quantity": "9"],
                // A later count replaces the earlier one.
                ["occurredOn": "2024-01-05", "title": "单位乙", "quantity": "4"],
                // After the year: not this year's denominator.
                ["occurredOn": "2025-01-05", "title": "单位甲", "quantity": "99"],
            ])
            func person(_ day: String, _ batch: String, _ unit: String, _ name: String) -> [String: String] {
                ["occurredOn": day, "title": batch, "unit": unit, "person": name]
            }
            let rows = [
                person("2024-04-18", "第一批", "单位甲", "甲一"), person("2024-04-18", "第一批", "单位甲", "甲二"),
                person("2024-04-18", "第一批", "单位甲", "甲三"), person("2024-04-18", "第一批", "单位乙", "乙一"),
                person("2024-07-18", "第二批", "单位甲", "甲三"), person("2024-07-18", "第二批", "单位甲", "甲四"),
                person("2024-07-18", "第二批", "单位乙", "乙二"), person("2024-07-18", "第二批", "单位乙", "乙三"),
                person("2024-07-18", "第二批", "单位乙", "乙四"), person("2024-07-18", "第二批", "单位丙", "丙一"),
            ]
            #expect(try await LedgerFixtures.importRows(app, attendees, rows).added == 10)
            // The same person in the same batch again adds nothing.
            #expect(try await LedgerFixtures.importRows(app, attendees, [person("2024-07-19", "第二批", "单位甲", "甲四")]).added == 0)

            let office = try await TestClient.api(app, "pufa")
            let coverage = try await Self.coverage(office, year: 2024)
            #expect(coverage.batches == ["第一批", "第二批"])
            #expect(coverage.units.map(\.unit) == ["单位丙", "单位甲", "单位乙"])
            #expect(coverage.units.map(\.staff) == [nil, 10, 4])
            #expect(coverage.units.map(\.attended) == [[0, 1], [3, 4], [1, 4]])
            #expect(coverage.units.map(\.coverage) == [[nil, nil], [30.0, 40.0], [25.0, 100.0]])
            #expect(coverage.staff == 14)
            // Only the units with a staff count are covered; 单位丙's attendee is shown apart.
            #expect(coverage.attended == [4, 8])
            #expect(coverage.coverage == [28.6, 57.1])
            #expect(coverage.unstaffedUnits == ["单位丙"] && coverage.unstaffedAttended == [0, 1])

            try await office.getPage("/publicity/court-attendance?year=2024") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("截至第二批"))
                #expect(res.text.contains("4（100.0%）"))
                #expect(res.text.contains("不计入覆盖率") && res.text.contains("单位丙"))
            }
            try await office.get("/api/v1/publicity/court-attendance?year=20245") { res in
                #expect(res.status == .badRequest)
            }
            // A station reads its street's books only: none of these.
            let station = try await TestClient.api(app, "chunhua")
            try await station.get("/api/v1/publicity/court-attendance?year=2024") { res in
                #expect(res.status == .ok)
                let units = try res.content.decode(CourtCoverage.Model.self).units
                #expect(units.isEmpty)
            }
        }
    }

    @Test("Coverage is counted once, against the units with a staff count only: never over 100 %, the same on the overview and the attendance page, the units without a count shown apart",
          arguments: TestDatabase.all)
    func coverageOfStaffedUnits(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            func kind(_ code: String) throws -> any BookKind { try #require(app.modules.bookKind(code)) }
            _ = try await LedgerFixtures.importRows(app, try kind("publicity.examUnit"), [
                ["occurredOn": "2024-01-05", "title": "单位甲", "quantity": "4"],
                // A count of 0 is no count.
                ["occurredOn": "2024-01-05", "title": "单位戊", "quantity": "0"],
            ])
            // 单位丙 has no staff count: its five attendees would make 8 of 4, 200 %.
            var people: [[String: String]] = (1...3).map { ["occurredOn": "2024-04-18", "title": "第一批", "unit": "单位甲", "person": "甲\($0)"] }
            people += (1...5).map { ["occurredOn": "2024-04-18", "title": "第一批", "unit": "单位丙", "person": "丙\($0)"] }
            _ = try await LedgerFixtures.importRows(app, try kind("publicity.courtAttendee"), people)
            _ = try await LedgerFixtures.importRows(app, try kind("publicity.courtAttendance"), [
                ["occurredOn": "2024-04-18", "title": "第一批", "unit": "单位甲", "quantity": "3"],
                ["occurredOn": "2024-04-18", "title": "第一批", "unit": "单位丙", "quantity": "5"],
            ])
            let office = try await TestClient.api(app, "pufa")
            let coverage = try await Self.coverage(office, year: 2024)
            #expect(coverage.staff == 4 && coverage.attended == [3] && coverage.coverage == [75.0])
            #expect(coverage.unstaffedUnits == ["单位丙"] && coverage.unstaffedAttended == [5])
            #expect(coverage.units.first { $0.unit == "单位戊" }?.staff == nil)
            let overview = try await PublicityLineTests.overview(office, "year=2024")
            #expect(overview.courtStaff == 4)
            #expect(overview.batches.map(\.cumulativeCoverage) == coverage.coverage)
            #expect(overview.batches.map(\.unstaffedAttendees) == [5])
            #expect(overview.batches.map(\.attendees) == [8])
        }
    }
}
