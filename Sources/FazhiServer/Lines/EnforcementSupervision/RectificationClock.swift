import Fluent
import FazhiCore
import Vapor

/// What counts a rectification deadline: the working calendar in force and the catalogue's rules. The pages, the API,
/// the demo and a calendar import all count through it, so a deadline is never a date typed or added by hand.
struct RectificationClock {
    let calendar: WorkingCalendar
    let catalogue: DeadlineCatalogue

    /// `enforcement.rectification`: 30 days from the notice unless the notice sets its own period.
    var rule: DeadlineRule { (try? catalogue.rule(EnforcementSupervisionRules.rectificationRule.key)) ?? EnforcementSupervisionRules.rectificationRule }

    /// `enforcement.rectificationRedo`: the days a returned rectification gives at least.
    var redoRule: DeadlineRule { (try? catalogue.rule(EnforcementSupervisionRules.redoRule.key)) ?? EnforcementSupervisionRules.redoRule }

    static func of(_ req: Request) async throws -> RectificationClock {
        RectificationClock(calendar: try await req.calendarStore.calendar(), catalogue: req.modules.deadlineCatalogue)
    }

    /// Recounts the deadline of every rectification still owed, or counted on a year without holiday data, over the
    /// calendar in force (after a year's notice is imported or corrected): the same rule, start and days. Returns how
    /// many findings it recounted.
    static func recount(on db: Database, calendar: WorkingCalendar, catalogue: DeadlineCatalogue) async throws -> Int {
        let clock = RectificationClock(calendar: calendar, catalogue: catalogue)
        let owed = [RectificationState.notified.rawValue, RectificationState.returned.rawValue]
        let findings = try await EnforcementFinding.query(on: db)
            .group(.or) { $0.filter(\.$state ~~ owed).filter(\.$dueProvisional == true) }.all()
        for finding in findings {
            guard let start = CivilDate(string: finding.dueStartOn) else { continue }
            let rule = finding.dueRuleKey == clock.redoRule.key ? clock.redoRule : clock.rule
            finding.keep(try Rectification.count(rule, days: finding.dueDays, from: start, calendar: calendar))
            try await finding.update(on: db)
        }
        return findings.count
    }
}
