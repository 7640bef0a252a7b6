import Foundation
import Testing
@testable import FazhiCore

@Suite struct NotaryTests {
    static let notary = UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!
    static func received(_ date: String) -> NotaryEvent {
        .receive(date: day(date), matterType: "abroadEducation", purpose: "在英国使用", summary: "学历证书公证")
    }
    static func accepted(_ date: String) -> NotaryEvent { .accept(date: day(date), notaryID: notary, notaryName: "郑公证") }

    func run(_ events: [NotaryEvent]) throws(TransitionError) -> NotaryDossier {
        try NotaryRules.replay(events, calendar: bundledCalendar)
    }

    func refusal(_ event: NotaryEvent, after events: [NotaryEvent]) -> TransitionError? {
        do { _ = try NotaryRules.apply(event, to: try run(events), calendar: bundledCalendar); return nil } catch { return error }
    }

    @Test("15 working days from acceptance across the National Day holiday, make-up days counted (《公证法》第三十条)")
    func clockAcrossHoliday() throws {
        let dossier = try run([Self.received("2025-09-22"), Self.accepted("2025-09-22")])
        let deadline = try #require(NotaryRules.certificateDeadline(of: dossier, calendar: bundledCalendar))
        // 9-23..26 (4), 9-28 make-up (5), 9-29, 9-30 (7), 10-1..8 rest, 10-9, 10-10 (9), 10-11 make-up (10), 10-13..17 (15).
        #expect(deadline.due == day("2025-10-17") && deadline.kind == .binding && deadline.ruleKey == "notary.certificate")
        #expect(deadline.basis == "《中华人民共和国公证法》第三十条" && !deadline.paused)
        #expect(NotaryRules.allowedEvents(for: dossier) == ["issue", "pause", "decline", "withdraw"])
    }

    @Test("A pause for verification across the holiday moves the due day by the working days paused, and only by those")
    func pauseAcrossHoliday() throws {
        let base = [Self.received("2025-09-22"), Self.accepted("2025-09-22"),
                    NotaryEvent.pause(date: day("2025-09-26"), ground: .verification, note: "向学校核实学历")]
        let paused = try run(base)
        #expect(paused.state == .paused && paused.summary.isOpen)
        let open = try #require(NotaryRules.certificateDeadline(of: paused, calendar: bundledCalendar))
        #expect(open.paused && open.due == day("2025-10-17") && open.completedOn == nil)
        #expect(NotaryRules.allowedEvents(for: paused) == ["resume", "decline", "withdraw"])
        // Paused 9-27..10-10: working days 9-28 (make-up), 9-29, 9-30, 10-9, 10-10 not counted — five.
        let resumed = try run(base + [.resume(date: day("2025-10-10"))])
        let moved = try #require(NotaryRules.certificateDeadline(of: resumed, calendar: bundledCalendar))
        #expect(!moved.paused && moved.due == day("2025-10-24"))
        #expect(moved.explanation.contains { $0.contains("核实有关情况") })
        let issued = try run(base + [.resume(date: day("2025-10-10")), .issue(date: day("2025-10-22"), certificateNumber: "（2025）津河东证字第1号", fee: 200)])
        #expect(issued.state == .issued && issued.summary.concludedOn == day("2025-10-22"))
        #expect(NotaryRules.issuedOnTime(issued, calendar: bundledCalendar) == true)
        #expect(NotaryRules.contributions(of: issued, calendar: bundledCalendar) == [MetricContribution("notary.matters", on: day("2025-10-22"))])
        #expect(NotaryRules.allowedEvents(for: issued).isEmpty)
    }

    @Test("A certificate before acceptance, on an unaccepted matter or while paused is refused naming the field")
    func issueBeforeAcceptance() throws {
        let receivedOnly = [Self.received("2025-03-03")]
        let early = refusal(.issue(date: day("2025-03-04"), certificateNumber: "x", fee: 100), after: receivedOnly)
        #expect(early?.code == "issued_before_acceptance" && early?.invalidField == "date")
        #expect(early?.message.contains("第三十条") == true)
        let accepted = receivedOnly + [Self.accepted("2025-03-05")]
        let backdated = refusal(.issue(date: day("2025-03-04"), certificateNumber: "x", fee: 100), after: accepted)
        #expect(backdated?.code == "issued_before_acceptance" && backdated?.invalidField == "date")
        let paused = accepted + [.pause(date: day("2025-03-06"), ground: .supplement)]
        #expect(refusal(.issue(date: day("2025-03-07"), certificateNumber: "x", fee: 100), after: paused)?.code == "issued_while_paused")
    }

