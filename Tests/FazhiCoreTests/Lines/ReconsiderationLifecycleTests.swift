import Foundation
import Testing
@testable import FazhiCore

/// Whole cases through `ReconsiderationRules`. Every due date was derived by hand from RULES.md §2 and
/// re-checked with an independent script; the reasoning is in the comments.
@Suite struct ReconsiderationLifecycleTests {
    @Test("Ordinary procedure: receive → accept → copy → reply → decide, every deadline met")
    func ordinary() throws {
        let dossier = try Recon.run([
            Recon.receive("2024-03-04", knewOn: "2024-02-20"),
            .accept(date: day("2024-03-06")),
            .sendCopy(date: day("2024-03-08")),
            .receiveReply(date: day("2024-03-20")),
            .decide(date: day("2024-04-26"), outcome: .revoke, orderRedo: true),
        ])
        #expect(dossier.summary == CaseSummary(state: "concluded", stateLabel: "已审结", receivedOn: day("2024-03-04"),
                                               acceptedOn: day("2024-03-06"), concludedOn: day("2024-04-26"), outcome: "revoke",
                                               outcomeLabel: "撤销并责令重新作出行政行为", isOpen: false))
        #expect(dossier.outcome?.isCorrection == true && dossier.outcome?.isMerits == true)
        #expect(!dossier.isLate)
        let deadlines = ReconsiderationRules.deadlines(of: dossier, calendar: bundledCalendar)
        // 03-05..03-11: five working days (03-09/10 weekend).
        // Copy: 7 working days from 03-06 → 03-15. Reply: 10 from 03-08 → 03-22.
        // Decision: 60 days from 03-06 → 05-05, a Labour Day rest day → 05-06.
        #expect(deadlines.map(\.ruleKey) == ["reconsideration.acceptance", "reconsideration.copyToRespondent",
                                             "reconsideration.reply", "reconsideration.decision"])
        #expect(deadlines.map(\.due) == [day("2024-03-11"), day("2024-03-15"), day("2024-03-22"), day("2024-05-06")])
        #expect(deadlines.allSatisfy { $0.status(today: day("2024-05-01"), calendar: bundledCalendar) == .met })
        #expect(dossier.concludedOnTime(calendar: bundledCalendar) == true)
        #expect(deadlines.allSatisfy { $0.basis.contains("行政复议法") })
    }

    @Test("Supplement: the first review ends with the notice, a new 5-day review runs from the material")
    func supplement() throws {
        let dossier = try Recon.run([
            Recon.receive("2024-04-01"),
            .requestSupplement(date: day("2024-04-03"), items: "身份证明复印件"),
            .receiveSupplement(date: day("2024-04-15")),
            .accept(date: day("2024-04-22")),
        ])
        #expect(dossier.state == .underReview)
        let review = Recon.deadlines(dossier, "reconsideration.acceptance")
        // Receipt 04-01: 04-02, 04-03, (Qingming 04-04..06), make-up Sunday 04-07, 04-08, 04-09.
        #expect(review.map(\.due) == [day("2024-04-09"), day("2024-04-22")])
        #expect(review.map(\.completedOn) == [day("2024-04-03"), day("2024-04-22")])
        // The applicant's 10 working days from 04-03: 04-07 make-up … 04-18.
        #expect(Recon.deadlines(dossier, "reconsideration.supplement").map(\.due) == [day("2024-04-18")])
        #expect(Recon.deadlines(dossier, "reconsideration.supplement").first?.completedOn == day("2024-04-15"))
    }

    @Test("Supplement not provided: abandonment only once the 10 working days are over")
    func abandonment() throws {
        let setup: [ReconsiderationEvent] = [
            Recon.receive("2024-04-01"), .requestSupplement(date: day("2024-04-03"), items: "申请书签名"),
        ]
        #expect(Recon.refusal(of: .abandon(date: day("2024-04-18")), after: setup)?.code == "supplement_period_running")
        let dossier = try Recon.run(setup + [.abandon(date: day("2024-04-19"))])
        #expect(dossier.state == .abandoned && !dossier.summary.isOpen && dossier.summary.concludedOn == nil)
        let supplement = try #require(Recon.deadlines(dossier, "reconsideration.supplement").first)
        #expect(supplement.status(today: day("2024-05-01"), calendar: bundledCalendar) == .missed)
    }

    @Test("Deemed acceptance across the Spring Festival via automaticEvents")
    func deemedAcceptance() throws {
        // Received Wednesday 2024-02-07: 02-08, 02-09, Spring Festival 02-10..17, make-up Sunday 02-18,
        // 02-19, 02-20 → the review ends 02-20 and the application is accepted by law from that day.
        let received = try Recon.run([Recon.receive("2024-02-07")])
        #expect(ReconsiderationRules.automaticEvents(for: received, today: day("2024-02-20"), calendar: bundledCalendar).isEmpty)
        let automatic = ReconsiderationRules.automaticEvents(for: received, today: day("2024-02-21"), calendar: bundledCalendar)
        #expect(automatic == [.deemAccept(date: day("2024-02-20"))])
        let dossier = try ReconsiderationRules.apply(automatic[0], to: received, calendar: bundledCalendar)
        #expect(dossier.acceptedOn == day("2024-02-20") && dossier.deemedAccepted && dossier.procedure == .ordinary)
        #expect(ReconsiderationRules.automaticEvents(for: dossier, today: day("2024-03-01"), calendar: bundledCalendar).isEmpty)
        // 60 days from 02-20 → Saturday 04-20 → Monday 04-22. Copy: 7 working days → 02-29.
        #expect(dossier.decisionDeadline(calendar: bundledCalendar)?.due == day("2024-04-22"))
        #expect(Recon.deadlines(dossier, "reconsideration.copyToRespondent").first?.due == day("2024-02-29"))
        #expect(Recon.deadlines(dossier, "reconsideration.acceptance").first?.completedOn == day("2024-02-20"))
        // After the review ended, the office can no longer decide on acceptance itself.
        #expect(Recon.refusal(of: .accept(date: day("2024-02-21")), after: [Recon.receive("2024-02-07")])?.code == "review_period_passed")
        #expect(Recon.refusal(of: .deemAccept(date: day("2024-02-21")), after: [Recon.receive("2024-02-07")])?.code == "not_deemed_accepted")
    }

    @Test("A year without holiday data: due dates are provisional and never the ground of a refusal")
    func provisionalYear() throws {
        // 2027's notice is not shipped: from Wednesday 2027-02-03 the review ends 02-10 on weekends alone,
        // though the Spring Festival will push it later once the notice is imported.
        let received = [Recon.receive("2027-02-03")]
        let review = try #require(Recon.deadlines(try Recon.run(received), "reconsideration.acceptance").first)
        #expect(review.due == day("2027-02-10") && review.provisional)
        #expect(Recon.refusal(of: .accept(date: day("2027-02-15")), after: received) == nil)
        #expect(Recon.refusal(of: .deemAccept(date: day("2027-02-18")), after: received) == nil)
        #expect(Recon.refusal(of: .deemAccept(date: day("2027-02-09")), after: received)?.code == "not_deemed_accepted")
    }

    @Test("Suspension pauses the decision clock; resumption moves the due date by the days suspended")
    func suspension() throws {
        let accepted: [ReconsiderationEvent] = [Recon.receive("2024-04-29"), .accept(date: day("2024-05-06"))]
        // 60 days from 05-06 → Friday 07-05.
        #expect(try Recon.run(accepted).decisionDeadline(calendar: bundledCalendar)?.due == day("2024-07-05"))
        let suspended = try Recon.run(accepted + [.suspend(date: day("2024-05-20"), ground: .forceMajeure)])
        let paused = try #require(suspended.decisionDeadline(calendar: bundledCalendar))
        #expect(paused.paused && paused.due == day("2024-07-05"))
        #expect(paused.status(today: day("2024-08-01"), calendar: bundledCalendar) == .paused)
        #expect(Recon.deadlines(suspended, "reconsideration.suspensionTermination").isEmpty)
        // Resumed 06-19: 05-21..06-19 not counted (30 days) → 08-04, a Sunday → Monday 08-05.
        let resumed = try ReconsiderationRules.apply(.resume(date: day("2024-06-19")), to: suspended, calendar: bundledCalendar)
        let moved = try #require(resumed.decisionDeadline(calendar: bundledCalendar))
        #expect(!moved.paused && moved.due == day("2024-08-05"))
        #expect(resumed.suspensions.map(\.pausedDays) == [30])
        #expect(moved.explanation.contains { $0.contains("2024-05-21至2024-06-19（共30日）") })
        let decided = try ReconsiderationRules.apply(.decide(date: day("2024-08-02"), outcome: .uphold), to: resumed, calendar: bundledCalendar)
        #expect(decided.concludedOnTime(calendar: bundledCalendar) == true)
        #expect(decided.outcome?.isMerits == true && decided.outcome?.isCorrection == false)
    }

    @Test("Extension: +30 days once, approved; a second extension is refused")
    func extensionOnce() throws {
        let extended = try Recon.run([
            Recon.receive("2024-06-26"), .accept(date: day("2024-07-01")),
            .extend(date: day("2024-08-20"), days: 30, approver: "李主任"),
        ])
        // 60 + 30 days from 07-01 → Sunday 09-29, a make-up working day: no roll.
        let deadline = try #require(extended.decisionDeadline(calendar: bundledCalendar))
        #expect(deadline.due == day("2024-09-29"))
        #expect(deadline.explanation.contains { $0.contains("李主任批准延长30日") })
        let again = try #require(Recon.refusal(of: .extend(date: day("2024-08-21"), days: 10, approver: "李主任"),
                                               after: [Recon.receive("2024-06-26"), .accept(date: day("2024-07-01")),
                                                       .extend(date: day("2024-08-20"), days: 30, approver: "李主任")]))
        #expect(again.code == "extension_used" && again.message.contains("第六十二条"))
    }

    @Test("Simplified procedure: 3 and 5 working days, 30-day decision, no extension; conversion to ordinary")
    func simplified() throws {
        let setup: [ReconsiderationEvent] = [
            Recon.receive("2024-08-28"), .accept(date: day("2024-09-02"), procedure: .simplified),
            .sendCopy(date: day("2024-09-04")),
        ]
        let dossier = try Recon.run(setup)
        // Copy: 3 working days from 09-02 → 09-05; reply: 5 from 09-04 → 09-11;
        // decision: 30 days → 10-02 in National Day → 10-08.
        #expect(Recon.deadlines(dossier, "reconsideration.copyToRespondent.simplified").first?.due == day("2024-09-05"))
        #expect(Recon.deadlines(dossier, "reconsideration.reply.simplified").first?.due == day("2024-09-11"))
        #expect(dossier.decisionDeadline(calendar: bundledCalendar)?.due == day("2024-10-08"))
        #expect(dossier.decisionDeadline(calendar: bundledCalendar)?.ruleKey == "reconsideration.decision.simplified")
        let refused = try #require(Recon.refusal(of: .extend(date: day("2024-09-20"), days: 10, approver: "李主任"), after: setup))
        #expect(refused.code == "extension_not_allowed" && refused.message.contains("第六十二条"))
        // 第五十五条: converted, the case runs on the ordinary 60 days from acceptance → 11-01.
        let converted = try Recon.run(setup + [.convertProcedure(date: day("2024-09-20"), approver: "李主任")])
        #expect(converted.decisionDeadline(calendar: bundledCalendar)?.due == day("2024-11-01"))
        #expect(Recon.deadlines(converted, "reconsideration.reply.simplified").count == 1)
    }

    @Test("Hearing notice: at least 5 working days before the hearing, held on or after the notified day")
    func hearingNotice() throws {
        let setup: [ReconsiderationEvent] = [Recon.receive("2024-09-23"), .accept(date: day("2024-09-25"))]
        // Hearing Tuesday 10-15: back 10-14, make-up Saturday 10-12, 10-11, 10-10, 10-09 → notice by 10-09.
        let late = try #require(Recon.refusal(of: .scheduleHearing(date: day("2024-10-10"), hearingOn: day("2024-10-15")), after: setup))
        #expect(late.code == "hearing_notice_late" && late.message.contains("第五十一条") && late.message.contains("2024年10月9日"))
        let scheduled = setup + [.scheduleHearing(date: day("2024-10-09"), hearingOn: day("2024-10-15"))]
        #expect(Recon.refusal(of: .holdHearing(date: day("2024-10-14")), after: scheduled)?.code == "hearing_before_notified_day")
        let dossier = try Recon.run(scheduled + [.holdHearing(date: day("2024-10-15"))])
        #expect(dossier.hearing == ReconsiderationHearing(noticeOn: day("2024-10-09"), hearingOn: day("2024-10-15"), heldOn: day("2024-10-15")))
        let notice = try #require(Recon.deadlines(dossier, "reconsideration.hearingNotice").first)
        #expect(notice.due == day("2024-10-09") && notice.status(today: day("2024-10-20"), calendar: bundledCalendar) == .met)
    }

    @Test("Mediation during a suspension for mediation concludes the case; the clock stood still until then")
    func mediation() throws {
        let dossier = try Recon.run([
            Recon.receive("2024-03-04"), .accept(date: day("2024-03-06")),
            .suspend(date: day("2024-04-01"), ground: .mediationOrSettlement),
            .mediate(date: day("2024-06-28")),
        ])
        #expect(dossier.state == .concluded && dossier.outcome == .mediation && dossier.outcome?.isMediated == true)
        #expect(dossier.outcome?.isMerits == false)
        #expect(dossier.summary.concludedOn == day("2024-06-28"))
        // 03-06 + 60 = 05-05 plus 04-02..06-28 (88 days) → 08-01.
        #expect(dossier.decisionDeadline(calendar: bundledCalendar)?.due == day("2024-08-01"))
        #expect(dossier.concludedOnTime(calendar: bundledCalendar) == true)
        let settled = try Recon.run([Recon.receive("2024-03-04"), .accept(date: day("2024-03-06")),
                                     .settleAndWithdraw(date: day("2024-03-30"))])
        #expect(settled.outcome == .settlementWithdrawal && settled.outcomeLabel == "和解后撤回申请")
    }

    @Test("Suspension on FY 39 (1): the 60-day prompt, then termination under FY 41 (5)")
    func terminationAfterSuspension() throws {
        let setup: [ReconsiderationEvent] = [
            Recon.receive("2025-01-02"), .accept(date: day("2025-01-06")),
            .suspend(date: day("2025-01-10"), ground: .applicantDied),
        ]
        let suspended = try Recon.run(setup)
        // 60 days from 01-10 → Tuesday 03-11.
        let prompt = try #require(Recon.deadlines(suspended, "reconsideration.suspensionTermination").first)
        #expect(prompt.due == day("2025-03-11"))
        #expect(prompt.status(today: day("2025-03-12"), calendar: bundledCalendar) == .overdue)
        let early = try #require(Recon.refusal(of: .terminate(date: day("2025-03-10"), ground: .suspensionExpired), after: setup))
        #expect(early.code == "suspension_not_expired" && early.message.contains("第四十一条第五项"))
        let dossier = try Recon.run(setup + [.terminate(date: day("2025-03-11"), ground: .suspensionExpired)])
        #expect(dossier.outcome == .termination && dossier.terminationGround == .suspensionExpired)
        #expect(dossier.outcomeLabel == "终止行政复议（中止满六十日，中止原因仍未消除）")
        #expect(Recon.deadlines(dossier, "reconsideration.suspensionTermination").first?.completedOn == day("2025-03-11"))
        // 01-06 + 60 days + 01-11..03-11 (60 days) → 05-06 (Labour Day ends 05-05).
        #expect(dossier.decisionDeadline(calendar: bundledCalendar)?.due == day("2025-05-06"))
        // Item 3 (missing) is not one of items 1, 2, 4: no prompt, no termination on that ground.
        let missing: [ReconsiderationEvent] = [Recon.receive("2025-01-02"), .accept(date: day("2025-01-06")),
                                               .suspend(date: day("2025-01-10"), ground: .applicantMissing)]
        #expect(Recon.deadlines(try Recon.run(missing), "reconsideration.suspensionTermination").isEmpty)
        #expect(Recon.refusal(of: .terminate(date: day("2025-04-10"), ground: .suspensionExpired), after: missing)?.code
                == "no_qualifying_suspension")
        let withdrawn = try Recon.run(missing + [.withdraw(date: day("2025-02-01"))])
        #expect(withdrawn.outcome == .termination && withdrawn.terminationGround == .withdrawalApproved)
    }

    @Test("Opinion letter after a correction: 60-day compliance clock, the agency's report")
    func opinionLetter() throws {
        let decided: [ReconsiderationEvent] = [
            Recon.receive("2025-06-03"), .accept(date: day("2025-06-05")),
            .decide(date: day("2025-08-01"), outcome: .confirmIllegal),
            .issueOpinionLetter(date: day("2025-08-29"), deliveredOn: day("2025-09-01")),
            .issueRecommendationLetter(date: day("2025-09-02"), recipient: "区市场监管局"),
        ]
        let dossier = try Recon.run(decided)
        // 60 days from receipt 09-01 → Friday 10-31.
        let compliance = try #require(Recon.deadlines(dossier, "reconsideration.opinionLetterCompliance").first)
        #expect(compliance.due == day("2025-10-31") && compliance.completedOn == nil)
        #expect(compliance.status(today: day("2025-11-03"), calendar: bundledCalendar) == .overdue)
        #expect(dossier.recommendationLetters.count == 1)
        let complied = try Recon.run(decided + [.recordOpinionCompliance(date: day("2025-10-20"))])
        #expect(complied.opinionLetters.first?.compliedOn == day("2025-10-20"))
        #expect(Recon.deadlines(complied, "reconsideration.opinionLetterCompliance").first?
            .status(today: day("2025-11-03"), calendar: bundledCalendar) == .met)
    }

    @Test("A concluded case ends its running steps: a reply never received is no longer overdue")
    func closureEndsSteps() throws {
        let dossier = try Recon.run([Recon.receive("2024-03-04"), .accept(date: day("2024-03-06")),
                                     .sendCopy(date: day("2024-03-08")), .withdraw(date: day("2024-03-12"))])
        let reply = try #require(Recon.deadlines(dossier, "reconsideration.reply").first)
        #expect(reply.completedOn == day("2024-03-12"))
        #expect(reply.status(today: day("2024-06-01"), calendar: bundledCalendar) == .met)
    }

    @Test("The dossier and its summary survive JSON")
    func fileCoding() throws {
        let dossier = try Recon.run([Recon.receive("2024-03-04"), .accept(date: day("2024-03-06")),
                                     .suspend(date: day("2024-04-01"), ground: .awaitingOtherCase)])
        let data = try JSONEncoder().encode(dossier)
        #expect(try JSONDecoder().decode(ReconsiderationDossier.self, from: data) == dossier)
        #expect(ReconsiderationRules.line == .reconsideration)
    }
}
