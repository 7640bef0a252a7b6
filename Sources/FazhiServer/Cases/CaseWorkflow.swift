import Fluent
import FazhiCore
import FluentSQL
import Vapor

/// The one way a case changes (STYLE.md: "an operation that touches several records is one named workflow
/// object"): open a case with its first event, or record an event on it. Each call is one transaction that
/// checks the case's version, lets the line's rules validate the transition, appends the event, rewrites the
/// summary and the deadlines, and writes the audit row.
struct CaseWorkflow<Rules: CaseLineRules> {
    let db: Database
    let calendar: WorkingCalendar
    let actor: AuditActor

    /// Everything a new case needs besides its first event.
    struct Opening {
        var org: UUID
        var agency: UUID?
        var handler: UUID?
        var title: String
        /// Writes the line's detail rows and parties, inside the same transaction.
        var details: @Sendable (Database, CaseRecord) async throws -> Void = { _, _ in }
    }

    /// Opens a case: validates the first event, issues the case number, stores everything in one transaction.
    func open(_ event: Rules.Event, _ opening: Opening) async throws -> CaseRecord {
        let dossier = try Rules.open(with: event, calendar: calendar)
        let record = CaseRecord()
        record.id = UUID()
        record.line = Rules.line
        record.$org.id = opening.org
        record.$agency.id = opening.agency
        record.$handler.id = opening.handler
        record.title = opening.title
        record.version = 1
        record.apply(dossier.summary)
        try await db.transaction { tx in
            let year = dossier.summary.receivedOn.year
            let (seq, number) = try await CaseNumbering(db: tx).next(line: Rules.line, declaredPattern: Rules.caseNumberPattern,
                                                                      org: opening.org, year: year)
            record.year = year
            record.seq = seq
            record.caseNumber = number
            try await record.create(on: tx)
            try await opening.details(tx, record)
            try await append(event, seq: 1, to: record, on: tx)
            try await writeDeadlines(Rules.deadlines(of: dossier, calendar: calendar), of: record, on: tx)
            try await MetricRollup.apply(from: [], to: Rules.contributions(of: dossier, calendar: calendar), org: opening.org, on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "open", entityType: "case", entityID: record.id!.uuidString,
                                      before: nil, after: record.snapshot.merging(["event": event.kind]) { $1 })
        }
        return record
    }

    /// Records one event on a case whose version the caller last saw. A stale version answers 409 and changes nothing;
    /// a transition the rules refuse answers 422 with the reason.
    @discardableResult
    func record(_ event: Rules.Event, on record: CaseRecord, expectedVersion: Int) async throws -> CaseRecord {
        guard record.version == expectedVersion else { throw CaseRecord.staleVersion }
        try await db.transaction { tx in
            try await record.claimVersion(expected: expectedVersion, on: tx)
            let events = try await Self.events(of: record, on: tx)
            let before = record.snapshot
            let previous = try Rules.replay(events, calendar: calendar)
            let dossier = try Rules.apply(event, to: previous, calendar: calendar)
            try Self.requireAllowed(event, on: previous)
            record.apply(dossier.summary)
            try await record.update(on: tx)
            try await append(event, seq: events.count + 1, to: record, on: tx)
            try await writeDeadlines(Rules.deadlines(of: dossier, calendar: calendar), of: record, on: tx)
            try await MetricRollup.apply(from: Rules.contributions(of: previous, calendar: calendar),
                                         to: Rules.contributions(of: dossier, calendar: calendar), org: record.$org.id, on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "event:\(event.kind)", entityType: "case",
                                      entityID: record.id!.uuidString, before: before, after: record.snapshot)
        }
        return record
    }

    /// `apply` names the rule that refuses an event; an event it accepts that the rules do not list for the state
    /// (`allowedEvents`) is refused as well, so what the pages offer is exactly what any interface may record.
    static func requireAllowed(_ event: Rules.Event, on dossier: Rules.Dossier) throws(TransitionError) {
        guard Rules.allowedEvents(for: dossier).contains(event.kind) else {
            throw TransitionError(code: "event_not_allowed", message: "案件\(dossier.summary.stateLabel)，不能办理「\(event.summary)」")
        }
    }

    /// Records the events the rules say are due by `today` (e.g. deemed acceptance); returns how many.
    func recordAutomaticEvents(on record: CaseRecord, today: CivilDate) async throws -> Int {
        let dossier = try Rules.replay(try await Self.events(of: record, on: db), calendar: calendar)
        var count = 0
        for event in Rules.automaticEvents(for: dossier, today: today, calendar: calendar) {
            try await self.record(event, on: record, expectedVersion: record.version)
            count += 1
        }
        return count
    }

    /// Rewrites the stored deadlines (and the case's rollup contributions, which depend on them) from the events
    /// after the calendar changed from `previousCalendar` to this workflow's calendar.
    func recomputeDeadlines(of record: CaseRecord, previousCalendar: WorkingCalendar) async throws {
        let events = try await Self.events(of: record, on: db)
        let dossier = try Rules.replay(events, calendar: calendar)
        let before = Rules.contributions(of: try Rules.replay(events, calendar: previousCalendar), calendar: previousCalendar)
        try await db.transaction { tx in
            try await writeDeadlines(Rules.deadlines(of: dossier, calendar: calendar), of: record, on: tx)
            try await MetricRollup.apply(from: before, to: Rules.contributions(of: dossier, calendar: calendar), org: record.$org.id, on: tx)
        }
    }


    /// The case's events in order, decoded by the line.
    static func events(of record: CaseRecord, on db: Database) async throws -> [Rules.Event] {
        let rows = try await CaseEventRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).sort(\.$seq).all()
        let decoder = JSONDecoder()
        return try rows.map { try decoder.decode(Rules.Event.self, from: Data($0.payload.utf8)) }
    }

    /// The current dossier of a case.
    static func dossier(of record: CaseRecord, on db: Database, calendar: WorkingCalendar) async throws -> Rules.Dossier {
        try Rules.replay(try await events(of: record, on: db), calendar: calendar)
    }

    private func append(_ event: Rules.Event, seq: Int, to record: CaseRecord, on db: Database) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let row = CaseEventRecord()
        row.id = UUID()
        row.$caseRecord.id = record.id!
        row.seq = seq
        row.kind = event.kind
        row.occurredOn = event.date.description
        row.summary = event.summary
        row.payload = String(decoding: try encoder.encode(event), as: UTF8.self)
        row.recordedAt = Date()
        row.actorID = actor.id
        row.actorName = actor.name
        try await row.create(on: db)
    }

    private func writeDeadlines(_ deadlines: [CaseDeadline], of record: CaseRecord, on db: Database) async throws {
        try await CaseDeadlineRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).delete()
        for deadline in deadlines {
            try await CaseDeadlineRecord(deadline, of: record).create(on: db)
        }
    }
}
