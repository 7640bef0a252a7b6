import Fluent
import FluentSQL
import FazhiCore

/// 2026-12-05: the rectification deadline counted by the deadline engine instead of a stored date — the rule it was
/// counted by, the day and days it runs from, whether it is provisional and how it was counted, beside the due day. The
/// findings already written are recounted from their notice over the period they were given (a last day on a rest day
/// now rolls forward to the next working day).
struct AddRectificationDeadlines: AsyncMigration {
    func prepare(on db: Database) async throws {
        let schema = EnforcementFinding.schema
        // One column a statement: SQLite alters one at a time.
        try await db.schema(schema).field("due_rule_key", .string, .required, .sql(.default(EnforcementSupervisionRules.rectificationRule.key))).update()
        try await db.schema(schema).field("due_start_on", .string, .required, .sql(.default(""))).update()
        try await db.schema(schema).field("due_days", .int, .required, .sql(.default(EnforcementSupervisionRules.rectificationRule.limit))).update()
        try await db.schema(schema).field("due_provisional", .bool, .required, .sql(.default(false))).update()
        try await db.schema(schema).field("due_explanation", .string, .required, .sql(.default(""))).update()
        let calendar = try await CalendarStore(db: db).calendar()
        // The columns this migration knows, not the model's every field: later migrations add columns it must not read.
        for finding in try await EnforcementFinding.query(on: db).field(\.$id).field(\.$notifiedOn).field(\.$dueOn).all() {
            guard let notified = CivilDate(string: finding.notifiedOn), let due = CivilDate(string: finding.dueOn) else { continue }
            let days = max(1, notified.days(to: due))
            finding.keep(try Rectification.count(EnforcementSupervisionRules.rectificationRule, days: days, from: notified, calendar: calendar))
            try await finding.update(on: db)
        }
    }

    func revert(on db: Database) async throws {
        for field in ["due_explanation", "due_provisional", "due_days", "due_start_on", "due_rule_key"] {
            try await db.schema(EnforcementFinding.schema).deleteField(.string(field)).update()
        }
    }
}
