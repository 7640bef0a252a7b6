import Testing
@testable import FazhiCore

@Suite struct DeadlineCatalogueTests {
    static let catalogue = DeadlineCatalogue.standard

    @Test func everyRuleHasABasisAndAUniqueKey() {
        let keys = Self.catalogue.all.map(\.key)
        #expect(Set(keys).count == keys.count)
        for rule in Self.catalogue.all {
            #expect(!rule.basis.isEmpty && !rule.title.isEmpty && !rule.trigger.isEmpty, "\(rule.key)")
            #expect(rule.limit > 0, "\(rule.key)")
        }
    }

    /// RULES.md §3–4, row by row: key, limit, unit, extension, kind.
    @Test(arguments: [
        ("reconsideration.application", 60, DayUnit.calendar, Int?.none, DeadlineKind.binding),
        ("reconsideration.acceptance", 5, .working, nil, .binding),
        ("reconsideration.supplementNotice", 5, .working, nil, .binding),
        ("reconsideration.supplement", 10, .working, nil, .binding),
        ("reconsideration.copyToRespondent", 7, .working, nil, .binding),
        ("reconsideration.reply", 10, .working, nil, .binding),
        ("reconsideration.copyToRespondent.simplified", 3, .working, nil, .binding),
        ("reconsideration.reply.simplified", 5, .working, nil, .binding),
        ("reconsideration.hearingNotice", 5, .working, nil, .binding),
        ("reconsideration.decision", 60, .calendar, 30, .binding),
        ("reconsideration.decision.simplified", 30, .calendar, nil, .binding),
        ("reconsideration.suspensionTermination", 60, .calendar, nil, .binding),
        ("reconsideration.opinionLetterCompliance", 60, .calendar, nil, .binding),
        ("reconsideration.lawsuit", 15, .calendar, nil, .binding),
        ("legalAid.decision", 7, .working, nil, .binding),
        ("legalAid.assignment", 3, .working, nil, .binding),
        ("legalAid.objection", 5, .working, nil, .binding),
        ("mediation.target", 30, .calendar, nil, .target),
        ("mediation.judicialConfirmation", 30, .calendar, nil, .binding),
        ("notary.certificate", 15, .working, nil, .binding),
        ("majorDecision.publicComment", 30, .calendar, nil, .minimum),
        ("majorDecision.legalityReview", 7, .working, nil, .minimum),
        ("normativeDocument.legalityReview", 15, .working, nil, .binding),
        ("normativeDocument.filing", 30, .calendar, nil, .binding),
        ("normativeDocument.validity", 5, .years, nil, .binding),
        ("litigation.defence", 15, .calendar, nil, .binding),
    ])
    func matchesTheRules(key: String, limit: Int, unit: DayUnit, extensionLimit: Int?, kind: DeadlineKind) throws {
        let rule = try Self.catalogue.rule(key)
        #expect(rule.limit == limit && rule.unit == unit && rule.extensionLimit == extensionLimit && rule.kind == kind)
    }

    @Test func marksTheUnverifiedDefaults() {
        let unverified = Set(Self.catalogue.all.filter(\.unverified).map(\.key))
        #expect(unverified == ["legalAid.decision", "legalAid.assignment", "legalAid.objection",
                               "normativeDocument.legalityReview", "normativeDocument.legalityReview.minimum",
                               "normativeDocument.filing", "normativeDocument.validity"])
    }

    @Test func reconsiderationWorkingDaysAreOnlyThreeFiveSevenOrTen() {
        // 行政复议法第八十八条: only 3, 5, 7 and 10-day periods are working days.
        for rule in Self.catalogue.rules(inLine: "reconsideration.") where rule.unit == .working {
            #expect([3, 5, 7, 10].contains(rule.limit), "\(rule.key)")
        }
    }

    @Test func overridesOnlyUnverifiedRules() throws {
        let local = try DeadlineCatalogue(overrides: ["normativeDocument.filing": 15, "legalAid.decision": 5])
        #expect(try local.rule("normativeDocument.filing").limit == 15)
        #expect(try local.rule("legalAid.decision").limit == 5)
        #expect(try DeadlineCatalogue.standard.rule("normativeDocument.filing").limit == 30)
        #expect(throws: DeadlineError.overrideNotAllowed(rule: "reconsideration.decision")) {
            try DeadlineCatalogue(overrides: ["reconsideration.decision": 90])
        }
        #expect(throws: DeadlineError.unknownRule(key: "nope")) { try DeadlineCatalogue(overrides: ["nope": 3]) }
        #expect(throws: DeadlineError.nonPositiveLimit(field: "overrides[legalAid.decision]", value: 0)) {
            try DeadlineCatalogue(overrides: ["legalAid.decision": 0])
        }
    }

    @Test func everyRuleComputesInsideTheCoveredYears() throws {
        for rule in Self.catalogue.all where rule.unit != .years {
            let result = try rule.clock(from: day("2025-03-03")).compute(in: bundledCalendar)
            #expect(!result.provisional, "\(rule.key)")
        }
    }
}
