import Fluent
import FazhiCore
import SQLKit

/// 2026-12-05: normative documents as a line — the register with its gram index, history, post-evaluations,
/// clean-up campaigns, and the drafts of legality reviews.
struct CreateNormativeDocumentTables: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(NormativeDocumentRecord.schema)
            .id()
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("agency_name", .string, .required)
            .field("number", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("search_text", .string, .required)
            .field("gram_total", .int, .required)
            .field("adopted_on", .string)
            .field("published_on", .string, .required)
            .field("effective_on", .string, .required)
            .field("expires_on", .string)
            .field("status", .string, .required)
            .field("filing_due", .string, .required)
            .field("filed_on", .string)
            .field("filing_result", .string)
            .field("filing_reviewed_on", .string)
            .field("filing_problem", .string)
            .field("corrected_on", .string)
            .field("review_case_id", .uuid, .references("cases", "id", onDelete: .setNull))
            .field("supersedes", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "number")
            .create()
        guard let sql = db as? SQLDatabase else { return }
        // The gram index: one row per document and gram with its count, looked up by gram first.
        try await sql.create(table: NormativeDocumentIndex.table)
            .column("document_id", type: .custom(SQLRaw(sql.dialect.name == "postgresql" ? "UUID" : "BLOB")), .notNull,
                    .references(NormativeDocumentRecord.schema, "id", onDelete: .cascade))
            .column("gram", type: .text, .notNull)
            .column("n", type: .int, .notNull)
            .primaryKey(["gram", "document_id"])
            .run()
        try await sql.create(index: "normative_document_grams_document_idx").on(NormativeDocumentIndex.table).column("document_id").run()
        try await sql.create(index: "normative_documents_org_idx").on(NormativeDocumentRecord.schema).column("org_id").column("published_on").run()
        try await sql.create(index: "normative_documents_status_idx").on(NormativeDocumentRecord.schema).column("status").column("expires_on").run()
        try await sql.create(index: "normative_documents_filed_idx").on(NormativeDocumentRecord.schema).column("filed_on").run()
        try await db.schema(NormativeDocumentHistory.schema)
            .id()
            .field("document_id", .uuid, .required, .references(NormativeDocumentRecord.schema, "id", onDelete: .cascade))
            .field("occurred_on", .string, .required)
            .field("summary", .string, .required)
            .field("actor", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await sql.create(index: "normative_document_history_idx").on(NormativeDocumentHistory.schema).column("document_id").run()
        try await db.schema(NormativePostEvaluation.schema)
            .id()
            .field("document_id", .uuid, .required, .references(NormativeDocumentRecord.schema, "id", onDelete: .cascade))
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("completed_on", .string, .required)
            .field("conclusion", .string, .required)
            .create()
        try await sql.create(index: "normative_post_evaluations_idx").on(NormativePostEvaluation.schema).column("completed_on").run()
        try await db.schema(NormativeCleanupCampaign.schema)
            .id()
            .field("org_id", .uuid, .required, .references("orgs", "id"))
            .field("title", .string, .required)
            .field("started_on", .string, .required)
            .field("closed_on", .string)
            .create()
        try await db.schema(NormativeCleanupItem.schema)
            .id()
            .field("campaign_id", .uuid, .required, .references(NormativeCleanupCampaign.schema, "id", onDelete: .cascade))
            .field("document_id", .uuid, .required, .references(NormativeDocumentRecord.schema, "id", onDelete: .cascade))
            .field("decision", .string)
            .field("decided_on", .string)
            .field("note", .string)
            .unique(on: "campaign_id", "document_id")
            .create()
        try await db.schema(NormativeReviewDraft.schema)
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .unique(on: "case_id")
            .create()
    }

    func revert(on db: Database) async throws {
        for schema in [NormativeReviewDraft.schema, NormativeCleanupItem.schema, NormativeCleanupCampaign.schema, NormativePostEvaluation.schema,
                       NormativeDocumentHistory.schema, NormativeDocumentIndex.table, NormativeDocumentRecord.schema] {
            try await db.schema(schema).delete()
        }
    }
}
