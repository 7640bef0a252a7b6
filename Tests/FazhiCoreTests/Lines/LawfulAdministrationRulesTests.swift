@testable import FazhiCore
import Foundation
import Testing

@Suite("Bigram search text, review flags, legality review and major-decision rules")
struct LawfulAdministrationRulesTests {
    static let calendar = try! WorkingCalendar.bundled()

    static func day(_ text: String) -> CivilDate { CivilDate(string: text)! }

    @Test func gramsCoverEveryAdjacentPairAndWholeAsciiWords() {
        let grams = BigramText.grams(of: "行政执法 GB/T 9704，执法。")
        #expect(grams["行政"] == 1 && grams["政执"] == 1 && grams["执法"] == 2)
        #expect(grams["gb"] == 1 && grams["t"] == 1 && grams["9704"] == 1)
        #expect(grams["法执"] == nil)   // the space and the comma end a run
        #expect(BigramText.grams(of: "第一条 法")["法"] == 1)   // a lone character is its own token
        // Full-width letters and digits are normalised, so ＡＢＣ２０２４ finds abc2024.
        #expect(BigramText.queryGrams(of: "ＡＢＣ２０２４") == ["abc2024"])
    }

    @Test func queriesNeedTwoCharactersAndAreBounded() throws {
        #expect(try BigramText.terms(of: " 执法  监督 ").get() == ["执法", "监督"])
        #expect(BigramText.terms(of: "法") == .failure(.singleCharacter("法")))
        #expect(BigramText.terms(of: "") == .failure(.empty))
        #expect(BigramText.terms(of: "，。") == .failure(.noWords(BigramText.normalize("，。"))))
        #expect(BigramText.terms(of: String(repeating: "执", count: 51)) == .failure(.tooLong(51)))
        #expect(BigramText.gramsProvePhrase("执法") && !BigramText.gramsProvePhrase("行政执法"))
    }

    @Test func snippetsMarkTheMatches() throws {
        let pieces = try #require(BigramText.snippet("第一条 为规范行政执法行为，制定本办法。", terms: ["执法"], radius: 4))
        #expect(pieces.map(\.text).joined() == "…规范行政执法行为，制定本…" && pieces.contains { $0.match && $0.text == "执法" })
        #expect(BigramText.snippet("没有", terms: ["执法"]) == nil)
    }

    @Test func flagsTheSentencesThatCreatePenaltiesLicencesFeesOrCompulsoryMeasures() {
        let flags = ReviewFlag.flags(in: "第一条 为规范管理，制定本办法。\n第二条 从事经营须经区民政局审批；违反的，处五千元罚款。第三条 可以查封场所。")
        #expect(flags.map(\.category) == [.licence, .penalty, .compulsory])
        #expect(flags[0].sentence == 1 && flags[1].sentence == 2 && flags[1].words == ["罚款"])
        #expect(ReviewFlag.sentences(of: "甲。乙；\n\n丙").count == 3)
    }

    @Test func aReviewIsDueInFifteenWorkingDaysAndAnUnlawfulDraftCannotBeAdopted() throws {
        var dossier = try NormativeDocumentRules.open(with: .submit(date: Self.day("2025-09-26"), title: "办法"), calendar: Self.calendar)
        // 15 working days across the National Day holiday (10-01…10-08 off, 09-28 and 10-11 worked).
        let deadline = try #require(NormativeDocumentRules.deadlines(of: dossier, calendar: Self.calendar).first)
        #expect(deadline.due == Self.day("2025-10-23") && deadline.explanation.contains { $0.contains("不少于五个工作日") })
        #expect(throws: TransitionError.self) {
            try NormativeDocumentRules.apply(.adopt(date: Self.day("2025-10-09"), documentNumber: ""), to: dossier, calendar: Self.calendar)
        }
        dossier = try NormativeDocumentRules.apply(.giveOpinion(date: Self.day("2025-10-10"), opinion: .unlawful, articles: "第十七条", text: "增设许可"),
                                                   to: dossier, calendar: Self.calendar)
        #expect(NormativeDocumentRules.allowedEvents(for: dossier) == ["withdraw"])
        do throws(TransitionError) {
            _ = try NormativeDocumentRules.apply(.adopt(date: Self.day("2025-10-20"), documentNumber: ""), to: dossier, calendar: Self.calendar)
            Issue.record("an unlawful draft was adopted")
        } catch {
            #expect(error.code == "reviewed_unlawful")
        }
        #expect(NormativeDocumentRules.contributions(of: dossier, calendar: Self.calendar).map(\.key) == ["normative_docs.legality_reviews"])
    }

    @Test func theDecisionGateNamesTheMissingProcedureAndItsArticle() throws {
        var dossier = try MajorDecisionRules.open(with: .list(date: Self.day("2025-02-10"), title: "方案", organ: "区政府"), calendar: Self.calendar)
        func apply(_ event: MajorDecisionEvent) throws -> MajorDecisionDossier {
            try MajorDecisionRules.apply(event, to: dossier, calendar: Self.calendar)
        }
        do throws(TransitionError) {
            _ = try MajorDecisionRules.apply(.decide(date: Self.day("2025-02-11")), to: dossier, calendar: Self.calendar)
            Issue.record("decided with every procedure missing")
        } catch {
            #expect(error.code == "procedure_missing" && error.message.contains("第十四条"))
        }
        dossier = try apply(.exempt(date: Self.day("2025-02-12"), procedure: .publicParticipation, reason: "内部管理事项"))
        dossier = try apply(.exempt(date: Self.day("2025-02-12"), procedure: .expertArgument, reason: "专业性不强"))
        dossier = try apply(.riskAssessment(date: Self.day("2025-02-13"), evidence: "评估报告"))
        // The review ran seven working days: 2025-02-14 → 2025-02-25.
        #expect(throws: TransitionError.self) {
            try apply(.legalityReview(date: Self.day("2025-02-24"), submittedOn: Self.day("2025-02-14"), opinion: .lawful, evidence: "意见书"))
        }
        dossier = try apply(.legalityReview(date: Self.day("2025-02-25"), submittedOn: Self.day("2025-02-14"), opinion: .lawful, evidence: "意见书"))
        #expect(dossier.missing == [.collectiveDiscussion])
        dossier = try apply(.collectiveDiscussion(date: Self.day("2025-03-01"), meeting: "常务会议", evidence: "纪要"))
        dossier = try apply(.decide(date: Self.day("2025-03-01")))
        #expect(dossier.state == .decided)
        #expect(MajorDecisionRules.contributions(of: dossier, calendar: Self.calendar).map(\.day) == [Self.day("2025-02-25")])
        #expect(LegalAdviserRules.coveragePercent(covered: 37, required: 38) == 97 && LegalAdviserRules.coveragePercent(covered: 0, required: 0) == 0)
    }
}
