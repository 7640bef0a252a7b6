import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

// What many tests do with a reconsideration case: register one (valid input) and record its events through the API.

typealias ReconsiderationCase = CaseBody<ReconsiderationDetailBody>

/// Registration input for tests: one applicant with a valid ID number, against 河东区市场监督管理局.
func registration(_ app: Application, receivedOn: String = "2024-03-01", knewOn: String = "2024-02-20",
                  idNumber: String = "120102198503150011") async throws -> [String: AnyJSON] {
    let respondent = try await app.org(code: "120102-AG-SJ")
    return [
        "receivedOn": .string(receivedOn), "knewOn": .string(knewOn), "channel": .string("reception"),
        "respondentID": .string(respondent.id!.uuidString),
        "act": .string("河市监罚〔2024〕15号行政处罚决定"), "request": .string("撤销该行政处罚决定"),
        "applicants": .array([.object(["kind": .string("person"), "name": .string("张三"), "idNumber": .string(idNumber),
                                       "phone": .string("13812345678"), "address": .string("河东区春华街道某小区")])]),
    ]
}

extension TestClient {
    func register(_ body: [String: AnyJSON]) async throws -> ReconsiderationCase {
        var result: ReconsiderationCase?
        try await send(.POST, "/api/v1/reconsideration/cases", json: JSONBody(body)) { res in
            #expect(res.status == .created, "\(res.text)")
            result = try res.content.decode(ReconsiderationCase.self)
        }
        return try #require(result)
    }

    /// Records an event; returns the status and the case after it.
    @discardableResult
    func event(_ id: UUID, _ body: [String: AnyJSON], expect status: HTTPStatus = .created) async throws -> ReconsiderationCase? {
        var result: ReconsiderationCase?
        try await send(.POST, "/api/v1/reconsideration/cases/\(id)/events", json: JSONBody(body)) { res in
            #expect(res.status == status, "\(res.text)")
            if res.status == .created { result = try res.content.decode(ReconsiderationCase.self) }
        }
        return result
    }
}

/// A suspension ground any test may use (行政复议法第三十九条).
enum SuspensionGroundSample {
    static let any = "awaitingOtherCase"
}
