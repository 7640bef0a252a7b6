import FazhiCore
@testable import FazhiServer
import Foundation
import Testing
import VaporTesting

/// The case page and the API accept the same events (issue 11, item 4): the page offers what the line's rules allow for
/// the folded case, and both record through the same rules.
@Suite("The case page and the API accept the same events")
struct CaseEventPathsTests {
    @Test("An opinion letter's compliance is offered and recorded on the page while the case is under review, as in the API",
          arguments: TestDatabase.all)
    func complianceUnderReview(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            func openLetter() async throws -> UUID {
                let id = try await officer.register(try await registration(app)).id
                try await officer.event(id, ["kind": .string("accept"), "date": .string("2024-03-05"), "procedure": .string("ordinary"),
                                             "version": .int(1)])
                let current = try await officer.event(id, ["kind": .string("issueOpinionLetter"), "date": .string("2024-03-10"),
                                                           "version": .int(2)])
                #expect(current?.state == "underReview")
                return id
            }

            let throughAPI = try await openLetter()
            let recorded = try await officer.event(throughAPI, ["kind": .string("recordOpinionCompliance"), "date": .string("2024-03-20"),
                                                                "version": .int(3)])
            #expect(recorded?.events?.last?.kind == "recordOpinionCompliance")

            let throughPage = try await openLetter()
            try await officer.getPage("/reconsideration/\(throughPage)") { res in
                #expect(res.text.contains("登记意见书落实情况"))
            }
            try await officer.postForm("/reconsideration/\(throughPage)/events",
                                       ["kind": "recordOpinionCompliance", "date": "2024-03-20", "version": "3"]) { res in
                #expect(res.status == .seeOther)
            }
            try await officer.get("/api/v1/reconsideration/cases/\(throughPage)") { res in
                let body = try res.content.decode(ReconsiderationCase.self)
                #expect(body.events?.last?.kind == "recordOpinionCompliance")
            }

            // Once complied with, neither offers it again, and both refuse it with the same reason.
            try await officer.getPage("/reconsideration/\(throughPage)") { res in
                #expect(!res.text.contains("登记意见书落实情况"))
            }
            var reason = ""
            try await officer.send(.POST, "/api/v1/reconsideration/cases/\(throughAPI)/events",
                                   json: JSONBody(["kind": .string("recordOpinionCompliance"), "date": .string("2024-03-21"),
                                                   "version": .int(4)])) { res in
                #expect(res.status == .unprocessableEntity)
                reason = res.errorBody?.error.message ?? ""
            }
            #expect(!reason.isEmpty)
            try await officer.postForm("/reconsideration/\(throughPage)/events",
                                       ["kind": "recordOpinionCompliance", "date": "2024-03-21", "version": "4"]) { res in
                #expect(res.status == .unprocessableEntity && res.text.contains(reason))
            }
        }
    }
}
