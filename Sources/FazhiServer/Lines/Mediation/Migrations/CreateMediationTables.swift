import Fluent
import FazhiCore
import SQLKit

/// 2026-12-04: people's mediation as a line — the bureau's dispute types (seeded with the standard list), the
/// committees' profiles, the mediators' register and each dispute's type and source.
struct CreateMediationTables: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(DisputeType.schema)
            .id()
            .field("code", .string, .required)
            .field("label", .string, .required)
            .field("position", .int, .required)
            .field("sectoral", .bool, .required)
            .unique(on: "code")
            .unique(on: "label")
            .create()
        for (index, type) in DisputeType.standard.enumerated() {
            try await DisputeType(code: type.0, label: type.1, position: index + 1, sectoral: type.2).create(on: db)
        }
        try await db.schema(CommitteeProfile.schema)
            .id()
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("kind", .string, .required)
            .field("founded_on", .string, .required)
            .field("dispute_types", .string, .required)
            .field("rooms", .string, .required)
            .unique(on: "org_id")
            .create()
        try await db.schema(Mediator.schema)
            .id()
            .field("committee_id", .uuid, .required, .references("orgs", "id"))
            .field("name", .string, .required)
            .field("phone", .string)
            .field("active_from", .string, .required)
            .field("active_to", .string)
            .field("user_id", .uuid, .references("users", "id"))
            .create()
        try await db.schema(MediationDetail.schema)
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("dispute_type", .string, .required)
            .field("source", .string, .required)
            .unique(on: "case_id")
            .create()
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "mediators_committee_idx").on(Mediator.schema).column("committee_id").run()
        try await sql.create(index: "mediation_details_type_idx").on(MediationDetail.schema).column("dispute_type").column("case_id").run()
    }

    func revert(on db: Database) async throws {
        for schema in [MediationDetail.schema, Mediator.schema, CommitteeProfile.schema, DisputeType.schema] {
            try await db.schema(schema).delete()
        }
    }
}
