import FazhiCore
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Deadline calculator and working calendar (server)")
struct DeadlineServerTests {
    @Test("The API computes with the basis and the explanation", arguments: TestDatabase.all)
    func computeAPI(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let client = try await TestClient.api(app, "fuyi")
            // Accepted on 2024-09-20: 60 calendar days → 2024-11-19 (a Tuesday, no roll-forward).
            try await client.get("/api/v1/deadlines/compute?from=2024-09-20&rule=reconsideration.decision") { res in
                #expect(res.status == .ok)
                let body = try res.content.decode(CalculatorController.ResultBody.self)
                #expect(body.due == "2024-11-19")
                #expect(body.dueChinese == "2024年11月19日")
                #expect(body.provisional == false)
                #expect(body.basis?.contains("第六十二条") == true)
                #expect(body.explanation.contains { $0.contains("依据") })
            }
            // A pause of 10 days moves it by 10 days.
            try await client.get("/api/v1/deadlines/compute?from=2024-09-20&rule=reconsideration.decision&pause=2024-10-10..2024-10-19") { res in
                let body = try res.content.decode(CalculatorController.ResultBody.self)
                #expect(body.due == "2024-11-29")
            }
            try await client.get("/api/v1/deadlines/compute?from=2024-09-20&rule=no.such.rule") { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "rule")
                #expect(res.errorBody?.error.code == "unknown_rule")
            }
            try await client.get("/api/v1/deadlines/rules") { res in
                let rules = try res.content.decode([CalculatorController.RuleBody].self)
                #expect(rules.contains { $0.key == "reconsideration.acceptance" && $0.unit == "working" && $0.limit == 5 })
                #expect(rules.allSatisfy { !$0.basis.isEmpty })
            }
        }
    }

    @Test("The calculator page shows the due date, or the error under its field", arguments: [TestDatabase.sqlite])
    func calculatorPage(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let client = try await TestClient.api(app, "chunhua")
            try await client.getPage("/deadlines/calculator?from=2025-01-24&days=5&working=on") { res in
                #expect(res.status == .ok)
                // 2025-01-26 (Sunday) is a make-up working day; Spring Festival 01-28..02-04.
                #expect(res.text.contains("2025年2月7日"))
                #expect(res.text.contains("春节"))
            }
            try await client.getPage("/deadlines/calculator?from=2025-01-24&rule=reconsideration.decision&pauses=2025-03-10..2025-03-01") { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("id=\"f-pauses-error\""))
            }
        }
    }

    @Test("An admin imports a year; provisional deadlines become final; bad data names the field", arguments: TestDatabase.all)
    func importYear(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let admin = try await TestClient.api(app, "admin")
            let path = "/api/v1/deadlines/compute?from=2027-01-29&days=10&working=true"
            try await admin.get(path) { res in
                let body = try res.content.decode(CalculatorController.ResultBody.self)
                #expect(body.provisional)
                #expect(body.missingYears == [2027])
                #expect(body.due == "2027-02-12")   // weekends only
            }
            try await app.testing().test(.PUT, "/api/v1/calendar/years/2027", headers: admin.bearer, beforeRequest: { req in
                req.body = ByteBuffer(string: CalendarFixtures.year2027)
                req.headers.contentType = .json
            }, afterResponse: { res in
                #expect(res.status == .ok)
                let body = try res.content.decode(CalendarController.ImportBody.self)
                #expect(body.year.source == .imported)
                #expect(body.replaced == false)
            })
            try await admin.get(path) { res in
                let body = try res.content.decode(CalculatorController.ResultBody.self)
                #expect(!body.provisional)
                // 02-01..02-05 (5), 02-06..02-13 holiday, 02-14 make-up (6), 02-15..02-18 (10).
                #expect(body.due == "2027-02-18")
            }
            // A year that contradicts itself is refused, naming the field; nothing is stored.
            let bad = CalendarFixtures.year2027.replacingOccurrences(of: "\"2027-02-14\"", with: "\"2027-02-08\"")
            try await app.testing().test(.PUT, "/api/v1/calendar/years/2027", headers: admin.bearer, beforeRequest: { req in
                req.body = ByteBuffer(string: bad)
                req.headers.contentType = .json
            }, afterResponse: { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field?.hasPrefix("workdays") == true)
            })
            try await app.testing().test(.PUT, "/api/v1/calendar/years/2028", headers: admin.bearer, beforeRequest: { req in
                req.body = ByteBuffer(string: CalendarFixtures.year2027)
                req.headers.contentType = .json
            }, afterResponse: { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "year")
            })
            let years = try await CalendarStore(db: app.db).years()
            #expect(years.map(\.notice.year) == [2024, 2025, 2026, 2027])
            #expect(years.last?.notice.workdays.map(\.description) == ["2027-02-14"])
            // Only admins import.
            let officer = try await TestClient.api(app, "fuyi")
            try await app.testing().test(.PUT, "/api/v1/calendar/years/2027", headers: officer.bearer, beforeRequest: { req in
                req.body = ByteBuffer(string: CalendarFixtures.year2027)
                req.headers.contentType = .json
            }, afterResponse: { res in #expect(res.status == .forbidden) })
        }
    }
}
