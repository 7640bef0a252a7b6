import Fluent
import FazhiCore
import Vapor

/// What the platform does to every line's cases without knowing the line: recompute deadlines after a calendar
/// change, record automatic events (deemed acceptance…). Each case line registers one entry through its module.
struct CaseLineHandler: Sendable {
    let line: WorkLine
    /// Where its pages are (`/legal-aid`): a case's page is `base/{id}`, a queue `base?queue=…`.
    let base: String
    /// Recomputes a case's deadlines and contributions after the calendar changed (previous calendar, new calendar).
    let recomputeDeadlines: @Sendable (Database, CaseRecord, WorkingCalendar, WorkingCalendar) async throws -> Void
    let recordAutomaticEvents: @Sendable (Database, CaseRecord, CivilDate, WorkingCalendar) async throws -> Int
    /// The deadline rules an automatic event waits on (`CaseLineRules.automaticEventRuleKeys`).
    let automaticEventRuleKeys: Set<String>
    /// The keys of the line's facet counts (`CaseLineRules.facetKeys`), and what they should hold for its stored cases
    /// of the orgs (all when nil), the cases replayed: `--recount` checks `metric_facets` against it.
    let facetKeys: Set<String>
    let storedFacets: @Sendable (Database, [UUID]?, WorkingCalendar) async throws -> FacetRollup.Replayed

    static func of<Rules: CaseLineRules>(_ rules: Rules.Type, base: String) -> CaseLineHandler {
        CaseLineHandler(
            line: Rules.line,
            base: base,
            recomputeDeadlines: { db, record, previous, calendar in
                try await CaseWorkflow<Rules>(db: db, calendar: calendar, actor: .system).recomputeDeadlines(of: record, previousCalendar: previous)
            },
            recordAutomaticEvents: { db, record, today, calendar in
                try await CaseWorkflow<Rules>(db: db, calendar: calendar, actor: .system)
                    .recordAutomaticEvents(on: record, today: today)
            },
            automaticEventRuleKeys: Rules.automaticEventRuleKeys,
            facetKeys: Rules.facetKeys,
            storedFacets: { db, orgIDs, calendar in try await CaseWorkflow<Rules>.storedFacets(on: db, orgIDs: orgIDs, calendar: calendar) }
        )
    }
}

enum CaseLines {
    /// Recomputes the deadlines of every open case of `handler`'s line; returns how many cases.
    /// Recomputes the deadlines of every case of `handler`'s line with an open or provisional deadline (a calendar
    /// change cannot move anything else); returns how many cases.
    static func recomputeAffectedCases(_ handler: CaseLineHandler, on db: Database, previous: WorkingCalendar,
                                       calendar: WorkingCalendar) async throws -> Int {
        let ids = try await CaseDeadlineRecord.query(on: db).filter(\.$line == handler.line)
            .group(.or) { $0.filter(\.$completedOn == nil).filter(\.$provisional == true) }
            .unique().all(\.$caseRecord.$id)
        let cases = try await CaseRecord.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
        for record in cases {
            try await handler.recomputeDeadlines(db, record, previous, calendar)
        }
        return cases.count
    }

    /// The open cases of the line on which an automatic event may now be due: those with an open deadline of a rule the
    /// line's automatic events wait on (`automaticEventRuleKeys`) that has passed. Other overdue deadlines (a decision
    /// late, a defence not filed) record nothing by themselves, so their cases are not folded every hour. A range of the
    /// running-deadline index (`IndexCaseQueues`: line, completed_on, due_on); a line with no such rule costs no query.
    static func automaticEventCandidates(_ handler: CaseLineHandler, on db: Database, today: CivilDate) async throws -> [UUID] {
        guard !handler.automaticEventRuleKeys.isEmpty else { return [] }
        return try await CaseDeadlineRecord.query(on: db)
            .join(CaseRecord.self, on: \CaseDeadlineRecord.$caseRecord.$id == \CaseRecord.$id)
            .filter(CaseRecord.self, \.$isOpen == true)
            .filter(\.$line == handler.line).filter(\.$completedOn == nil).filter(\.$dueOn < today.description)
            .filter(\.$ruleKey ~~ Array(handler.automaticEventRuleKeys).sorted())
            .unique().all(\.$caseRecord.$id)
    }

    /// Records the automatic events now due on `cases` (each folded afresh; a closed case records none).
    static func recordDueAutomaticEvents(_ handler: CaseLineHandler, cases: [UUID], on db: Database, today: CivilDate,
                                         calendar: WorkingCalendar) async throws -> Int {
        var recorded = 0
        for record in try await CaseRecord.query(on: db).filter(\.$id ~~ cases).all() where record.isOpen {
            recorded += try await handler.recordAutomaticEvents(db, record, today, calendar)
        }
        return recorded
    }
}
