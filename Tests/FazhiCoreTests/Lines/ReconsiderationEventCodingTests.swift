import Foundation
import Testing
@testable import FazhiCore

/// Events are stored and sent as flat JSON with `kind`; every kind must survive the round trip.
@Suite struct ReconsiderationEventCodingTests {
    static let samples: [ReconsiderationEvent] = [
        .receive(date: day("2024-03-04"), knewOn: day("2024-02-20"), actDate: day("2024-02-18"), informedOfRight: false,
                 learnedOfRightOn: day("2024-02-25"), realProperty: true, channel: .post, postedOn: day("2024-03-01")),
        .requestSupplement(date: day("2024-03-05"), items: "身份证明"),
        .receiveSupplement(date: day("2024-03-06")),
        .abandon(date: day("2024-03-07")),
        .accept(date: day("2024-03-08"), procedure: .simplified),
        .deemAccept(date: day("2024-03-09")),
        .reject(date: day("2024-03-10"), reason: "不属于行政复议范围"),
        .sendCopy(date: day("2024-03-11"), deliveredOn: day("2024-03-12")),
        .deliverCopy(date: day("2024-03-12")),
        .receiveReply(date: day("2024-03-13")),
        .scheduleHearing(date: day("2024-03-14"), hearingOn: day("2024-03-25")),
        .holdHearing(date: day("2024-03-25")),
        .requestFileReading(date: day("2024-03-26"), requester: "申请人代理人"),
        .grantFileReading(date: day("2024-03-27")),
        .suspend(date: day("2024-03-28"), ground: .normativeDocumentReview, note: "附带审查"),
        .resume(date: day("2024-04-01")),
        .extend(date: day("2024-04-02"), days: 30, approver: "李主任"),
        .convertProcedure(date: day("2024-04-03"), approver: "李主任"),
        .mediate(date: day("2024-04-04")),
        .settleAndWithdraw(date: day("2024-04-05")),
        .withdraw(date: day("2024-04-06")),
        .terminate(date: day("2024-04-07"), ground: .criminalMeasures),
        .decide(date: day("2024-04-08"), outcome: .revoke, partial: true, orderRedo: true),
        .issueOpinionLetter(date: day("2024-04-09"), recipient: "区城管委", deliveredOn: day("2024-04-10")),
        .deliverOpinionLetter(date: day("2024-04-10"), letter: 1),
        .recordOpinionCompliance(date: day("2024-04-11"), letter: 1),
        .issueRecommendationLetter(date: day("2024-04-12"), recipient: "区政府办"),
    ]

    @Test("Every kind has a sample")
    func allKinds() {
        #expect(Self.samples.map(\.kind) == ReconsiderationEvent.kinds)
    }

    @Test("Round trip through flat JSON", arguments: samples)
    func roundTrip(_ event: ReconsiderationEvent) throws {
        let data = try JSONEncoder().encode(event)
        #expect(try JSONDecoder().decode(ReconsiderationEvent.self, from: data) == event)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["kind"] as? String == event.kind)
        #expect(object["date"] as? String == event.date.description)
        #expect(object.values.allSatisfy { !($0 is [String: Any]) }, "flat: no nested objects")
        #expect(!event.summary.isEmpty)
    }

    @Test("Documented shapes decode, with defaults for optional fields")
    func documentedShapes() throws {
        func decode(_ json: String) throws -> ReconsiderationEvent {
            try JSONDecoder().decode(ReconsiderationEvent.self, from: Data(json.utf8))
        }
        #expect(try decode(#"{"kind":"accept","date":"2024-03-01","procedure":"simplified"}"#)
            == .accept(date: day("2024-03-01"), procedure: .simplified))
        #expect(try decode(#"{"kind":"accept","date":"2024-03-01"}"#) == .accept(date: day("2024-03-01")))
        #expect(try decode(#"{"kind":"receive","date":"2024-03-01","knewOn":"2024-02-01"}"#)
            == .receive(date: day("2024-03-01"), knewOn: day("2024-02-01")))
        #expect(try decode(#"{"kind":"suspend","date":"2024-03-01","ground":"applicantDied"}"#)
            == .suspend(date: day("2024-03-01"), ground: .applicantDied))
        #expect(throws: DecodingError.self) { try decode(#"{"kind":"approve","date":"2024-03-01"}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"kind":"accept","date":"2024-02-30"}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"kind":"extend","date":"2024-03-01","days":10}"#) }
    }

    @Test("Outcomes: corrections and merits as REPORT.md counts them")
    func outcomes() {
        let corrections = ReconsiderationOutcome.allCases.filter(\.isCorrection)
        #expect(corrections == [.change, .revoke, .confirmIllegal, .orderPerformance, .confirmInvalid])
        #expect(ReconsiderationOutcome.allCases.filter(\.isMerits) == corrections + [.uphold, .dismissRequest])
        #expect(ReconsiderationOutcome.allCases.filter(\.isMediated) == [.mediation, .settlementWithdrawal])
        #expect(SuspensionGround.allCases.filter(\.promptsTermination).map(\.item) == [1, 2, 4])
        #expect(SuspensionGround.organisationEnded.basis == "《中华人民共和国行政复议法》第三十九条第一款第（四）项")
        #expect(ReconsiderationOutcome.allCases.map { $0.basis.dropFirst(14) }.prefix(8)
            == ["第六十三条", "第六十四条", "第六十五条", "第六十六条", "第六十七条", "第六十八条", "第六十九条", "第三十三条"])
        #expect(ReconsiderationOutcome.termination.basis == "《中华人民共和国行政复议法》第四十一条")
        #expect(TerminationGround.suspensionExpired.basis == "《中华人民共和国行政复议法》第四十一条第（五）项")
    }
}