    @Test("Fees: negative or absurd refused naming the fee; a pause needs an accepted matter; resume needs a pause")
    func badSteps() throws {
        let accepted = [Self.received("2025-03-03"), Self.accepted("2025-03-03")]
        #expect(refusal(.issue(date: day("2025-03-05"), certificateNumber: "x", fee: -1), after: accepted)?.invalidField == "fee")
        #expect(refusal(.issue(date: day("2025-03-05"), certificateNumber: "x", fee: 10_000_000), after: accepted)?.invalidField == "fee")
        #expect(refusal(.issue(date: day("2025-03-05"), certificateNumber: "x", fee: 0), after: accepted) == nil)
        #expect(refusal(.issue(date: day("2025-03-05"), certificateNumber: "x", fee: Decimal(string: "10.005")!), after: accepted)?.code == "fee_precision")
        #expect(refusal(.decline(date: day("2025-03-05"), reason: String(repeating: "长", count: 2_001)), after: accepted)?.invalidField == "reason")
        let unaccepted = refusal(.pause(date: day("2025-03-04"), ground: .supplement), after: [Self.received("2025-03-03")])
        #expect(unaccepted?.code == "pause_before_acceptance" && unaccepted?.message.contains("受理") == true)
        #expect(refusal(.resume(date: day("2025-03-05")), after: accepted)?.code == "not_paused")
        #expect(refusal(.refuse(date: day("2025-03-05"), reason: " "), after: [Self.received("2025-03-03")])?.invalidField == "reason")
        #expect(throws: TransitionError.self) { try run([.receive(date: day("2025-03-03"), matterType: "", purpose: "", summary: "x")]) }
    }

    @Test("A pause begun after the period ran out does not revive it; a matter withdrawn while paused ends the pause")
    func lateSteps() throws {
        let events: [NotaryEvent] = [Self.received("2025-03-03"), Self.accepted("2025-03-03"),
                                     .pause(date: day("2025-04-01"), ground: .supplement), .resume(date: day("2025-04-10"))]
        let dossier = try run(events)
        let deadline = try #require(NotaryRules.certificateDeadline(of: dossier, calendar: bundledCalendar))
        #expect(deadline.due == day("2025-03-24"))
        #expect(deadline.explanation.contains { $0.contains("已届满") })
        let withdrawn = try run([Self.received("2025-03-03"), Self.accepted("2025-03-03"), .pause(date: day("2025-03-05"), ground: .forceMajeure),
                                 .withdraw(date: day("2025-03-12"))])
        #expect(withdrawn.state == .withdrawn && withdrawn.pauses.last?.resumedOn == day("2025-03-12"))
        #expect(NotaryRules.certificateDeadline(of: withdrawn, calendar: bundledCalendar)?.completedOn == day("2025-03-12"))
    }

    @Test("Certificate numbers: （year）津河东证字第N号; events round-trip through JSON")
    func numberAndCoding() throws {
        #expect(NotaryRules.certificateNumber(year: 2025, seq: 123) == "（2025）津河东证字第123号")
        #expect(NotaryRules.certificateNumber("（{year}）津东证字第{seq}号", year: 2026, seq: 7) == "（2026）津东证字第7号")
        let events: [NotaryEvent] = [Self.received("2025-03-03"), Self.accepted("2025-03-03"), .pause(date: day("2025-03-04"), ground: .verification, note: "核实"),
                                     .resume(date: day("2025-03-06")), .issue(date: day("2025-03-07"), certificateNumber: "（2025）津河东证字第1号", fee: Decimal(string: "150.5")!)]
        let data = try JSONEncoder().encode(events)
        #expect(try JSONDecoder().decode([NotaryEvent].self, from: data) == events)
        let form = Data(#"{"kind":"issue","date":"2025-03-07","fee":"200"}"#.utf8)
        #expect(try JSONDecoder().decode(NotaryEvent.self, from: form) == .issue(date: day("2025-03-07"), certificateNumber: "", fee: 200))
        #expect(NotaryEvent.yuan(Decimal(string: "150.5")!) == "150.5")
    }

    @Test("The report sentence sits in the public legal services subsection after the ledger lines'")
    func reportSentence() {
        let section = AnnualReportOutline.standard.achievements.first { $0.slot == AnnualReportSlot.legalServices }
        #expect(section?.sentences.last?.opening == "全年办理公证事项" && section?.sentences.last?.keys == ["notary.matters"])
        #expect(section?.sentences.dropLast().last?.keys.contains("legal_aid.accepted") == true)
        #expect(section?.lines.last == .notary)
        #expect(MetricCatalogue.standard.all.last?.key == "notary.matters" || MetricCatalogue.standard.metric("notary.matters") != nil)
    }
}
