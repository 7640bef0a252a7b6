import Foundation
import Testing
@testable import FazhiCore

@Suite struct LegalAidTests {
    static let standard = EligibilityStandard(effectiveFrom: day("2025-01-01"), incomePerHead: 2_320, assets: 50_000, selfDeclarationAllowed: true,
                                              source: "天津市法律援助经济困难标准")
    static let lawyer = UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!
    /// A checklist scored 92 of 100.
    static let scores = ["intake": 14, "assignment": 10, "contact": 18, "opinion": 27, "closing": 14, "feedback": 9]
    static let poor = EligibilityFacts(householdMembers: 3, monthlyIncome: 4_800, assets: 8_000, selfDeclared: true)
    static let comfortable = EligibilityFacts(householdMembers: 2, monthlyIncome: 16_000, assets: 120_000)

    static func applied(_ facts: EligibilityFacts? = poor, on date: String = "2025-03-03", channel: LegalAidChannel = .walkIn,
                        matter: LegalAidMatter = .civil) -> LegalAidEvent {
        .apply(date: day(date), matter: matter, caseType: "wages", channel: channel, facts: facts, summary: "被拖欠工资32,000元，请求援助追索")
    }

    func run(_ events: [LegalAidEvent]) throws(TransitionError) -> LegalAidDossier {
        try LegalAidRules.replay(events, calendar: bundledCalendar)
    }

    func refusal(_ event: LegalAidEvent, after events: [LegalAidEvent]) -> TransitionError? {
        do { _ = try LegalAidRules.apply(event, to: try run(events), calendar: bundledCalendar); return nil } catch { return error }
    }

    @Test("Eligibility: the same facts always give the same decision, with its ground and article")
    func eligibility() {
        let hardship = LegalAidEligibility.decide(Self.poor, standard: Self.standard)
        #expect(hardship.ground == .economicHardship && hardship.reason.contains("月人均收入1600元（经个人诚信承诺）") && hardship.reason.contains("第三十四条"))
        let refused = LegalAidEligibility.decide(Self.comfortable, standard: Self.standard)
        #expect(refused.ground == .notInHardship && !refused.isEligible && refused.reason.contains("高于本地标准2320元"))
        var rich = Self.comfortable
        rich.monthlyIncome = 2_000
        #expect(LegalAidEligibility.decide(rich, standard: Self.standard).reason.contains("家庭资产120000元，超过本地标准50000元"))
        // Article 32: no economic test for a victim of domestic violence, however comfortable.
        var victim = Self.comfortable
        victim.statuses = [.abuseVictim]
        #expect(LegalAidEligibility.decide(victim, standard: Self.standard).ground == .noEconomicTest)
        // Article 42: a migrant worker's wage claim waives the check; the same worker on another claim is checked.
        var worker = Self.comfortable
        worker.statuses = [.migrantWorker]
        worker.claimsWagesOrInjury = true
        let waived = LegalAidEligibility.decide(worker, standard: Self.standard)
        #expect(waived.ground == .checkWaived && waived.reason.contains("农民工请求支付劳动报酬") && waived.reason.contains("第四十二条"))
        worker.claimsWagesOrInjury = false
        #expect(LegalAidEligibility.decide(worker, standard: Self.standard).ground == .notInHardship)
        // An elderly applicant is waived only without a fixed income.
        var elderly = Self.comfortable
        elderly.statuses = [.elderly]
        #expect(LegalAidEligibility.decide(elderly, standard: Self.standard).ground == .notInHardship)
        elderly.hasFixedIncome = false
        #expect(LegalAidEligibility.decide(elderly, standard: Self.standard).ground == .checkWaived)
        #expect(LegalAidEligibility.decide(elderly, standard: Self.standard) == LegalAidEligibility.decide(elderly, standard: Self.standard))
        // The self-check says what to bring.
        let check = LegalAidEligibility.selfCheck(worker, standard: Self.standard)
        #expect(!check.likely && check.bring.contains("经济困难证明（家庭成员收入、资产情况）") == false && check.bring.contains { $0.contains("诚信承诺") })
        var disabled = Self.poor
        disabled.statuses = [.disabled]
        disabled.hasFixedIncome = false
        #expect(LegalAidEligibility.selfCheck(disabled, standard: Self.standard).bring.contains("残疾人证"))
        // Absurd figures are named.
        #expect(EligibilityFacts(householdMembers: 0, monthlyIncome: -5, assets: 0).problems.map(\.field) == ["householdMembers", "monthlyIncome"])
    }

