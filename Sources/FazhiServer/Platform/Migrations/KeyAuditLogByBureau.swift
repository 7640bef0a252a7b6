import Fluent
import SQLKit

/// 2026-12-06: the audit log records the bureau of a write made by an actor confined to one (`AuditEntry.bureauID`), and
/// indexes find the last write and each bureau's (issue 18): a district's kept dashboard and figures (`CountCache`) are then
/// made afresh by that district's writes and the deployment's, not by every other district's.
///
/// The two indexes hold the writes alone (partial: `writes`, which `DataVersion.lastWrite` names), so the last write —
/// the deployment's, or a bureau's — is the first entry of a walk, however many sign-ins, reads and job runs were
/// logged since.
///
/// Expand-only for a rolling upgrade: the column is nullable and the stored rows keep none; a row without it (stored,
/// or written by the previous binary) counts as a write to every bureau, which only costs a recount.
struct KeyAuditLogByBureau: AsyncMigration {
    /// Audit actions that write nothing a figure counts: signing in (each step of it) and out, a resident's own account
    /// and profile, reading personal data or a file, a job's run (whose writes log their own rows). Fixed with the
    /// indexes: leaving one out only costs a recount — of every district's counts, since a sign-in is logged without
    /// a bureau.
    static let readOnlyActions = ["login", "login:secondFactor", "login:secondFactor-ok", "login:enrolment",
                                  "login:enrolment-ok", "logout", "portal:login", "portal:signup", "portal:profile",
                                  "reveal", "download", "job:run"]

    /// The indexes' predicate: the rows that wrote data.
    static let writes = "action NOT IN (\(readOnlyActions.map { "'\($0)'" }.joined(separator: ", ")))"

    func prepare(on db: Database) async throws {
        try await db.schema(AuditEntry.schema).field("bureau_id", .uuid).update()
        let sql = try db.sql
        // On PostgreSQL built without taking the write lock: every write appends an audit row, and the previous binary
        // goes on writing while the new one migrates (migrations run outside a transaction, as CONCURRENTLY needs).
        let concurrently = sql.dialect.name == "postgresql" ? "CONCURRENTLY " : ""
        try await sql.raw("""
            CREATE INDEX \(unsafeRaw: concurrently)audit_entries_writes_idx ON \(ident: AuditEntry.schema) (seq) \
            WHERE \(unsafeRaw: Self.writes)
            """).run()
        try await sql.raw("""
            CREATE INDEX \(unsafeRaw: concurrently)audit_entries_bureau_writes_idx ON \(ident: AuditEntry.schema) (bureau_id, seq) \
            WHERE \(unsafeRaw: Self.writes)
            """).run()
    }

    func revert(on db: Database) async throws {
        let sql = try db.sql
        try await sql.drop(index: "audit_entries_bureau_writes_idx").run()
        try await sql.drop(index: "audit_entries_writes_idx").run()
        try await sql.raw("ALTER TABLE \(ident: AuditEntry.schema) DROP COLUMN \(ident: "bureau_id")").run()
    }
}
