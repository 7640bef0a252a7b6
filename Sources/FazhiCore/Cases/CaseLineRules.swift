/// The rules of one work line's cases: how events change a case dossier, and which deadlines a dossier implies.
///
/// Events are the single source of truth (DESIGN.md, "Events are the truth"): a case's dossier (案卷) is the fold of
/// its events (the word is kept for that; an uploaded file is an attachment), a transition either returns the new
/// dossier or throws a `TransitionError` naming the rule, and the deadlines are derived from the dossier through the
/// working calendar. The server stores events, the summary and the deadlines in one transaction; it never decides a
/// transition itself.
public protocol CaseLineRules {
    associatedtype Event: CaseEvent
    associatedtype Dossier: CaseDossier

    /// The line these rules belong to.
    static var line: WorkLine { get }

    /// The default case-number pattern (案号) of the line, e.g. `东政复〔{year}〕{seq}号`: `{year}` and `{seq}` are
    /// replaced. A bureau may configure its own.
    static var caseNumberPattern: String { get }

    /// The dossier opened by the first event (e.g. an application received). Throws when `event` cannot open a case.
    /// `calendar` is the working calendar in force (shipped notices plus imported years): some checks count working days.
    static func open(with event: Event, calendar: WorkingCalendar) throws(TransitionError) -> Dossier

    /// The dossier after `event`, or the rule that forbids it.
    static func apply(_ event: Event, to dossier: Dossier, calendar: WorkingCalendar) throws(TransitionError) -> Dossier

    /// The kinds of event a person may record on `dossier` now, in the order the case page offers them. Every interface
    /// offers these and only these; whether one is accepted is still `apply`'s decision (its fields, dates, periods),
    /// the same for the pages and the API.
    static func allowedEvents(for dossier: Dossier) -> [String]

    /// Every deadline the dossier implies, open or completed, computed through `calendar`.
    static func deadlines(of dossier: Dossier, calendar: WorkingCalendar) -> [CaseDeadline]

    /// Events the system records by itself once `today` has come (e.g. deemed acceptance after the
    /// acceptance period passes without a decision). Empty when nothing is due.
    static func automaticEvents(for dossier: Dossier, today: CivilDate, calendar: WorkingCalendar) -> [Event]

    /// The deadline rules whose passing can make `automaticEvents` return an event: while one may be due, a deadline of
    /// one of these rules is open (not completed) with the due date it waits for. The case clock looks only at cases
    /// with such a deadline past due, so a line must list every rule its `automaticEvents` waits on.
    static var automaticEventRuleKeys: Set<String> { get }

    /// What the case counts for in the report's metrics (REPORT.md keys), by day. A pure function of the dossier:
    /// the server applies the difference before and after each event to the rollup.
    static func contributions(of dossier: Dossier, calendar: WorkingCalendar) -> [MetricContribution]

    /// The metrics among `contributions` also kept per respondent agency (the case's agency): a table by agency then
    /// reads the rollup, O(agencies × days), instead of counting the year's cases.
    static var metricsByAgency: Set<String> { get }

    /// What the case counts for in the line's own breakdowns (its dashboard panel's tables), by facet and month. A pure
    /// function of the dossier, kept as `contributions` are.
    static func facets(of dossier: Dossier, calendar: WorkingCalendar) -> [FacetContribution]

    /// The keys `facets` counts under (none: the line keeps no facet counts, and `--recount` replays none of its cases).
    static var facetKeys: Set<String> { get }

    /// The event serving document `instrumentKind` records on the case, if the service starts or ends something (the
    /// respondent received the copy, so its reply period runs from that day). Recorded with the proof of service in
    /// one transaction, and refused with it when the rules refuse the event.
    static func serviceEvent(of instrumentKind: String, _ service: DocumentService, dossier: Dossier) -> Event?
}

extension CaseLineRules {
    /// A line that declares no pattern numbers its cases after its name, e.g. `法律援助〔2024〕3号`.
    public static var caseNumberPattern: String { "\(line.label)〔{year}〕{seq}号" }

    /// Lines that record no event by themselves wait on no deadline: the case clock skips them.
    public static var automaticEventRuleKeys: Set<String> { [] }

    /// Lines with no table by agency keep no metric per agency.
    public static var metricsByAgency: Set<String> { [] }

    /// Lines whose cases feed no report metric count nothing.
    public static func contributions(of dossier: Dossier, calendar: WorkingCalendar) -> [MetricContribution] { [] }

    /// Lines whose panels break nothing down by facet keep no facet counts.
    public static func facets(of dossier: Dossier, calendar: WorkingCalendar) -> [FacetContribution] { [] }

    public static var facetKeys: Set<String> { [] }

    /// Lines whose deadlines do not run from a document's receipt record only the proof of service.
    public static func serviceEvent(of instrumentKind: String, _ service: DocumentService, dossier: Dossier) -> Event? { nil }

    /// Text a step must carry (a reason, a court, an agreement's terms): blank is refused naming the field.
    public static func requireText(_ text: String, field: String, message: String) throws(TransitionError) {
        guard !text.trimmingWhitespace.isEmpty else {
            throw TransitionError(code: "missing_field", message: message, field: field)
        }
    }

    /// A step dated before the last one recorded is refused: the record is the procedure, and every period is counted
    /// from the dates in it.
    public static func requireInOrder(_ event: Event, after last: CivilDate) throws(TransitionError) {
        guard event.date >= last else {
            throw TransitionError(code: "event_out_of_order",
                                  message: "「\(event.summary)」的日期\(event.date.chinese)早于上一条记录的日期\(last.chinese)，案件记录须按时间顺序登记",
                                  field: "date")
        }
    }

