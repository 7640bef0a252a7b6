import Fluent
import FazhiCore
import Vapor

/// What the platform does to every line's cases without knowing the line: recompute deadlines after a calendar
/// change, record automatic events (deemed acceptance…). Each case line registers one entry through its module.
struct CaseLineHandler: Sendable {
    let line: WorkLine
    let recomputeDeadlines: @Sendable (Database, CaseRecord, WorkingCalendar) async throws -> Void
    let recordAutomaticEvents: @Sendable (Database, CaseRecord, CivilDate, WorkingCalendar) async throws -> Int

    static func of<Rules: CaseLineRules>(_ rules: Rules.Type) -> CaseLineHandler {
        CaseLineHandler(
            line: Rules.line,
            recomputeDeadlines: { db, record, calendar in
                try await CaseWorkflow<Rules>(db: db, calendar: calendar, actor: .system).recomputeDeadlines(of: record)
            },
            recordAutomaticEvents: { db, record, today, calendar in
                try await CaseWorkflow<Rules>(db: db, calendar: calendar, actor: .system)
                    .recordAutomaticEvents(on: record, today: today)
            }
        )
    }
}

enum CaseLines {
    /// Recomputes the deadlines of every open case of `handler`'s line; returns how many cases.
    static func recomputeOpenCases(_ handler: CaseLineHandler, on db: Database, calendar: WorkingCalendar) async throws -> Int {
        let open = try await CaseRecord.query(on: db).filter(\.$line == handler.line).filter(\.$isOpen == true).all()
        for record in open {
            try await handler.recomputeDeadlines(db, record, calendar)
        }
        return open.count
    }

    /// Records due automatic events on every case of the line with an open deadline that has passed.
    static func recordDueAutomaticEvents(_ handler: CaseLineHandler, on db: Database, today: CivilDate,
                                         calendar: WorkingCalendar) async throws -> Int {
        let caseIDs = try await CaseDeadlineRecord.query(on: db)
            .filter(\.$line == handler.line).filter(\.$completedOn == nil).filter(\.$dueOn < today.description)
            .unique().all(\.$caseRecord.$id)
        var recorded = 0
        for id in Set(caseIDs) {
            guard let record = try await CaseRecord.find(id, on: db), record.isOpen else { continue }
            recorded += try await handler.recordAutomaticEvents(db, record, today, calendar)
        }
        return recorded
    }
}
