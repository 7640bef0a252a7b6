@testable import FazhiCore

// The catalogues as the server assembles them from its modules (`Modules` in FazhiServer), for Core's tests,
// which cannot see the server: the lines built today, the ledger lines, then mediation, legal aid, notarisation, major
// decisions, advisers, normative documents, enforcement supervision and publicity (their modules come after the
// ledgers': legal aid's and then notarisation's sentences follow the ledgers' in the legal-services subsection).

extension DeadlineCatalogue {
    static let testRules = ReconsiderationRules.deadlineRules + LitigationRules.deadlineRules
        + MediationRules.deadlineRules + LegalAidRules.deadlineRules + NotaryRules.deadlineRules
        + MajorDecisionRules.deadlineRules + NormativeDocumentRules.deadlineRules
    static let standard = try! DeadlineCatalogue(rules: testRules)

    init(overrides: [String: Int]) throws(DeadlineError) {
        try self.init(rules: Self.testRules, overrides: overrides)
    }
}

extension DeadlineRequest {
    func compute(calendar: WorkingCalendar) throws(DeadlineError) -> (computation: DeadlineComputation, explanation: DeadlineExplanation) {
        try compute(calendar: calendar, catalogue: .standard)
    }
}

extension AnnualReportOutline {
    static let standard = AnnualReportOutline(
        sections: [ReconsiderationRules.reportSection, MediationRules.reportSection, EnforcementSupervisionRules.reportSection,
                   PublicityRules.reportSection],
        figures: [ReconsiderationRules.reportFigures, LitigationRules.reportFigures] + ReportFigures.ledgerLines
            + [MediationRules.reportFigures, LegalAidRules.reportFigures, NotaryRules.reportFigures,
               MajorDecisionRules.reportFigures, LegalAdviserRules.reportFigures, NormativeDocumentRules.reportFigures,
               EnforcementSupervisionRules.reportFigures, PublicityRules.reportFigures])
}

extension MetricCatalogue {
    static var standard: MetricCatalogue { AnnualReportOutline.standard.metrics }
}

extension AnnualReportDraft {
    init(year: Int, bureau: String, figures: [String: MetricFigure], date: CivilDate? = nil) {
        self.init(year: year, bureau: bureau, figures: figures, date: date, outline: .standard)
    }
}
