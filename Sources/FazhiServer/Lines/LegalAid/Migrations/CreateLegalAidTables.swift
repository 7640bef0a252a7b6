import Fluent
import FazhiCore
import SQLKit

/// 2026-12-04: legal aid as a line — the centre's case types (seeded with the standard list), the economic-hardship
/// standard (seeded with an unverified default), the lawyers' register and each case's type, matter, channel and the
/// aided person's statuses.
struct CreateLegalAidTables: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(LegalAidCaseType.schema)
            .id()
            .field("code", .string, .required)
            .field("label", .string, .required)
            .field("matter", .string, .required)
            .field("position", .int, .required)
            .unique(on: "code")
            .unique(on: "label")
            .create()
        for (index, type) in LegalAidCaseType.standard.enumerated() {
            try await LegalAidCaseType(code: type.0, label: type.1, matter: type.2, position: index + 1).create(on: db)
        }
        try await db.schema(LegalAidStandardRecord.schema)
            .id()
            .field("effective_from", .string, .required)
            .field("income_per_head", .int, .required)
            .field("assets", .int, .required)
            .field("self_declaration_allowed", .bool, .required)
            .field("source", .string, .required)
            .unique(on: "effective_from")
            .create()
        try await LegalAidStandardRecord(LegalAidStandardRecord.seeded).create(on: db)
        try await db.schema(AidLawyer.schema)
            .id()
            .field("centre_id", .uuid, .required, .references("orgs", "id"))
            .field("name", .string, .required)
            .field("firm", .string, .required)
            .field("staff", .bool, .required)
            .field("licence_number", .string, .required)
            .field("licence_valid_to", .string, .required)
            .field("practice_areas", .string, .required)
            .field("active", .bool, .required)
            .unique(on: "licence_number")
            .create()
        try await db.schema(LegalAidDetail.schema)
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("case_type", .string, .required)
            .field("matter", .string, .required)
            .field("channel", .string, .required)
            .field("statuses", .string, .required)
            .unique(on: "case_id")
            .create()
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "legal_aid_lawyers_centre_idx").on(AidLawyer.schema).column("centre_id").run()
    }

    func revert(on db: Database) async throws {
        for schema in [LegalAidDetail.schema, AidLawyer.schema, LegalAidStandardRecord.schema, LegalAidCaseType.schema] {
            try await db.schema(schema).delete()
        }
    }
}
