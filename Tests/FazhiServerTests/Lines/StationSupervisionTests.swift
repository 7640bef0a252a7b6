import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Enforcement supervision: the stations' coordination supervision per street")
struct StationSupervisionTests {
    struct Input: Content {
        var values: [String: String]
    }

    static func model(_ client: TestClient, _ query: String) async throws -> StationSupervision.Model {
        var model: StationSupervision.Model?
        try await client.get("/api/v1/enforcement/stations?\(query)") { res in
            #expect(res.status == .ok, "\(res.text)")
            model = try res.content.decode(StationSupervision.Model.self)
        }
        return try #require(model)
    }

    @Test("Each station's records in its street counted for the year, by quarter; those with none marked; a station sees its own",
          arguments: TestDatabase.all)
    func perStreet(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let kind = "enforcement.stationSupervision"
            let chunhua = try await TestClient.api(app, "chunhua"), dawangzhuang = try await TestClient.api(app, "dawangzhuang")
            for (client, day, title, files, referred) in [(chunhua, "2024-02-10", "综合执法队案卷评查", "8", "1"),
                                                          (chunhua, "2024-08-01", "行政检查现场监督", "5", "0"),
                                                          (chunhua, "2023-12-30", "上年度评查", "9", "9"),
                                                          (dawangzhuang, "2024-05-05", "赋权事项走访", "3", "2")] {
                try await client.send(.POST, "/api/v1/ledgers/\(kind)/entries",
                                      json: Input(values: ["occurredOn": day, "title": title, "quantity": files, "referred": referred])) { res in
                    #expect(res.status == .created, "\(res.text)")
                }
            }
            let stations = try await Org.query(on: app.db).filter(\.$kind == .judicialStation).filter(\.$active == true).count()
            let office = try await TestClient.api(app, "zhifa")
            let model = try await Self.model(office, "year=2024")
            #expect(model.stations.count == stations)
            #expect(model.records == 3 && model.filesReviewed == 16 && model.issuesReferred == 3)
            #expect(model.silent.count == stations - 2)
            // Fewest records first: the silent streets, then 大王庄 (1), then 春华 (2).
            #expect(model.stations.suffix(2).map(\.street) == ["大王庄街道", "春华街道"])
            let spring = try #require(model.stations.last)
            #expect(spring.station == "春华街道司法所")
            #expect(spring.records == 2 && spring.filesReviewed == 13 && spring.issuesReferred == 1)
            #expect(spring.byQuarter == [1, 0, 1, 0])
            #expect(spring.lastOn == "2024-08-01")

            // The station sees its own street only.
            let own = try await Self.model(chunhua, "year=2024")
            #expect(own.stations.map(\.station) == ["春华街道司法所"])
            try await office.getPage("/enforcement/stations?year=2024") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("春华街道") && res.text.contains("尚无记录"))
                #expect(res.text.contains("orgID=\(spring.stationID)&amp;year=2024"))
            }
            try await office.get("/api/v1/enforcement/stations?year=abc") { res in #expect(res.status == .badRequest) }
        }
    }
}
