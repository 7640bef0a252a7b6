import Fluent
import SQLKit

/// 2026-12-06: the audit log records the bureau of a write made by an actor confined to one (`AuditEntry.bureauID`), and
/// an index finds each bureau's last write (issue 18): a district's kept dashboard and figures (`CountCache`) are then
/// made afresh by that district's writes and the deployment's, not by every other district's.
///
/// Expand-only for a rolling upgrade: the column is nullable and the stored rows keep none; a row without it (stored,
/// or written by the previous binary) counts as a write to every bureau, which only costs a recount.
struct KeyAuditLogByBureau: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(AuditEntry.schema).field("bureau_id", .uuid).update()
        try await db.sql.create(index: "audit_entries_bureau_seq_idx").on(AuditEntry.schema).column("bureau_id").column("seq").run()
    }

    func revert(on db: Database) async throws {
        let sql = try db.sql
        try await sql.drop(index: "audit_entries_bureau_seq_idx").run()
        try await sql.raw("ALTER TABLE \(ident: AuditEntry.schema) DROP COLUMN \(ident: "bureau_id")").run()
    }
}
