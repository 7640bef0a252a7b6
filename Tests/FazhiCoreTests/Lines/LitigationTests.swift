import Foundation
import Testing
@testable import FazhiCore

@Suite struct LitigationTests {
    static let served: LitigationEvent = .serve(date: day("2024-09-20"), court: "河东区人民法院",
                                                 courtCaseNumber: "（2024）津0102行初88号", claims: "撤销行政处罚决定")
    static let headIn: LitigationEvent = .holdHearing(date: day("2024-11-05"), headAppeared: true,
                                                       appearerName: "王五", appearerTitle: "副局长")
    static let headOut: LitigationEvent = .holdHearing(date: day("2024-12-03"), headAppeared: false,
                                                        appearerName: "赵六", appearerTitle: "法制科科长",
                                                        excuse: .exclusiveDuties, proofDescription: "加盖局章的情况说明（参加防汛调度）")

    func run(_ events: [LitigationEvent]) throws(TransitionError) -> LitigationDossier {
        try LitigationRules.replay(events, calendar: bundledCalendar)
    }

    func refusal(_ event: LitigationEvent, after events: [LitigationEvent]) -> TransitionError? {
        do { _ = try LitigationRules.apply(event, to: try run(events), calendar: bundledCalendar); return nil } catch { return error }
    }

    @Test("Served → defence → hearings → judgment → closed, with the head-appearance count")
    func lifecycle() throws {
        let dossier = try run([Self.served, .submitDefence(date: day("2024-10-08")), Self.headIn, Self.headOut,
                               .judge(date: day("2024-12-20"), result: .claimsDismissed), .close(date: day("2024-12-31"))])
        #expect(dossier.state == .closed && !dossier.summary.isOpen)
        #expect(dossier.summary.concludedOn == day("2024-12-20") && dossier.summary.outcome == "claimsDismissed")
        #expect(dossier.hearings.map(\.headAppeared) == [true, false])
        #expect(dossier.headAppearances == 1)
        #expect(dossier.hearings[1].excuse == .exclusiveDuties)
        // 15 days from 09-20 → 10-05 in National Day → 10-08.
        let defence = try #require(LitigationRules.deadlines(of: dossier, calendar: bundledCalendar).first)
        #expect(defence.ruleKey == "litigation.defence" && defence.due == day("2024-10-08"))
        #expect(defence.status(today: day("2024-12-31"), calendar: bundledCalendar) == .met)
        #expect(defence.basis.contains("第六十七条"))
        #expect(LitigationRules.line == .litigation)
    }

    @Test("A defence still awaited is overdue after 15 days; a withdrawal ends it")
    func defenceDeadline() throws {
        let waiting = try run([Self.served])
        let defence = try #require(LitigationRules.deadlines(of: waiting, calendar: bundledCalendar).first)
        #expect(defence.status(today: day("2024-10-09"), calendar: bundledCalendar) == .overdue)
        let withdrawn = try run([Self.served, .withdraw(date: day("2024-09-30"))])
        #expect(withdrawn.state == .withdrawn && withdrawn.summary.outcome == "withdrawn")
        #expect(LitigationRules.deadlines(of: withdrawn, calendar: bundledCalendar).first?.completedOn == day("2024-09-30"))
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let event: LitigationEvent
        let code: String
        let rule: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "head absent without an excuse",
                event: .holdHearing(date: day("2024-11-05"), headAppeared: false, appearerName: "赵六", appearerTitle: "科长",
                                    proofDescription: "说明"),
                code: "head_absent_without_excuse", rule: "法释〔2020〕3号第八条"),
        Refusal(name: "head absent, excuse without written proof",
                event: .holdHearing(date: day("2024-11-05"), headAppeared: false, appearerName: "赵六", appearerTitle: "科长",
                                    excuse: .accident),
                code: "missing_field", rule: "第九条"),
        Refusal(name: "a lawyer alone",
                event: .holdHearing(date: day("2024-11-05"), headAppeared: false, appearerName: "孙律师", appearerTitle: "执业律师",
                                    excuse: .forceMajeure, proofDescription: "说明"),
                code: "lawyer_only", rule: "不得仅委托律师出庭"),
        Refusal(name: "no staff named when the head is absent",
                event: .holdHearing(date: day("2024-11-05"), headAppeared: false, appearerName: "", appearerTitle: "",
                                    excuse: .forceMajeure, proofDescription: "说明"),
                code: "missing_field", rule: "第三条第三款"),
        Refusal(name: "an event before the last one",
                event: .submitDefence(date: day("2024-09-19")), code: "event_out_of_order", rule: "按时间顺序"),
        Refusal(name: "a second complaint on the same case",
                event: served, code: "already_served", rule: "起诉状副本"),
        Refusal(name: "closing an open case without a reason",
                event: .close(date: day("2024-10-01")), code: "missing_field", rule: "结案原因"),
    ]

    @Test("Head-appearance and record rules", arguments: refusals)
    func refused(_ row: Refusal) throws {
        let error = try #require(refusal(row.event, after: [Self.served]))
        #expect(error.code == row.code, "\(error.message)")
        #expect(error.message.contains(row.rule), "\(error.message)")
    }

    @Test("A public lawyer is agency staff and may appear for an absent head")
    func publicLawyer() throws {
        let dossier = try run([Self.served, .holdHearing(date: day("2024-11-05"), headAppeared: false, appearerName: "钱七",
                                                         appearerTitle: "公职律师", excuse: .otherGoodCause, proofDescription: "说明")])
        #expect(dossier.headAppearances == 0 && dossier.hearings.count == 1)
    }

    @Test("Nothing is recorded on a judged case but its closing")
    func afterJudgment() throws {
        let judged = [Self.served, LitigationEvent.judge(date: day("2024-12-20"), result: .agencyLost)]
        let later: LitigationEvent = .holdHearing(date: day("2024-12-27"), headAppeared: true, appearerName: "王五", appearerTitle: "副局长")
        #expect(refusal(later, after: judged)?.code == "case_ended")
        #expect(refusal(.close(date: day("2024-12-31")), after: judged) == nil)
        #expect(try run(judged).result?.isAgencyLoss == true)
    }

    @Test("Round trip through flat JSON", arguments: [
        served, .submitDefence(date: day("2024-10-08")), headIn, headOut,
        .judge(date: day("2024-12-20"), result: .partlyLost), .withdraw(date: day("2024-12-21")),
        .close(date: day("2024-12-31"), reason: "移送管辖"),
    ])
    func roundTrip(_ event: LitigationEvent) throws {
        let data = try JSONEncoder().encode(event)
        #expect(try JSONDecoder().decode(LitigationEvent.self, from: data) == event)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["kind"] as? String == event.kind)
        #expect(LitigationEvent.kinds.contains(event.kind))
    }
}
