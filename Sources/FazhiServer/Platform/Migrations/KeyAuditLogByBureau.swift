import Fluent
import SQLKit

/// 2026-12-06: the audit log records the bureau of a write made by an actor confined to one (`AuditEntry.bureauID`), and
/// indexes find the last write and each bureau's (issue 18): a district's kept dashboard and figures (`CountCache`) are then
/// made afresh by that district's writes and the deployment's, not by every other district's.
///
/// The two indexes hold the writes alone (partial: `DataVersion.indexedWrites`), so the last write — the deployment's,
/// or a bureau's — is the first entry of a walk, however many sign-ins, reads and job runs were logged since.
///
/// Expand-only for a rolling upgrade: the column is nullable and the stored rows keep none; a row without it (stored,
/// or written by the previous binary) counts as a write to every bureau, which only costs a recount.
struct KeyAuditLogByBureau: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(AuditEntry.schema).field("bureau_id", .uuid).update()
        let sql = try db.sql
        // On PostgreSQL built without taking the write lock: every write appends an audit row, and the previous binary
        // goes on writing while the new one migrates (migrations run outside a transaction, as CONCURRENTLY needs).
        let concurrently = sql.dialect.name == "postgresql" ? "CONCURRENTLY " : ""
        try await sql.raw("""
            CREATE INDEX \(unsafeRaw: concurrently)audit_entries_writes_idx ON \(ident: AuditEntry.schema) (seq) \
            WHERE \(unsafeRaw: DataVersion.indexedWrites)
            """).run()
        try await sql.raw("""
            CREATE INDEX \(unsafeRaw: concurrently)audit_entries_bureau_writes_idx ON \(ident: AuditEntry.schema) (bureau_id, seq) \
            WHERE \(unsafeRaw: DataVersion.indexedWrites)
            """).run()
    }

    func revert(on db: Database) async throws {
        let sql = try db.sql
        try await sql.drop(index: "audit_entries_bureau_writes_idx").run()
        try await sql.drop(index: "audit_entries_writes_idx").run()
        try await sql.raw("ALTER TABLE \(ident: AuditEntry.schema) DROP COLUMN \(ident: "bureau_id")").run()
    }
}
