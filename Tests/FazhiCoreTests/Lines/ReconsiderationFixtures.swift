@testable import FazhiCore

/// Builds reconsideration dossiers from events through the shipped calendar.
enum Recon {
    static func run(_ events: [ReconsiderationEvent]) throws(TransitionError) -> ReconsiderationDossier {
        try ReconsiderationRules.replay(events, calendar: bundledCalendar)
    }

    /// The refusal of `event` after `events`, or nil when it is accepted (or the setup failed, recorded).
    static func refusal(of event: ReconsiderationEvent, after events: [ReconsiderationEvent]) -> TransitionError? {
        let dossier: ReconsiderationDossier
        do { dossier = try run(events) } catch {
            return TransitionError(code: "setup_failed:\(error.code)", message: error.message)
        }
        do {
            _ = try ReconsiderationRules.apply(event, to: dossier, calendar: bundledCalendar)
            return nil
        } catch {
            return error
        }
    }

    static func deadlines(_ dossier: ReconsiderationDossier, _ key: String) -> [CaseDeadline] {
        ReconsiderationRules.deadlines(of: dossier, calendar: bundledCalendar).filter { $0.ruleKey == key }
    }

    static func receive(_ date: String, knewOn: String? = nil) -> ReconsiderationEvent {
        .receive(date: day(date), knewOn: day(knewOn ?? date))
    }
}
