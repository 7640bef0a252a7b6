import Testing
@testable import FazhiCore

/// Every illegal transition is refused with a stable code and a Chinese reason naming its article.
@Suite struct ReconsiderationRefusalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let setup: [ReconsiderationEvent]
        let event: ReconsiderationEvent
        let code: String
        /// The article the reason must name; nil for rules of record-keeping, not of the law.
        let article: String?
        var testDescription: String { name }
    }

    static let received: [ReconsiderationEvent] = [Recon.receive("2024-03-04", knewOn: "2024-02-20")]
    static let accepted = received + [.accept(date: day("2024-03-06"))]
    static let suspended = accepted + [.suspend(date: day("2024-03-20"), ground: .forceMajeure)]
    static let decided = accepted + [.decide(date: day("2024-04-10"), outcome: .uphold)]
    static let simplified = received + [.accept(date: day("2024-03-06"), procedure: .simplified)]
    static let extended = accepted + [.extend(date: day("2024-04-01"), days: 30, approver: "李主任")]

    static let cases: [Case] = [
        Case(name: "deciding a case never accepted", setup: received,
             event: .decide(date: day("2024-03-05"), outcome: .uphold), code: "not_accepted", article: "第三十条"),
        Case(name: "deciding a suspended case", setup: suspended,
             event: .decide(date: day("2024-03-25"), outcome: .uphold), code: "suspended", article: "第三十九条"),
        Case(name: "extending twice", setup: extended,
             event: .extend(date: day("2024-04-02"), days: 5, approver: "李主任"), code: "extension_used", article: "第六十二条"),
        Case(name: "extending by more than 30 days", setup: accepted,
             event: .extend(date: day("2024-04-02"), days: 31, approver: "李主任"), code: "extension_too_long", article: "第六十二条"),
        Case(name: "extending without the approver", setup: accepted,
             event: .extend(date: day("2024-04-02"), days: 30, approver: " "), code: "missing_field", article: "第六十二条"),
        Case(name: "extending after the decision period ended (due 2024-05-06)", setup: accepted,
             event: .extend(date: day("2024-05-07"), days: 30, approver: "李主任"), code: "decision_period_passed", article: "第六十二条"),
        Case(name: "extending the simplified procedure", setup: simplified,
             event: .extend(date: day("2024-03-20"), days: 10, approver: "李主任"), code: "extension_not_allowed", article: "第六十二条"),
        Case(name: "extending a suspended case", setup: suspended,
             event: .extend(date: day("2024-03-25"), days: 10, approver: "李主任"), code: "suspended", article: "第三十九条"),
        Case(name: "resuming a case not suspended", setup: accepted,
             event: .resume(date: day("2024-03-20")), code: "not_suspended", article: "第三十九条"),
        Case(name: "suspending twice", setup: suspended,
             event: .suspend(date: day("2024-03-21"), ground: .other), code: "already_suspended", article: "第三十九条"),
        Case(name: "suspending before acceptance", setup: received,
             event: .suspend(date: day("2024-03-05"), ground: .other), code: "not_accepted", article: "第三十条"),
        Case(name: "an event dated before the previous event", setup: accepted,
             event: .sendCopy(date: day("2024-03-05")), code: "event_out_of_order", article: nil),
        Case(name: "an event dated before receipt", setup: received,
             event: .accept(date: day("2024-03-01")), code: "event_before_receipt", article: nil),
        Case(name: "receiving the application twice", setup: received,
             event: Recon.receive("2024-03-05"), code: "already_received", article: nil),
        Case(name: "accepting twice", setup: accepted,
             event: .accept(date: day("2024-03-07")), code: "already_accepted", article: "第三十条"),
        Case(name: "rejecting without a reason", setup: received,
             event: .reject(date: day("2024-03-05"), reason: ""), code: "missing_field", article: "第三十条"),
        Case(name: "rejecting after the review period (ended 2024-03-11)", setup: received,
             event: .reject(date: day("2024-03-12"), reason: "超过申请期限"), code: "review_period_passed", article: "第三十条"),
        Case(name: "a supplement notice after the review period", setup: received,
             event: .requestSupplement(date: day("2024-03-12"), items: "材料"), code: "review_period_passed", article: "第三十条"),
        Case(name: "a second supplement notice", setup: received + [.requestSupplement(date: day("2024-03-05"), items: "材料"),
                                                                      .receiveSupplement(date: day("2024-03-08"))],
             event: .requestSupplement(date: day("2024-03-11"), items: "另一项材料"), code: "supplement_once", article: "第三十一条"),
        Case(name: "recording a supplement never requested", setup: received,
             event: .receiveSupplement(date: day("2024-03-05")), code: "no_supplement_requested", article: "第三十一条"),
        Case(name: "accepting while waiting for the supplement", setup: received + [.requestSupplement(date: day("2024-03-05"), items: "材料")],
             event: .accept(date: day("2024-03-06")), code: "awaiting_supplement", article: "第三十一条"),
        Case(name: "a reply before the copy was sent", setup: accepted,
             event: .receiveReply(date: day("2024-03-10")), code: "copy_not_sent", article: "第四十八条"),
        Case(name: "holding a hearing never notified", setup: accepted,
             event: .holdHearing(date: day("2024-03-20")), code: "hearing_not_scheduled", article: "第五十一条"),
        Case(name: "converting an ordinary case", setup: accepted,
             event: .convertProcedure(date: day("2024-03-20"), approver: "李主任"), code: "not_simplified", article: "第五十五条"),
        Case(name: "terminating on FY 41 (5) with no suspension", setup: accepted,
             event: .terminate(date: day("2024-06-01"), ground: .suspensionExpired), code: "no_qualifying_suspension", article: "第四十一条"),
        Case(name: "withdrawing before acceptance", setup: received,
             event: .withdraw(date: day("2024-03-05")), code: "not_accepted", article: "第三十条"),
        Case(name: "deciding with a mediation outcome", setup: accepted,
             event: .decide(date: day("2024-03-20"), outcome: .mediation), code: "not_a_decision", article: "第七十三条"),
        Case(name: "a partial revocation that is not a revocation", setup: accepted,
             event: .decide(date: day("2024-03-20"), outcome: .uphold, partial: true), code: "not_a_revocation", article: "第六十四条"),
        Case(name: "suspending a concluded case", setup: decided,
             event: .suspend(date: day("2024-04-11"), ground: .other), code: "concluded", article: nil),
        Case(name: "deciding a rejected application", setup: received + [.reject(date: day("2024-03-05"), reason: "不属于受理范围")],
             event: .decide(date: day("2024-03-06"), outcome: .uphold), code: "rejected", article: "第三十条"),
        Case(name: "an opinion letter before acceptance", setup: received,
             event: .issueOpinionLetter(date: day("2024-03-05")), code: "not_accepted", article: "第七十六条"),
        Case(name: "compliance with no letter outstanding", setup: decided,
             event: .recordOpinionCompliance(date: day("2024-04-11")), code: "no_open_letter", article: "第七十六条"),
        Case(name: "file reading after conclusion", setup: decided,
             event: .requestFileReading(date: day("2024-04-11"), requester: "申请人"), code: "concluded", article: "第四十七条"),
    ]

    @Test("Illegal transitions are refused with the rule", arguments: cases)
    func refused(_ row: Case) throws {
        let error = try #require(Recon.refusal(of: row.event, after: row.setup), "accepted: \(row.name)")
        #expect(error.code == row.code, "\(error.message)")
        if let article = row.article {
            #expect(error.message.contains(article), "\(error.message)")
        }
        #expect(error.message.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF })
    }

    @Test("A case opens only with an application received")
    func openOnlyWithReceipt() {
        #expect(throws: TransitionError(code: "not_received", message: "行政复议案件须以收到申请开始（《行政复议法》第二十二条），不能以「受理（普通程序）」开始")) {
            _ = try ReconsiderationRules.open(with: .accept(date: day("2024-03-01")), calendar: bundledCalendar)
        }
        #expect(throws: TransitionError.self) {
            _ = try ReconsiderationRules.open(with: .receive(date: day("2024-03-01"), knewOn: day("2024-03-02")), calendar: bundledCalendar)
        }
    }
}
