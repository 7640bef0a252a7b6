import Foundation
import Testing
@testable import FazhiCore

@Suite struct MediationTests {
    static let mediator = UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!
    static let received: MediationEvent = .receive(date: day("2024-03-04"), disputeType: "neighbour", source: .walkIn,
                                                   summary: "楼上漏水致楼下墙面受损，双方就赔偿发生争执")
    static let accepted: MediationEvent = .accept(date: day("2024-03-04"), mediatorID: mediator, mediatorName: "周调解")

    func run(_ events: [MediationEvent]) throws(TransitionError) -> MediationDossier {
        try MediationRules.replay(events, calendar: bundledCalendar)
    }

    func refusal(_ event: MediationEvent, after events: [MediationEvent]) -> TransitionError? {
        do { _ = try MediationRules.apply(event, to: try run(events), calendar: bundledCalendar); return nil } catch { return error }
    }

    @Test("Received → accepted → session → written agreement → judicial confirmation → follow-up")
    func lifecycle() throws {
        let dossier = try run([
            Self.received, Self.accepted, .holdSession(date: day("2024-03-06"), note: "双方到场，初步达成赔偿意向"),
            .agree(date: day("2024-03-08"), form: .written, terms: "楼上住户赔偿维修费3000元，于2024年3月31日前付清"),
            .applyConfirmation(date: day("2024-03-20"), court: "天津市河东区人民法院"),
            .ruleConfirmation(date: day("2024-03-28"), confirmed: true),
            .followUp(date: day("2024-04-08"), performance: .performed),
        ])
        #expect(dossier.state == .resolved && !dossier.summary.isOpen)
        #expect(dossier.summary.outcome == "writtenAgreement" && dossier.summary.concludedOn == day("2024-03-08"))
        #expect(dossier.sessions == [day("2024-03-06")] && dossier.agreement?.confirmed == true)
        #expect(!dossier.awaitsFollowUp)
        #expect(MediationRules.contributions(of: dossier, calendar: bundledCalendar) == [MetricContribution("mediation.resolved", on: day("2024-03-08"))])
        let deadlines = MediationRules.deadlines(of: dossier, calendar: bundledCalendar)
        #expect(deadlines.map(\.ruleKey) == ["mediation.target", "mediation.judicialConfirmation"])
        #expect(deadlines.map(\.kind) == [.target, .binding] && deadlines.allSatisfy { $0.completedOn != nil })
        #expect(deadlines[1].due == day("2024-04-07") && deadlines[1].basis.contains("第三十三条"))
        #expect(MediationRules.allowedEvents(for: dossier) == ["followUp"])
    }

    @Test("The 30-day target passing is a target missed, never a violation")
    func targetNotViolation() throws {
        let mediating = try run([Self.received, Self.accepted])
        let target = try #require(MediationRules.deadlines(of: mediating, calendar: bundledCalendar).first)
        #expect(target.due == day("2024-04-03") && target.kind == .target)
        let status = target.status(today: day("2024-04-20"), calendar: bundledCalendar)
        #expect(!status.isViolation(for: target.kind) && status.label(for: target.kind) == "超出目标期限")
    }

    @Test("Labour-arbitration disputes count on their own, never in mediation.resolved")
    func laborArbitration() throws {
        let dossier = try run([
            .receive(date: day("2024-05-06"), disputeType: "labour", source: .laborArbitration, summary: "追索劳动报酬"),
            .accept(date: day("2024-05-06"), mediatorID: Self.mediator, mediatorName: "钱律师"),
            .agree(date: day("2024-05-20"), form: .oral, terms: "公司于当月支付拖欠工资"),
        ])
        #expect(dossier.summary.outcome == "oralAgreement")
        #expect(MediationRules.contributions(of: dossier, calendar: bundledCalendar).map(\.key) == ["mediation.labor_arbitration_mediated"])
    }

    @Test("Refused, failed and referred disputes end without counting as resolved")
    func otherEnds() throws {
        let refused = try run([Self.received, .refuse(date: day("2024-03-05"), ground: .beforeAnotherBody)])
        #expect(refused.state == .refused && refused.summary.outcomeLabel?.contains("已经受理") == true)
        let failed = try run([Self.received, Self.accepted, .fail(date: day("2024-03-20"), route: "告知可向人民法院起诉")])
        #expect(failed.state == .notResolved && MediationRules.contributions(of: failed, calendar: bundledCalendar).isEmpty)
        let referred = try run([Self.received, .refer(date: day("2024-03-05"), to: "河东区人民法院")])
        #expect(referred.state == .referred && referred.summary.outcomeLabel == "移交河东区人民法院")
    }