    /// Folds a case's events, in order, into its dossier.
    public static func replay(_ events: [Event], calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        guard let first = events.first else { throw TransitionError(code: "no_events", message: "案件没有任何记录") }
        var dossier = try open(with: first, calendar: calendar)
        for event in events.dropFirst() {
            dossier = try apply(event, to: dossier, calendar: calendar)
        }
        return dossier
    }
}

/// One event of a case: a kind (stable code name), the date it happened, and the line's own fields.
/// Encoded flat as JSON, e.g. `{"kind":"accept","date":"2024-03-01","procedure":"ordinary"}`.
public protocol CaseEvent: Codable, Sendable {
    /// The stable code name of the event, e.g. `accept`, `suspend`, `decide`.
    var kind: String { get }
    /// The day the event happened (not the day it was recorded).
    var date: CivilDate { get }
    /// A short Chinese description for the timeline, e.g. "受理（普通程序）".
    var summary: String { get }
}

/// The folded state of one case, and the summary the server keeps in indexed columns for lists and statistics.
public protocol CaseDossier: Codable, Sendable {
    var summary: CaseSummary { get }
}

/// What lists, queues and statistics read of a case without replaying its events.
public struct CaseSummary: Codable, Hashable, Sendable {
    /// Code name of the state, e.g. `awaitingAcceptance`, `underReview`, `suspended`, `concluded`.
    public var state: String
    /// The state in Chinese.
    public var stateLabel: String
    /// The day the matter reached the bureau (application received, complaint served, dispute brought).
    public var receivedOn: CivilDate
    /// The day it was accepted (受理), if it was.
    public var acceptedOn: CivilDate?
    /// The day it was concluded (审结, 结案), if it was.
    public var concludedOn: CivilDate?
    /// Code name of the outcome, e.g. `revoke`, `uphold`, `terminated`.
    public var outcome: String?
    /// The outcome in Chinese.
    public var outcomeLabel: String?
    /// Whether the case is still open (neither concluded nor closed without acceptance).
    public var isOpen: Bool

    public init(state: String, stateLabel: String, receivedOn: CivilDate, acceptedOn: CivilDate? = nil,
                concludedOn: CivilDate? = nil, outcome: String? = nil, outcomeLabel: String? = nil, isOpen: Bool) {
        self.state = state
        self.stateLabel = stateLabel
        self.receivedOn = receivedOn
        self.acceptedOn = acceptedOn
        self.concludedOn = concludedOn
        self.outcome = outcome
        self.outcomeLabel = outcomeLabel
        self.isOpen = isOpen
    }
}

/// A deadline implied by a case dossier: which rule, from when, until when, and whether it is done.
public struct CaseDeadline: Codable, Hashable, Sendable {
    /// The catalogue rule (`DeadlineCatalogue`), `<line>.<limit>` as the line declares it.
    public var ruleKey: String
    /// What must happen, in Chinese, e.g. "作出行政复议决定".
    public var title: String
    /// The law and article, e.g. 《中华人民共和国行政复议法》第六十二条.
    public var basis: String
    public var kind: DeadlineKind
    public var start: CivilDate
    public var due: CivilDate
    /// A year without holiday data was involved: shown as provisional until that year is imported.
    public var provisional: Bool
    /// The clock is stopped (suspension, inspection, supplementing materials).
    public var paused: Bool
    /// When what the deadline asks for was done; nil while open.
    public var completedOn: CivilDate?
    /// How it was counted (pauses, extension), one line each, for the explanation on hover and in text.
    public var explanation: [String]

    public init(ruleKey: String, title: String, basis: String, kind: DeadlineKind, start: CivilDate, due: CivilDate,
                provisional: Bool, paused: Bool = false, completedOn: CivilDate? = nil, explanation: [String] = []) {
        self.ruleKey = ruleKey
        self.title = title
        self.basis = basis
        self.kind = kind
        self.start = start
        self.due = due
        self.provisional = provisional
        self.paused = paused
        self.completedOn = completedOn
        self.explanation = explanation
    }

    /// The deadline `rule` gives a case from `start`, with the days of `pauses` not counted, explained step by step; nil
    /// when the calendar does not reach the due day. An unverified rule's basis says so (RULES.md marks it *unverified*).
    public init?(_ rule: DeadlineRule, from start: CivilDate, pauses: [ClockPause] = [], completedOn: CivilDate? = nil,
                 calendar: WorkingCalendar) {
        guard let computation = try? rule.clock(from: start, pauses: pauses).compute(in: calendar) else { return nil }
        self.init(ruleKey: rule.key, title: rule.title, basis: rule.unverified ? "\(rule.basis)（期限待核实）" : rule.basis, kind: rule.kind,
                  start: start, due: computation.due, provisional: computation.provisional, completedOn: completedOn,
                  explanation: DeadlineExplanation(computation, rule: rule, calendar: calendar).lines)
    }

    /// The status on `today`.
    public func status(today: CivilDate, calendar: WorkingCalendar) -> DeadlineStatus {
        DeadlineStatus.evaluate(due: due, today: today, paused: paused, completedOn: completedOn, kind: kind, calendar: calendar)
    }
}

/// A transition the line's rules refuse, with the reason (422 in the API, a message in the UI).
public struct TransitionError: DomainError, Equatable {
    public let code: String
    public let message: String
    public let invalidField: String?

    public init(code: String, message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.invalidField = field
    }
}
