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
    struct Opening: Sendable {
        var org: UUID
        var agency: UUID?
        var handler: UUID?
        var title: String
        /// The line's own rows for the new case (its detail, its parties), written in the opening's transaction.
        var details: @Sendable (CaseRecord, inout ModelBatch) throws -> Void = { _, _ in }
    }

    /// A case to open with events already in its history (`openMany`): the first opens it, each later one is recorded
    /// as `record` would record it.
    struct Story: Sendable {
        var opening: Opening
        var events: [Rules.Event]
    }

    /// Opens a case: validates the first event, issues the case number, stores everything in one transaction.
    func open(_ event: Rules.Event, _ opening: Opening) async throws -> CaseRecord {
        let story = Story(opening: opening, events: [event])
        return try await db.transaction { tx in
            let record = try await write([story], on: tx)[0]
            try await AuditLog.record(on: tx, actor: actor, action: "open", entityType: "case", entityID: record.id!.uuidString,
                                      before: nil, after: record.snapshot.merging(["event": event.kind]) { $1 })
            return record
        }
    }

    /// Stories opened through `openMany` a thousand at a time, as a loader tells them, so that a long load holds one
    /// batch in memory and one transaction open at a time.
    struct BulkOpener {
        let workflow: CaseWorkflow
        var pending: [Story] = []
        var opened = 0

        init(_ workflow: CaseWorkflow) { self.workflow = workflow }

        mutating func add(_ story: Story) async throws {
            pending.append(story)
            if pending.count == 1_000 { try await flush() }
        }

        /// Opens what is pending; returns how many were opened in all.
        @discardableResult
        mutating func flush() async throws -> Int {
            opened += try await workflow.openMany(pending).count
            pending = []
            return opened
        }
    }

    /// Opens many cases, each with its whole history, in one transaction (the demo's scale load): the same rules,
    /// case numbers, rows, deadlines and rollup as `open` followed by `record` for each later event, written in
    /// multi-row statements, with one audit row for the batch naming its first and last case numbers.
    func openMany(_ stories: [Story]) async throws -> [CaseRecord] {
        guard !stories.isEmpty else { return [] }
        return try await db.transaction { tx in
            let records = try await write(stories, on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "open-many", entityType: "case",
                                      entityID: "\(Rules.line.rawValue)/\(records[0].caseNumber)",
                                      before: nil, after: ["cases": String(records.count), "first": records[0].caseNumber,
                                                           "last": records[records.count - 1].caseNumber])
            return records
        }
    }

    /// Folds each story through the rules, then writes its case, rows, events, deadlines and rollup contributions.
    private func write(_ stories: [Story], on tx: Database) async throws -> [CaseRecord] {
        var cases = ModelBatch()
        var rows = ModelBatch()
        var events = ModelBatch()
        var deadlines = ModelBatch()
        var records: [CaseRecord] = []
        let now = Date()
        var contributions: [UUID: [MetricContribution]] = [:]
        var facets: FacetRollup.Sums = [:]
        // The metrics the line keeps by agency, per org and respondent agency.
        var byAgency: [OrgAndAgency: [MetricContribution]] = [:]
        var numbering: [String: [(CaseRecord, Int)]] = [:]
        let bureaus = try await Org.bureaus(of: Set(stories.map(\.opening.org)), on: tx)
        for story in stories {
            let dossier = try Self.fold(story.events, calendar: calendar)
            let record = CaseRecord()
            record.id = cases.nextID()
            record.createdAt = now
            record.updatedAt = now
            record.line = Rules.line
            record.$org.id = story.opening.org
            record.bureauID = bureaus[story.opening.org]
            record.$agency.id = story.opening.agency
            record.$handler.id = story.opening.handler
            record.title = story.opening.title
            record.version = story.events.count
            record.apply(dossier.summary)
            record.year = dossier.summary.receivedOn.year
            numbering["\(story.opening.org.uuidString) \(record.year)", default: []].append((record, records.count))
            records.append(record)
            try story.opening.details(record, &rows)
            for (index, event) in story.events.enumerated() { events.add(try eventRow(event, seq: index + 1, of: record)) }
            deadlines.add(contentsOf: Rules.deadlines(of: dossier, calendar: calendar).map { CaseDeadlineRecord($0, of: record) })
            let counted = Rules.contributions(of: dossier, calendar: calendar)
            contributions[story.opening.org, default: []] += counted
            FacetRollup.merge(FacetRollup.sums(of: Rules.facets(of: dossier, calendar: calendar), org: story.opening.org), into: &facets)
            if let agency = story.opening.agency, !Rules.metricsByAgency.isEmpty {
                byAgency[OrgAndAgency(org: story.opening.org, agency: agency), default: []] += counted.filter { Rules.metricsByAgency.contains($0.key) }
            }
        }
        // Numbers in the order the cases were given, per bureau and year, from the counter `open` uses.
        for group in numbering.values.sorted(by: { $0[0].1 < $1[0].1 }) {
            let first = group[0].0
            let numbers = try await CaseNumbering(db: tx).reserve(group.count, line: Rules.line, declaredPattern: Rules.caseNumberPattern,
                                                                  org: first.$org.id, year: first.year)
            for ((record, _), (seq, number)) in zip(group, numbers) {
                record.seq = seq
                record.caseNumber = number
            }
        }
        cases.add(contentsOf: records)
        try await cases.create(on: tx)
        for record in records { record.$id.exists = true }  // stored: a later `update` on it updates
        try await rows.create(on: tx)
        try await events.create(on: tx)
        try await deadlines.create(on: tx)
        for (org, contributions) in contributions {
            try await MetricRollup.apply(from: [], to: contributions, org: org, on: tx)
        }
        for (key, contributions) in byAgency {
            try await MetricRollup.applyByAgency(from: [], to: contributions, org: key.org, agency: key.agency, on: tx)
        }
        try await FacetRollup.add(facets, on: tx)
        return records
    }

    /// A case's dossier from its events: the first opens it, each later one must be allowed and accepted by the rules
    /// exactly as `record` checks it.
    static func fold(_ events: [Rules.Event], calendar: WorkingCalendar) throws -> Rules.Dossier {
        guard let first = events.first else { throw FieldError(field: "events", message: "案件须有第一个事项") }
        var dossier = try Rules.open(with: first, calendar: calendar)
        for event in events.dropFirst() {
            let next = try Rules.apply(event, to: dossier, calendar: calendar)
            try requireAllowed(event, on: dossier)
            dossier = next
        }
        return dossier
    }

    /// A line's completion of an event inside the recording transaction (`CaseAPI.complete`): given the case and its
    /// dossier before the event, the event as it is to be stored.
    typealias Completion = @Sendable (Database, CaseRecord, Rules.Dossier, Rules.Event) async throws -> Rules.Event

    /// Records one event on a case whose version the caller last saw. A stale version answers 409 and changes nothing;
    /// a transition the rules refuse answers 422 with the reason. `completing` runs in the transaction, once the version
    /// is claimed, so what it allocates is allocated with the event or not at all.
    @discardableResult
    func record(_ posted: Rules.Event, on record: CaseRecord, expectedVersion: Int, completing: Completion? = nil) async throws -> CaseRecord {
        guard record.version == expectedVersion else { throw CaseRecord.staleVersion }
        try await db.transaction { tx in
            try await record.claimVersion(expected: expectedVersion, on: tx)
            let events = try await Self.events(of: record, on: tx)
            let before = record.snapshot
            let previous = try Rules.replay(events, calendar: calendar)
            var event = posted
            if let completing { event = try await completing(tx, record, previous, posted) }
            let dossier = try Rules.apply(event, to: previous, calendar: calendar)
            try Self.requireAllowed(event, on: previous)
            record.apply(dossier.summary)
            try await record.update(on: tx)
            try await append(event, seq: events.count + 1, to: record, on: tx)
            try await writeDeadlines(Rules.deadlines(of: dossier, calendar: calendar), of: record, on: tx)
            try await MetricRollup.apply(from: Rules.contributions(of: previous, calendar: calendar),
                                         to: Rules.contributions(of: dossier, calendar: calendar), org: record.$org.id,
                                         agency: record.$agency.id, byAgency: Rules.metricsByAgency, on: tx)
            try await FacetRollup.apply(from: Rules.facets(of: previous, calendar: calendar), to: Rules.facets(of: dossier, calendar: calendar),
                                        org: record.$org.id, on: tx)
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
        let previous = try Rules.replay(events, calendar: previousCalendar)
        let before = Rules.contributions(of: previous, calendar: previousCalendar)
        try await db.transaction { tx in
            try await writeDeadlines(Rules.deadlines(of: dossier, calendar: calendar), of: record, on: tx)
            try await MetricRollup.apply(from: before, to: Rules.contributions(of: dossier, calendar: calendar), org: record.$org.id,
                                         agency: record.$agency.id, byAgency: Rules.metricsByAgency, on: tx)
            try await FacetRollup.apply(from: Rules.facets(of: previous, calendar: previousCalendar), to: Rules.facets(of: dossier, calendar: calendar),
                                        org: record.$org.id, on: tx)
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
        try await eventRow(event, seq: seq, of: record).create(on: db)
    }

    /// The stored form of an event: its payload is the line's `Codable` event, keys sorted.
    private func eventRow(_ event: Rules.Event, seq: Int, of record: CaseRecord) throws -> CaseEventRecord {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let row = CaseEventRecord()
        row.$caseRecord.id = record.id!
        row.seq = seq
        row.kind = event.kind
        row.occurredOn = event.date.description
        row.summary = event.summary
        row.payload = String(decoding: try encoder.encode(event), as: UTF8.self)
        row.recordedAt = Date()
        row.actorID = actor.id
        row.actorName = actor.name
        return row
    }

    private func writeDeadlines(_ deadlines: [CaseDeadline], of record: CaseRecord, on db: Database) async throws {
        try await CaseDeadlineRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).delete()
        for deadline in deadlines {
            try await CaseDeadlineRecord(deadline, of: record).create(on: db)
        }
    }
}

private struct OrgAndAgency: Hashable {
    let org: UUID
    let agency: UUID
}
