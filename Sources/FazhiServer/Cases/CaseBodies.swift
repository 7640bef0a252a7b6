import Fluent
import FazhiCore
import Vapor

/// The JSON of a case, the same for every line; the line adds its own `detail`.
struct CaseBody<Detail: Content>: Content {
    let id: UUID
    let line: String
    let caseNumber: String
    let title: String
    let orgID: UUID
    let agencyID: UUID?
    let handlerID: UUID?
    let state: String
    let stateLabel: String
    let isOpen: Bool
    let receivedOn: String
    let acceptedOn: String?
    let concludedOn: String?
    let outcome: String?
    let outcomeLabel: String?
    let version: Int
    let deadlines: [CaseDeadlineBody]?
    let events: [CaseEventBody]?
    let parties: [PartyView]?
    let detail: Detail?
}

struct CaseDeadlineBody: Content {
    let ruleKey: String
    let title: String
    let basis: String
    let kind: String
    let start: String
    let due: String
    let status: String
    let statusLabel: String
    let provisional: Bool
    let paused: Bool
    let completedOn: String?
    /// How the due date was computed, step by step: on the case (its page and API), not on list rows.
    let explanation: [String]?
}

extension CaseDeadlineBody {
    /// A stored deadline with its status on `today`; `explained: false` for a list row (no explanation, whose
    /// column the list's query does not read).
    init(_ row: CaseDeadlineRecord, today: CivilDate, calendar: WorkingCalendar, explained: Bool = true) {
        self.init(row.deadline(explained: explained), today: today, calendar: calendar, explained: explained)
    }

    /// A deadline with its status on `today`; by default as a list row shows it, without its explanation.
    init(_ deadline: CaseDeadline, today: CivilDate, calendar: WorkingCalendar, explained: Bool = false) {
        let status = deadline.status(today: today, calendar: calendar)
        self.init(ruleKey: deadline.ruleKey, title: deadline.title, basis: deadline.basis, kind: deadline.kind.rawValue,
                  start: deadline.start.description, due: deadline.due.description, status: status.rawValue,
                  statusLabel: status.label(for: deadline.kind), provisional: deadline.provisional, paused: deadline.paused,
                  completedOn: deadline.completedOn?.description, explanation: explained ? deadline.explanation : nil)
    }
}

struct CaseEventBody: Content {
    let seq: Int
    let kind: String
    let date: String
    let summary: String
    let recordedAt: Date
    let actor: String
}

/// Reads what a case page or the API shows: the case's deadlines (with status today), events and parties.
struct CaseReading {
    let db: Database
    let calendar: WorkingCalendar
    let protection: DataProtection
    /// The Chinese of each party role code (`ModuleRegistry.partyRoles`).
    let partyRoles: [String: String]

    func deadlines(of record: CaseRecord, today: CivilDate) async throws -> [CaseDeadlineBody] {
        try await CaseDeadlineRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).sort(\.$dueOn).all()
            .map { CaseDeadlineBody($0, today: today, calendar: calendar) }
    }

    func events(of record: CaseRecord) async throws -> [CaseEventBody] {
        try await CaseEventRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).sort(\.$seq).all().map {
            .init(seq: $0.seq, kind: $0.kind, date: $0.occurredOn, summary: $0.summary, recordedAt: $0.recordedAt, actor: $0.actorName)
        }
    }

    func parties(of record: CaseRecord, reveal: Bool) async throws -> [PartyView] {
        try await PartyRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).all()
            .map { try PartyView($0, roles: partyRoles, protection: protection, reveal: reveal) }
    }

    func body<Detail: Content>(_ record: CaseRecord, detail: Detail?, today: CivilDate, full: Bool, reveal: Bool = false) async throws -> CaseBody<Detail> {
        let deadlines = full ? try await self.deadlines(of: record, today: today) : nil
        let events = full ? try await self.events(of: record) : nil
        let parties = full ? try await self.parties(of: record, reveal: reveal) : nil
        return CaseBody(
            id: record.id!, line: record.line.rawValue, caseNumber: record.caseNumber, title: record.title,
            orgID: record.$org.id, agencyID: record.$agency.id, handlerID: record.$handler.id, state: record.state,
            stateLabel: record.stateLabel, isOpen: record.isOpen, receivedOn: record.receivedOn, acceptedOn: record.acceptedOn,
            concludedOn: record.concludedOn, outcome: record.outcome, outcomeLabel: record.outcomeLabel, version: record.version,
            deadlines: deadlines, events: events,
            parties: parties, detail: detail)
    }
}

/// A body for "no line detail".
struct Empty: Content {}

extension Request {
    func caseReading() async throws -> CaseReading {
        CaseReading(db: db, calendar: try await calendarStore.calendar(), protection: dataProtection, partyRoles: modules.partyRoles)
    }
}
