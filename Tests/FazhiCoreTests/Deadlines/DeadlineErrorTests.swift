import Testing
@testable import FazhiCore

@Suite struct DeadlineErrorTests {
    static let catalogue = DeadlineCatalogue.standard

    static func compute(_ request: DeadlineRequest) throws(DeadlineError) -> DeadlineComputation {
        try request.compute(calendar: bundledCalendar).computation
    }

    @Test(arguments: [
        (DeadlineRequest(from: "2024-02-30", days: "5"), DeadlineError.invalidDate(field: "from", value: "2024-02-30")),
        (DeadlineRequest(from: nil, days: "5"), .missingField(field: "from")),
        (DeadlineRequest(from: "2024-03-01", days: "-3"), .nonPositiveLimit(field: "days", value: -3)),
        (DeadlineRequest(from: "2024-03-01", days: "0", working: true), .nonPositiveLimit(field: "days", value: 0)),
        (DeadlineRequest(from: "2024-03-01", days: "x"), .invalidNumber(field: "days", value: "x")),
        (DeadlineRequest(from: "2024-03-01", days: "99999999"), .limitTooLarge(field: "days", value: 99_999_999, maximum: 36_600)),
        (DeadlineRequest(from: "2024-03-01", rule: "reconsideration.nothing"), .unknownRule(key: "reconsideration.nothing")),
        (DeadlineRequest(from: "2024-03-01", days: "5", rule: "reconsideration.acceptance"),
         .daysOrRule(reason: "天数（days）与期限规则（rule）只能指定其一")),
        (DeadlineRequest(from: "2024-03-01"), .daysOrRule(reason: "须指定天数（days）或期限规则（rule）之一")),
        (DeadlineRequest(from: "2024-03-01", rule: "reconsideration.decision.simplified", extend: "10"),
         .extensionNotAllowed(rule: "reconsideration.decision.simplified")),
        (DeadlineRequest(from: "2024-03-01", rule: "reconsideration.decision", extend: "31"),
         .extensionAboveMaximum(rule: "reconsideration.decision", requested: 31, maximum: 30)),
        (DeadlineRequest(from: "2024-03-01", days: "30", extend: "-1"), .nonPositiveExtension(value: -1)),
        (DeadlineRequest(from: "2024-03-01", days: "30", pauses: ["2024-03-10..2024-03-05"]),
         .pauseEndsBeforeStart(index: 0, pause: ClockPause(from: day("2024-03-10"), to: day("2024-03-05")))),
        (DeadlineRequest(from: "2024-03-01", days: "30", pauses: ["2024-03-10"]), .invalidPause(index: 0, value: "2024-03-10")),
        (DeadlineRequest(from: "2024-03-01", days: "30", pauses: ["2024-03-01..2024-03-05"]),
         .pauseOutsidePeriod(index: 0, pause: ClockPause(from: day("2024-03-01"), to: day("2024-03-05")),
                             start: day("2024-03-01"), lastDay: nil)),
        (DeadlineRequest(from: "2024-03-01", days: "30", pauses: ["2024-04-01..2024-04-05"]),
         .pauseOutsidePeriod(index: 0, pause: ClockPause(from: day("2024-04-01"), to: day("2024-04-05")),
                             start: day("2024-03-01"), lastDay: day("2024-03-31"))),
        (DeadlineRequest(from: "2024-03-01", days: "5", working: true, pauses: ["2024-03-09..2024-03-10"]),
         .pauseOutsidePeriod(index: 0, pause: ClockPause(from: day("2024-03-09"), to: day("2024-03-10")),
                             start: day("2024-03-01"), lastDay: day("2024-03-08"))),
        (DeadlineRequest(from: "2024-03-01", days: "30", pauses: ["2024-03-05..2024-03-10", "2024-03-10..2024-03-12"]),
         .pausesOverlap(index: 1, pause: ClockPause(from: day("2024-03-10"), to: day("2024-03-12")),
                        other: ClockPause(from: day("2024-03-05"), to: day("2024-03-10")))),
        (DeadlineRequest(from: "2024-10-14", rule: "reconsideration.hearingNotice", pauses: ["2024-10-10..2024-10-11"]),
         .adjustmentOnBackwardPeriod(rule: "reconsideration.hearingNotice")),
        (DeadlineRequest(from: "2024-03-01", days: "5", working: true, rule: nil, pauses: [], extend: "abc"),
         .invalidNumber(field: "extend", value: "abc")),
        (DeadlineRequest(from: "2024-03-01", working: true, rule: "reconsideration.acceptance"),
         .daysOrRule(reason: "working 只能与 days 一起使用；规则自带计算方式")),
    ])
    func rejectsBadInput(request: DeadlineRequest, expected: DeadlineError) {
        #expect(throws: expected) { try Self.compute(request) }
        #expect(!expected.message.isEmpty)
    }

    @Test func messagesNameTheFieldAndRule() {
        #expect(DeadlineError.extensionNotAllowed(rule: "reconsideration.decision.simplified").message
            .contains("reconsideration.decision.simplified"))
        #expect(DeadlineError.nonPositiveLimit(field: "days", value: -1).message.hasPrefix("days"))
        #expect(DeadlineError.pauseEndsBeforeStart(index: 2, pause: ClockPause(from: day("2024-03-10"), to: day("2024-03-05")))
            .message.hasPrefix("pause[2]"))
    }

    @Test func acceptsAnExtensionWithinTheMaximum() throws {
        let result = try Self.compute(DeadlineRequest(from: "2024-08-01", rule: "reconsideration.decision", extend: "30"))
        #expect(result.due == day("2024-10-30"))
    }

    @Test func aPauseMayStartAfterTheOriginalEndWhenAnEarlierPauseMovedIt() throws {
        // 30 days from 03-01 end on 03-31; the first pause (10 days) moves that to 04-10,
        // so a second pause starting 04-05 is inside the period.
        let result = try Self.compute(DeadlineRequest(from: "2024-03-01", days: "30",
                                                      pauses: ["2024-03-05..2024-03-14", "2024-04-05..2024-04-06"]))
        #expect(result.due == day("2024-04-12"))
    }
}
