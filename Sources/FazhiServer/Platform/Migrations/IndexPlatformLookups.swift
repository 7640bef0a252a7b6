import Fluent
import SQLKit

/// 2026-11-25: indexes for the lookups every request makes (subtree by path, lockout window, grants by user).
struct IndexPlatformLookups: AsyncMigration {
    func prepare(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "orgs_path_idx").on("orgs").column("path").run()
        try await sql.create(index: "login_attempts_user_ip_at_idx").on("login_attempts")
            .column("username").column("ip").column("at").run()
        try await sql.create(index: "role_grants_user_idx").on("role_grants").column("user_id").run()
        try await sql.create(index: "audit_entries_entity_idx").on("audit_entries").column("entity_type").column("entity_id").run()
    }

    func revert(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        for index in ["orgs_path_idx", "login_attempts_user_ip_at_idx", "role_grants_user_idx", "audit_entries_entity_idx"] {
            try await sql.drop(index: index).run()
        }
    }
}