    @Test("Application → one supplement notice (the clock restarts) → grant → assignment → close with the yuan recovered → quality check")
    func lifecycle() throws {
        let dossier = try run([
            Self.applied(), .requestSupplement(date: day("2025-03-04"), missing: "务工证明、工资欠条"), .supplement(date: day("2025-03-07")),
            .grant(date: day("2025-03-12"), standard: Self.standard),
            .assign(date: day("2025-03-13"), lawyerID: Self.lawyer, lawyerName: "王援律", firm: "天津东方律师事务所", skipReason: nil),
            .recordProgress(date: day("2025-04-20"), note: "参加劳动仲裁庭审"),
            .close(date: day("2025-05-30"), result: "仲裁裁决支付拖欠工资", recoveredYuan: 32_000, satisfaction: .satisfied),
            .review(date: day("2025-06-20"), scores: Self.scores, reviewer: "质量评查组", note: nil),
        ])
        #expect(dossier.state == .closed && !dossier.summary.isOpen && dossier.summary.acceptedOn == day("2025-03-12"))
        #expect(dossier.decision?.ground == .economicHardship && dossier.review?.score == 92 && dossier.review?.items["opinion"] == 27)
        let deadlines = LegalAidRules.deadlines(of: dossier, calendar: bundledCalendar)
        #expect(deadlines.map(\.ruleKey) == ["legalAid.decision", "legalAid.assignment"])
        // Seven working days from the supplement (2025-03-07, a Friday), not from the application.
        #expect(deadlines[0].start == day("2025-03-07") && deadlines[0].due == day("2025-03-18") && deadlines[0].completedOn == day("2025-03-12"))
        #expect(deadlines[0].basis.contains("第四十三条") && deadlines[0].basis.contains("待核实"))
        #expect(deadlines[1].completedOn == day("2025-03-13"))
        #expect(LegalAidRules.contributions(of: dossier, calendar: bundledCalendar) == [
            MetricContribution("legal_aid.accepted", on: day("2025-03-12")),
            MetricContribution("legal_aid.recovered_yuan", on: day("2025-05-30"), numerator: 32_000),
        ])
        #expect(LegalAidRules.allowedEvents(for: dossier).isEmpty)
    }

    @Test("While the papers are awaited the decision clock does not run; one notice only; not supplemented is withdrawn")
    func supplement() throws {
        let waiting = try run([Self.applied(), .requestSupplement(date: day("2025-03-04"), missing: "务工证明")])
        #expect(LegalAidRules.deadlines(of: waiting, calendar: bundledCalendar).isEmpty)
        #expect(LegalAidRules.allowedEvents(for: waiting) == ["supplement", "withdraw"])
        let back = try run([Self.applied(), .requestSupplement(date: day("2025-03-04"), missing: "务工证明"), .supplement(date: day("2025-03-05"))])
        #expect(refusal(.requestSupplement(date: day("2025-03-06"), missing: "身份证"), after: [
            Self.applied(), .requestSupplement(date: day("2025-03-04"), missing: "务工证明"), .supplement(date: day("2025-03-05")),
        ])?.code == "supplement_once")
        #expect(!LegalAidRules.allowedEvents(for: back).contains("requestSupplement"))
        let withdrawn = try run([Self.applied(), .requestSupplement(date: day("2025-03-04"), missing: "务工证明"), .withdraw(date: day("2025-04-04"), deemed: true)])
        #expect(withdrawn.state == .withdrawn && withdrawn.summary.concludedOn == day("2025-04-04"))
        #expect(LegalAidRules.contributions(of: withdrawn, calendar: bundledCalendar).isEmpty)
    }

    @Test("A notice of mandatory defence needs no decision: the lawyer is due in three working days from it")
    func mandatoryDefence() throws {
        let dossier = try run([Self.applied(nil, on: "2025-03-28", channel: .courtNotice, matter: .criminalDefence)])
        #expect(dossier.state == .granted && dossier.decision?.ground == .mandatoryDefence && dossier.decision?.reason.contains("第二十五条") == true)
        let deadlines = LegalAidRules.deadlines(of: dossier, calendar: bundledCalendar)
        #expect(deadlines.map(\.ruleKey) == ["legalAid.assignment"] && deadlines[0].due == day("2025-04-02"))
        #expect(throws: TransitionError.self) { try run([Self.applied(nil, channel: .courtNotice, matter: .civil)]) }
        #expect(throws: TransitionError.self) { try run([Self.applied(nil)]) }
    }

    @Test("Refusal states its reasons; the facts decide whether hardship can be the ground; the objection is ruled in five working days")
    func refusalAndObjection() throws {
        #expect(refusal(.grant(date: day("2025-03-05"), standard: Self.standard), after: [Self.applied(Self.comfortable)])?.code == "not_eligible")
        #expect(refusal(.refuse(date: day("2025-03-05"), standard: Self.standard, ground: .notInHardship, explanation: "收入高"),
                        after: [Self.applied()])?.code == "facts_say_eligible")
        #expect(refusal(.grant(date: day("2025-03-05"), standard: nil), after: [Self.applied()])?.code == "standard_missing")
        // A decision dated before the application.
        #expect(refusal(.grant(date: day("2025-03-01"), standard: Self.standard), after: [Self.applied()])?.invalidField == "date")
        let refused = [Self.applied(Self.comfortable), LegalAidEvent.refuse(date: day("2025-03-10"), standard: Self.standard, ground: .notInHardship,
                                                                              explanation: "家庭收入超过标准")]
        let objected = try run(refused + [.object(date: day("2025-04-01"), reason: "收入计算有误")])
        #expect(objected.state == .objected && objected.summary.isOpen)
        let ruling = try #require(LegalAidRules.deadlines(of: objected, calendar: bundledCalendar).first { $0.ruleKey == "legalAid.objection" })
        #expect(ruling.due == day("2025-04-09"))   // 清明 (4–6 April) not counted
        let upheld = try run(refused + [.object(date: day("2025-04-01"), reason: "收入计算有误"),
                                        .ruleObjection(date: day("2025-04-03"), upheld: true, note: "异议成立")])
        #expect(upheld.state == .granted && upheld.grantedOn == day("2025-04-03"))
        #expect(LegalAidRules.contributions(of: upheld, calendar: bundledCalendar) == [MetricContribution("legal_aid.accepted", on: day("2025-04-03"))])
        // A recovered amount only on closing an assigned case, within bounds; each checklist item within its points, none left out.
        #expect(refusal(.close(date: day("2025-05-01"), result: "结案", recoveredYuan: 100, satisfaction: .satisfied), after: [Self.applied()])?.code == "wrong_state")
        let assigned = [Self.applied(), .grant(date: day("2025-03-05"), standard: Self.standard),
                        LegalAidEvent.assign(date: day("2025-03-06"), lawyerID: Self.lawyer, lawyerName: "王援律", firm: "所", skipReason: nil)]
        #expect(refusal(.close(date: day("2025-05-01"), result: "结案", recoveredYuan: -1, satisfaction: .satisfied), after: assigned)?.invalidField == "recoveredYuan")
        let closed = assigned + [LegalAidEvent.close(date: day("2025-04-01"), result: "结案", recoveredYuan: 0, satisfaction: .satisfied)]
        var over = Self.scores
        over["opinion"] = 31
        #expect(refusal(.review(date: day("2025-05-01"), scores: over, reviewer: "甲", note: nil), after: closed)?.invalidField == "opinion")
        var missing = Self.scores
        missing["feedback"] = nil
        #expect(refusal(.review(date: day("2025-05-01"), scores: missing, reviewer: "甲", note: nil), after: closed)?.invalidField == "feedback")
    }

    @Test("Rotation: fewest cases first, then the longest waiting; an expired licence, an undeclared matter or a conflict bars")
    func rotation() {
        func candidate(_ name: String, _ count: Int, _ last: String?, areas: [LegalAidMatter] = LegalAidMatter.allCases, validTo: String = "2030-12-31",
                       open: [LegalAidRotation.Parties] = []) -> LegalAidRotation.Candidate {
            .init(id: UUID(), name: name, areas: areas, licenceValidTo: day(validTo), assignedThisYear: count, lastAssignedOn: last.map(day), openCases: open)
        }
        let parties = LegalAidRotation.Parties(aided: ["张三"], opposing: ["天津某公司"])
        let lawyers = [candidate("甲", 3, "2025-03-01"), candidate("乙", 2, "2025-03-05"), candidate("丙", 2, "2025-02-01"), candidate("丁", 2, nil),
                       candidate("戊", 0, nil, validTo: "2025-01-31"), candidate("己", 0, nil, areas: [.criminalDefence]),
                       candidate("庚", 0, nil, open: [.init(aided: ["天津某公司"], opposing: ["李四"])])]
        let order = LegalAidRotation.order(lawyers, matter: .civil, parties: parties, on: day("2025-03-10"))
        #expect(order.map(\.name) == ["丁", "丙", "乙", "甲"])
        #expect(LegalAidRotation.bar(lawyers[4], matter: .civil, parties: parties, on: day("2025-03-10"))?.contains("执业证有效期") == true)
        #expect(LegalAidRotation.bar(lawyers[5], matter: .civil, parties: parties, on: day("2025-03-10"))?.contains("未申报") == true)
        #expect(LegalAidRotation.bar(lawyers[6], matter: .civil, parties: parties, on: day("2025-03-10"))?.contains("利益冲突") == true)
    }

    @Test("Events round-trip through JSON")
    func coding() throws {
        let events: [LegalAidEvent] = [
            Self.applied(), .requestSupplement(date: day("2025-03-04"), missing: "x"), .supplement(date: day("2025-03-05")),
            .grant(date: day("2025-03-06"), standard: Self.standard), .refuse(date: day("2025-03-06"), standard: nil, ground: .outsideScope, explanation: "y"),
            .object(date: day("2025-03-07"), reason: "z"), .ruleObjection(date: day("2025-03-08"), upheld: true, note: "n"),
            .assign(date: day("2025-03-09"), lawyerID: Self.lawyer, lawyerName: "王", firm: "所", skipReason: "回避"),
            .recordProgress(date: day("2025-03-10"), note: "p"), .close(date: day("2025-03-11"), result: "r", recoveredYuan: 5, satisfaction: .satisfied),
            .review(date: day("2025-03-12"), scores: Self.scores, reviewer: "v", note: nil), .withdraw(date: day("2025-03-13"), deemed: false),
        ]
        for event in events {
            #expect(try JSONDecoder().decode(LegalAidEvent.self, from: try JSONEncoder().encode(event)) == event)
        }
        #expect(Set(events.map(\.kind)) == Set(LegalAidEvent.kinds))
    }
}
