import Fluent
import FluentSQL

/// 2026-12-05: whether a duty report was entered by the office above the agency (from paper) rather than submitted by the
/// agency itself, so the office cannot overwrite the agency's own. The reports already stored count as the agencies' own:
/// which were entered on paper is not known, and treating them as the agency's forbids nothing the agency may do.
struct AddDutyReportEnteredByOffice: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("publicity_duty_reports").field("entered_by_office", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on db: Database) async throws {
        try await db.schema("publicity_duty_reports").deleteField("entered_by_office").update()
    }
}
