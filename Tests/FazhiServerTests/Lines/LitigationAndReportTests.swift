import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

extension TestClient {
    /// Registers a lawsuit against `agencyCode` served on `servedOn`; returns its id.
    func lawsuit(_ app: Application, servedOn: String, agencyCode: String, number: String) async throws -> UUID {
        let agency = try await app.org(code: agencyCode)
        var id: UUID?
        try await send(.POST, "/api/v1/litigation/cases", json: JSONBody([
            "servedOn": .string(servedOn), "court": .string("天津市河东区人民法院"), "courtCaseNumber": .string(number),
            "claims": .string("撤销被诉行政行为"), "defendantID": .string(agency.id!.uuidString),
            "plaintiffs": .array([.object(["kind": .string("person"), "name": .string("李四")])]),
        ])) { res in
            #expect(res.status == .created, "\(res.text)")
            id = try res.content.decode(CaseBody<LitigationModule.Detail>.self).id
        }
        return try #require(id)
    }

    func litigationEvent(_ id: UUID, _ body: [String: AnyJSON], expect status: HTTPStatus = .created) async throws {
        try await send(.POST, "/api/v1/litigation/cases/\(id)/events", json: JSONBody(body)) { res in
            #expect(res.status == status, "\(res.text)")
        }
    }
}

@Suite("Litigation response and the year's figures")
struct LitigationAndReportTests {
    @Test("Lawsuits: the 15-day defence deadline, hearings with or without the head, the appearance rate", arguments: TestDatabase.all)
    func litigation(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "yingsu")
            let first = try await officer.lawsuit(app, servedOn: "2024-09-20", agencyCode: "120102-AG-SJ", number: "（2024）津0102行初88号")
            try await officer.get("/api/v1/litigation/cases/\(first)") { res in
                let body = try res.content.decode(CaseBody<LitigationModule.Detail>.self)
                let defence = try #require(body.deadlines?.first { $0.ruleKey == "litigation.defence" })
                // 15 calendar days from 2024-09-20 is 2024-10-05, in the National Day holiday: rolls to 2024-10-08.
                #expect(defence.due == "2024-10-08")
                #expect(defence.basis.contains("第六十七条"))
            }
            try await officer.litigationEvent(first, ["kind": .string("submitDefence"), "date": .string("2024-09-30"), "version": .int(1)])
            try await officer.litigationEvent(first, ["kind": .string("holdHearing"), "date": .string("2024-11-12"), "headAppeared": .bool(true),
                                                      "appearerName": .string("刘局长"), "appearerTitle": .string("副局长"), "version": .int(2)])
            // The head absent without an excuse: refused.
            try await officer.litigationEvent(first, ["kind": .string("holdHearing"), "date": .string("2024-12-03"), "headAppeared": .bool(false),
                                                      "appearerName": .string("王律师"), "appearerTitle": .string("律师"), "version": .int(3)],
                                              expect: .unprocessableEntity)
            let second = try await officer.lawsuit(app, servedOn: "2024-10-10", agencyCode: "120102-AG-RS", number: "（2024）津0102行初95号")
            try await officer.litigationEvent(second, ["kind": .string("holdHearing"), "date": .string("2024-12-05"), "headAppeared": .bool(false),
                                                       "appearerName": .string("赵科长"), "appearerTitle": .string("法制科科长"),
                                                       "excuse": .string("exclusiveDuties"), "proofDescription": .string("加盖公章的情况说明"),
                                                       "version": .int(1)])
            try await officer.get("/api/v1/litigation/head-appearance?year=2024") { res in
                let body = try res.content.decode(LitigationMetrics.Appearance.self)
                #expect(body.district.hearings == 2)
                #expect(body.district.appeared == 1)
                #expect(body.agencies.count == 2)
            }
            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2024, orgCode: nil)
            #expect(figures.values.first { $0.0.key == "litigation.head_appearance_rate" }?.1 == .rate(numerator: 1, denominator: 2))
        }
    }

    @Test("The year's reconsideration figures count carried-over cases, mediation, on-time and corrections", arguments: TestDatabase.all)
    func reconsiderationFigures(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            // Received in 2023, accepted in 2023, decided in 2024 (carried over): concluded in 2024, received in 2023.
            let carried = try await officer.register(try await registration(app, receivedOn: "2023-11-20", knewOn: "2023-11-01"))
            try await officer.event(carried.id, ["kind": .string("accept"), "date": .string("2023-11-22"), "version": .int(1)])
            try await officer.event(carried.id, ["kind": .string("decide"), "date": .string("2024-01-10"), "outcome": .string("revoke"), "version": .int(2)])
            // Received and mediated in 2024.
            let mediated = try await officer.register(try await registration(app, receivedOn: "2024-03-01"))
            try await officer.event(mediated.id, ["kind": .string("accept"), "date": .string("2024-03-04"), "version": .int(1)])
            try await officer.event(mediated.id, ["kind": .string("mediate"), "date": .string("2024-04-01"), "version": .int(2)])
            // Received 2024, upheld late: accepted 2024-03-04, due 2024-05-06, decided 2024-05-20.
            let late = try await officer.register(try await registration(app, receivedOn: "2024-03-01"))
            try await officer.event(late.id, ["kind": .string("accept"), "date": .string("2024-03-04"), "version": .int(1)])
            try await officer.event(late.id, ["kind": .string("decide"), "date": .string("2024-05-20"), "outcome": .string("uphold"), "version": .int(2)])
            // Received 2024, rejected: received but never concluded.
            let rejected = try await officer.register(try await registration(app, receivedOn: "2024-06-03"))
            try await officer.event(rejected.id, ["kind": .string("reject"), "date": .string("2024-06-05"), "reason": .string("不属于行政复议范围"),
                                                  "version": .int(1)])
            // Received 2024, still open at year end.
            _ = try await officer.register(try await registration(app, receivedOn: "2024-12-20", knewOn: "2024-12-01"))
            // An opinion letter in 2024.
            try await officer.event(carried.id, ["kind": .string("issueOpinionLetter"), "date": .string("2024-01-15"), "version": .int(3)])

            let figures = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2024, orgCode: "120102")
            let values = Dictionary(uniqueKeysWithValues: figures.values.map { ($0.0.key, $0.1) })
            #expect(values["reconsideration.received"] == .count(4))
            #expect(values["reconsideration.concluded"] == .count(3))
            #expect(values["reconsideration.mediated"] == .count(1))
            #expect(values["reconsideration.on_time_rate"] == .rate(numerator: 2, denominator: 3))
            #expect(values["reconsideration.correction_rate"] == .rate(numerator: 1, denominator: 2))
            #expect(values["reconsideration.opinion_letters"] == .count(1))
            let json = try JSONSerialization.jsonObject(with: try figures.json()) as? [String: Any]
            #expect(json?["year"] as? Int == 2024)
            #expect(json?["org"] as? String == "120102")
            let metrics = json?["metrics"] as? [String: Any]
            #expect(metrics?["reconsideration.received"] as? Int == 4)
            #expect(abs((metrics?["reconsideration.on_time_rate"] as? Double ?? 0) - 2.0 / 3.0) < 1e-9)
            // A station's subtree has none of them.
            let station = try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2024, orgCode: "120102-JS06")
            #expect(station.values.first { $0.0.key == "reconsideration.received" }?.1 == .count(0))
            await #expect(throws: FieldError.self) { try await AnnualFigures.compute(db: app.db, modules: app.modules, year: 2024, orgCode: "nope") }
        }
    }
}
