import Fluent
import SQLKit

/// 2026-12-05: enforcement supervision as work — the double plan's lines, the trainings with their attendees per
/// agency, the inspections with the agencies inspected and the entrepreneur supervisors who joined, and the findings
/// with their rectification.
struct CreateEnforcementSupervisionTables: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(EnforcementPlanLine.schema)
            .id()
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("agency_id", .uuid, .required, .references("orgs", "id"))
            .field("topic", .string, .required)
            .field("month", .int, .required)
            .field("planned", .int, .required)
            .field("created_by", .string, .required)
            .unique(on: "org_id", "year", "kind", "agency_id", "topic", "month")
            .create()
        try await db.schema(EnforcementTraining.schema)
            .id()
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("plan_line_id", .uuid, .references(EnforcementPlanLine.schema, "id"))
            .field("held_on", .string, .required)
            .field("topic", .string, .required)
            .field("attendees", .int, .required)
            .field("created_by", .string, .required)
            .create()
        try await db.schema(TrainingAttendance.schema)
            .id()
            .field("training_id", .uuid, .required, .references(EnforcementTraining.schema, "id", onDelete: .cascade))
            .field("agency_id", .uuid, .required, .references("orgs", "id"))
            .field("attendees", .int, .required)
            .unique(on: "training_id", "agency_id")
            .create()
        try await db.schema(EnforcementInspection.schema)
            .id()
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("plan_line_id", .uuid, .references(EnforcementPlanLine.schema, "id"))
            .field("kind", .string, .required)
            .field("held_on", .string, .required)
            .field("topic", .string, .required)
            .field("files_reviewed", .int, .required)
            .field("participants", .string, .required)
            .field("created_by", .string, .required)
            .create()
        try await db.schema(InspectedAgency.schema)
            .id()
            .field("inspection_id", .uuid, .required, .references(EnforcementInspection.schema, "id", onDelete: .cascade))
            .field("agency_id", .uuid, .required, .references("orgs", "id"))
            .unique(on: "inspection_id", "agency_id")
            .create()
        try await db.schema(InspectionSupervisor.schema)
            .id()
            .field("inspection_id", .uuid, .required, .references(EnforcementInspection.schema, "id", onDelete: .cascade))
            .field("supervisor_id", .uuid, .required, .references("register_entries", "id"))
            .field("name", .string, .required)
            .unique(on: "inspection_id", "supervisor_id")
            .create()
        try await db.schema(EnforcementFinding.schema)
            .id()
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("inspection_id", .uuid, .required, .references(EnforcementInspection.schema, "id", onDelete: .cascade))
            .field("category", .string, .required)
            .field("description", .string, .required)
            .field("notice_number", .string, .required)
            .field("notified_on", .string, .required)
            .field("due_on", .string, .required)
            .field("state", .string, .required)
            .field("report", .string)
            .field("reported_on", .string)
            .field("reviewed_on", .string)
            .field("review_comment", .string)
            .unique(on: "notice_number")
            .create()
        let sql = try db.sql
        try await sql.create(index: "enforcement_findings_queue").on(EnforcementFinding.schema).column("state").column("due_on").run()
        try await sql.create(index: "enforcement_inspections_held").on(EnforcementInspection.schema).column("held_on").run()
        try await sql.create(index: "enforcement_trainings_held").on(EnforcementTraining.schema).column("held_on").run()
    }

    func revert(on db: Database) async throws {
        for schema in [EnforcementFinding.schema, InspectionSupervisor.schema, InspectedAgency.schema, EnforcementInspection.schema,
                       TrainingAttendance.schema, EnforcementTraining.schema, EnforcementPlanLine.schema] {
            try await db.schema(schema).delete()
        }
    }
}