    @Test("Bad steps are refused naming the field and the rule")
    func refusals() throws {
        let agreed: [MediationEvent] = [Self.received, Self.accepted, .agree(date: day("2024-03-08"), form: .written, terms: "赔偿3000元")]
        // An agreement dated before acceptance.
        #expect(refusal(.agree(date: day("2024-03-01"), form: .written, terms: "x"), after: [Self.received, Self.accepted])?.invalidField == "date")
        // No agreement before acceptance.
        #expect(refusal(.agree(date: day("2024-03-05"), form: .written, terms: "x"), after: [Self.received])?.code == "wrong_state")
        #expect(refusal(.agree(date: day("2024-03-05"), form: .written, terms: " "), after: [Self.received, Self.accepted])?.invalidField == "terms")
        #expect(refusal(.fail(date: day("2024-03-05"), route: ""), after: [Self.received, Self.accepted])?.invalidField == "route")
        // A ruling before the application, or with none.
        #expect(refusal(.ruleConfirmation(date: day("2024-03-09"), confirmed: true), after: agreed)?.code == "confirmation_not_applied")
        let applied = agreed + [.applyConfirmation(date: day("2024-03-20"), court: "河东区人民法院")]
        #expect(refusal(.ruleConfirmation(date: day("2024-03-19"), confirmed: true), after: applied)?.invalidField == "date")
        // The 30 days of 人民调解法第三十三条.
        let late = refusal(.applyConfirmation(date: day("2024-04-08"), court: "河东区人民法院"), after: agreed)
        #expect(late?.code == "confirmation_window_passed" && late?.message.contains("第三十三条") == true)
        #expect(refusal(.followUp(date: day("2024-03-20"), performance: .performed), after: [Self.received, Self.accepted])?.code == "no_agreement")
        #expect(throws: TransitionError.self) { try run([.receive(date: day("2024-03-04"), disputeType: "", source: .walkIn, summary: "x")]) }
        #expect(refusal(.holdSession(date: day("2024-03-09"), note: "x"), after: agreed)?.code == "case_ended")
    }

    @Test("A sector is a coverage gap when uncovered and high in volume or growing fast; general types never are")
    func coverageGap() {
        #expect(CoverageGap.isGap(sectoral: true, covered: false, disputes: 191, lastYear: 89, total: 3_311))
        #expect(!CoverageGap.isGap(sectoral: true, covered: true, disputes: 191, lastYear: 89, total: 3_311))
        #expect(!CoverageGap.isGap(sectoral: false, covered: false, disputes: 665, lastYear: 731, total: 3_311))
        // 2.7 % of the year and shrinking: not named.
        #expect(!CoverageGap.isGap(sectoral: true, covered: false, disputes: 89, lastYear: 90, total: 3_311))
        // Few, but new and at the floor: growing.
        #expect(CoverageGap.isGap(sectoral: true, covered: false, disputes: 10, lastYear: 0, total: 3_311))
        #expect(CoverageGap.growth(now: 191, before: 89).map { ($0 * 100).rounded() } == 115 && CoverageGap.growth(now: 4, before: 0) == nil)
    }

    @Test("Events encode flat and decode back")
    func coding() throws {
        let events: [MediationEvent] = [Self.received, Self.accepted, .refuse(date: day("2024-03-05"), ground: .partyRefused, explanation: "对方拒绝"),
                                        .assignMediator(date: day("2024-03-05"), mediatorID: UUID(), mediatorName: "李调解"),
                                        .holdSession(date: day("2024-03-05"), note: "x"), .agree(date: day("2024-03-06"), form: .oral, terms: "y"),
                                        .fail(date: day("2024-03-06"), route: "z"), .refer(date: day("2024-03-06"), to: "派出所"),
                                        .applyConfirmation(date: day("2024-03-06"), court: "法院"), .ruleConfirmation(date: day("2024-03-07"), confirmed: false),
                                        .followUp(date: day("2024-03-08"), performance: .partlyPerformed, note: "余款未付")]
        #expect(events.map(\.kind) == MediationEvent.kinds)
        let decoded = try JSONDecoder().decode([MediationEvent].self, from: try JSONEncoder().encode(events))
        #expect(decoded == events)
    }
}
