@testable import FazhiCore

/// Builds reconsideration files from events through the shipped calendar.
enum Recon {
    static func run(_ events: [ReconsiderationEvent]) throws(TransitionError) -> ReconsiderationFile {
        try ReconsiderationRules.replay(events, calendar: bundledCalendar)
    }

    /// The refusal of `event` after `events`, or nil when it is accepted (or the setup failed, recorded).
    static func refusal(of event: ReconsiderationEvent, after events: [ReconsiderationEvent]) -> TransitionError? {
        let file: ReconsiderationFile
        do { file = try run(events) } catch {
            return TransitionError(code: "setup_failed:\(error.code)", message: error.message)
        }
        do {
            _ = try ReconsiderationRules.apply(event, to: file, calendar: bundledCalendar)
            return nil
        } catch {
            return error
        }
    }

    static func deadlines(_ file: ReconsiderationFile, _ key: String) -> [CaseDeadline] {
        ReconsiderationRules.deadlines(of: file, calendar: bundledCalendar).filter { $0.ruleKey == key }
    }

    static func receive(_ date: String, knewOn: String? = nil) -> ReconsiderationEvent {
        .receive(date: day(date), knewOn: day(knewOn ?? date))
    }
}
