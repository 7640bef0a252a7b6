import FazhiCore
import Foundation

// A small case line that exists only in the tests (issue 11, item 8): what a line puts in `FazhiCore/Lines/<Line>/`.
// A matter (示例事项) is received, accepted within 5 working days, and concluded.

extension WorkLine {
    /// 示例事项: the tests' own line, registered only by the apps that run `ExampleModule`.
    static let example = WorkLine("example", label: "示例事项")
}

/// One event of an example matter: `receive` (with its subject), `accept`, `conclude`.
struct ExampleEvent: CaseEvent, Equatable {
    var kind: String
    var date: CivilDate
    var subject: String?

    var summary: String { ["receive": "收到申请", "accept": "受理", "conclude": "办结"][kind] ?? kind }
}

/// The fold of an example matter's events.
struct ExampleDossier: CaseDossier {
    enum State: String, Codable {
        case received, accepted, concluded

        var label: String {
            switch self {
            case .received: "待受理"
            case .accepted: "办理中"
            case .concluded: "已办结"
            }
        }
    }

    var state: State
    var subject: String
    var receivedOn: CivilDate
    var acceptedOn: CivilDate?
    var concludedOn: CivilDate?

    var summary: CaseSummary {
        CaseSummary(state: state.rawValue, stateLabel: state.label, receivedOn: receivedOn, acceptedOn: acceptedOn,
                    concludedOn: concludedOn, isOpen: state != .concluded)
    }
}

/// The rules of an example matter (《示例办法》, a law of the tests).
enum ExampleRules: CaseLineRules {
    typealias Event = ExampleEvent
    typealias Dossier = ExampleDossier

    static var line: WorkLine { .example }

    static var caseNumberPattern: String { "示〔{year}〕{seq}号" }

    /// 《示例办法》第三条: 5 working days to decide on acceptance.
    static let acceptance = DeadlineRule(key: "example.acceptance", title: "决定是否受理示例事项", trigger: "收到申请之日",
                                         limit: 5, unit: .working, basis: "《示例办法》第三条")

    static func open(with event: Event, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        guard event.kind == "receive" else {
            throw TransitionError(code: "not_received", message: "示例事项须以收到申请开始")
        }
        guard let subject = event.subject, !subject.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw TransitionError(code: "missing_field", message: "须写明申请事项（《示例办法》第二条）", field: "subject")
        }
        return Dossier(state: .received, subject: subject, receivedOn: event.date)
    }

    /// 《示例办法》第四条: a received matter is accepted, an accepted one concluded; nothing else.
    static func apply(_ event: Event, to dossier: Dossier, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        var dossier = dossier
        switch (event.kind, dossier.state) {
        case ("accept", .received):
            dossier.state = .accepted
            dossier.acceptedOn = event.date
        case ("conclude", .accepted):
            dossier.state = .concluded
            dossier.concludedOn = event.date
        default:
            throw TransitionError(code: "not_allowed", message: "\(dossier.state.label)的事项不能\(event.summary)（《示例办法》第四条）")
        }
        return dossier
    }

    static func allowedEvents(for dossier: Dossier) -> [String] {
        switch dossier.state {
        case .received: ["accept"]
        case .accepted: ["conclude"]
        case .concluded: []
        }
    }

    static func deadlines(of dossier: Dossier, calendar: WorkingCalendar) -> [CaseDeadline] {
        guard let computation = try? acceptance.clock(from: dossier.receivedOn).compute(in: calendar) else { return [] }
        return [CaseDeadline(ruleKey: acceptance.key, title: acceptance.title, basis: acceptance.basis, kind: acceptance.kind,
                             start: dossier.receivedOn, due: computation.due, provisional: computation.provisional,
                             completedOn: dossier.acceptedOn,
                             explanation: DeadlineExplanation(computation, rule: acceptance, calendar: calendar).lines)]
    }

    static func automaticEvents(for dossier: Dossier, today: CivilDate, calendar: WorkingCalendar) -> [Event] { [] }

    static func contributions(of dossier: Dossier, calendar: WorkingCalendar) -> [MetricContribution] {
        [MetricContribution("example.received", on: dossier.receivedOn)]
    }

    /// The metric and the report sentence that carries it.
    static let reportFigures = ReportFigures(
        section: AnnualReportSlot.legalServices,
        metrics: [Metric("example.received", "示例事项收件数", measureWord: "件", line: .example, definition: "matters received in the year")],
        sentences: [FigureSentenceTemplate([FigureClause("全年受理示例事项", "example.received")])])
}
