import Fluent
import FazhiCore
import SQLKit

/// 2026-12-04: notarisation as a line — the office's matter types (seeded with the standard list), each matter's type,
/// and the certificates issued with their numbers (unique per office, year and serial).
struct CreateNotaryTables: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(NotaryMatterType.schema)
            .id()
            .field("code", .string, .required)
            .field("label", .string, .required)
            .field("category", .string, .required)
            .field("position", .int, .required)
            .unique(on: "code")
            .unique(on: "label")
            .create()
        for (index, type) in NotaryMatterType.standard.enumerated() {
            try await NotaryMatterType(code: type.0, label: type.1, category: type.2, position: index + 1).create(on: db)
        }
        try await db.schema(NotaryDetail.schema)
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("matter_type", .string, .required)
            .unique(on: "case_id")
            .create()
        try await db.schema(NotaryCertificate.schema)
            .id()
            .field("office_id", .uuid, .required, .references("orgs", "id"))
            .field("year", .int, .required)
            .field("serial", .int, .required)
            .field("number", .string, .required)
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("issued_on", .string, .required)
            .field("notary_id", .uuid)
            .field("notary_name", .string, .required)
            .unique(on: "office_id", "year", "serial", name: "notary_certificates_office_year_serial_key")
            .unique(on: "case_id")
            .create()
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "notary_details_type_idx").on(NotaryDetail.schema).column("matter_type").column("case_id").run()
        try await sql.create(index: "notary_certificates_issued_idx").on(NotaryCertificate.schema).column("issued_on").run()
    }

    func revert(on db: Database) async throws {
        for schema in [NotaryCertificate.schema, NotaryDetail.schema, NotaryMatterType.schema] {
            try await db.schema(schema).delete()
        }
    }
}
