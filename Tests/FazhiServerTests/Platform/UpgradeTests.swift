import FazhiCore
import Fluent
import FluentSQL
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// Issue 18, upgrades without downtime: a database the previous release made (Tests/Fixtures/upgrade) is migrated by
/// this code and keeps every record; and the migrations since that release are expand-only, so during a rolling
/// upgrade the old binary keeps writing to the migrated database while the new one starts.
@Suite("Upgrade: the previous release's database migrates without loss, and the migrations are expand-only")
struct UpgradeTests {
    /// The year the fixtures' cases were made for (make-fixtures.sh: `demo --scale 40 --year 2026`).
    static let fixtureYear = 2026

    @Test("The previous release's dumps are there for both databases, with their data key")
    func fixturesPresent() throws {
        let commits = Set(ReleaseFixture.all.map(\.commit))
        #expect(!commits.isEmpty, "no release-<commit>.*.sql.gz in \(ReleaseFixture.folder.path)")
        for commit in commits {
            for kind in ["sqlite", "postgres"] {
                #expect(FileManager.default.fileExists(atPath: ReleaseFixture.folder.appendingPathComponent("release-\(commit).\(kind).sql.gz").path))
            }
        }
        #expect(try ReleaseFixture.dataKey().count == 44)
    }

    @Test("migrate --check lists what is new, migrate keeps every row, the chain, the recount and the personal data; staff sign in and register a case; the old columns take the old INSERTs",
          arguments: ReleaseFixture.all)
    func upgrade(_ fixture: ReleaseFixture) async throws {
        let (config, cleanup) = try await fixture.load()
        do {
            try await Self.upgrade(fixture, config)
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }

    static func upgrade(_ fixture: ReleaseFixture, _ config: FazhiConfiguration) async throws {
        // The release's database as it was: its schema, its rows and the migrations it ran.
        let (old, oldCounts, applied) = try await FazhiApp.with(config, migrate: false) { app in
            let sql = try app.db.sql
            let schema = try await SchemaSnapshot.read(sql)
            let names = try await sql.raw("SELECT name FROM _fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) }
            return (schema, try await schema.rowCounts(sql), names)
        }
        #expect(oldCounts["cases", default: 0] > 0 && oldCounts["audit_entries", default: 0] > 0 && oldCounts["case_deadlines", default: 0] > 0)

        // `fazhi migrate --check`: exactly the migrations registered since the release, in order.
        let every = try await Self.allMigrations(fixture.database, dataKey: config.dataKey)
        #expect(Set(applied).isSubset(of: Set(every)),
                "a migration the release ran is no longer registered (renamed or removed): \(Set(applied).subtracting(every).sorted())")
        let pending = try await FazhiApp.pendingMigrations(config)
        #expect(pending == every.filter { !applied.contains($0) })

        // `fazhi migrate`.
        try await FazhiApp.with(config) { _ in }
        #expect(try await FazhiApp.pendingMigrations(config).isEmpty)

        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            try await configure(app, config)
            try await Self.checkMigrated(app, old: old, oldCounts: oldCounts, migrationsRun: pending.count)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Every migration this code registers, in order: what `migrate --check` lists on an empty database.
    static func allMigrations(_ database: TestDatabase, dataKey: String?) async throws -> [String] {
        let (empty, cleanup) = try await database.make()
        do {
            let names = try await FazhiApp.pendingMigrations(FazhiConfiguration(database: empty, bcryptCost: 4, jsonLogs: false, dataKey: dataKey))
            await cleanup()
            return names
        } catch {
            await cleanup()
            throw error
        }
    }

    static func checkMigrated(_ app: Application, old: SchemaSnapshot, oldCounts: [String: Int], migrationsRun: Int) async throws {
        let sql = try app.db.sql

        // Expand-only: the old tables and columns are all there, and what was added leaves the old INSERTs valid.
        let violations = try await SchemaSnapshot.read(sql).expandOnlyViolations(from: old)
        #expect(violations.isEmpty, "not expand-only, the previous release could not keep writing during a rolling upgrade:\n\(violations.joined(separator: "\n"))")

        // No row lost; the records themselves neither lost nor gained.
        let counts = try await old.rowCounts(sql)
        for (table, count) in oldCounts.sorted(by: { $0.key < $1.key }) {
            #expect(counts[table, default: 0] >= count, "\(table): \(count) rows before the upgrade, \(counts[table, default: 0]) after")
        }
        for table in ["cases", "parties", "case_events", "case_deadlines", "audit_entries", "metric_rollups", "ledger_entries",
                      "register_entries", "orgs", "users", "normative_documents"] {
            #expect(counts[table] == oldCounts[table], "\(table): \(oldCounts[table] ?? 0) rows before the upgrade, \(counts[table] ?? 0) after")
        }
        #expect(counts["_fluent_migrations"] == oldCounts["_fluent_migrations", default: 0] + migrationsRun)

        // The chain verifies, the recount agrees with the stored rollups, ID numbers decrypt with the fixture's key.
        let upgraded = try await BackupTests.snapshot(app)
        #expect(upgraded.cases == oldCounts["cases"] && upgraded.parties == oldCounts["parties"]
                && upgraded.ledgerEntries == oldCounts["ledger_entries"] && upgraded.auditRows == oldCounts["audit_entries"])
        #expect(upgraded.recount.isEmpty, "\(upgraded.recount)")
        #expect(!upgraded.idNumbers.isEmpty && upgraded.idNumbers.allSatisfy { $0.count == 18 }, "\(upgraded.idNumbers)")
        // The legal-aid template's sample applicant, imported by the release: a known plaintext.
        let sample = try await PartyRecord.query(on: app.db).filter(\.$name == "张三").filter(\.$idNumberEncrypted != nil).all()
        #expect(try sample.map { try app.dataProtection.decrypt($0.idNumberEncrypted!) }.contains("11010519491231002X"))

        // A staff account of the release signs in (its bcrypt hash) and registers a case through the API.
        let officer = try await TestClient.api(app, "fuyi")
        _ = try await officer.register(try await registration(app, receivedOn: "\(fixtureYear)-06-01", knewOn: "\(fixtureYear)-05-20"))
        let written = try await BackupTests.snapshot(app)
        #expect(written.cases == upgraded.cases + 1 && written.auditRows > upgraded.auditRows)
        #expect(written.recount.isEmpty, "\(written.recount)")

        try await Self.replayOldInserts(app.db, old: old)
    }

    /// An INSERT as the previous release writes it: only the columns it knew, copied from one of its rows, with fresh
    /// values where the table wants them unique.
    struct OldInsert {
        let table: String
        let fresh: [String: any Encodable & Sendable]
    }

    /// One table of each kind: platform, a case with its detail, party, event and deadline, the audit log, a rollup,
    /// a ledger, a register, a line's own record.
    static func oldInserts(nextAuditSeq: Int) -> [OldInsert] {
        let newCase = UUID()
        return [
            OldInsert(table: "orgs", fresh: ["id": UUID(), "code": "UPGRADE-REPLAY"]),
            OldInsert(table: "users", fresh: ["id": UUID(), "username": "upgrade-replay"]),
            OldInsert(table: "cases", fresh: ["id": newCase, "case_number": "升级回放〔\(fixtureYear)〕1号"]),
            OldInsert(table: "reconsideration_details", fresh: ["id": UUID(), "case_id": newCase]),
            OldInsert(table: "parties", fresh: ["id": UUID(), "case_id": newCase]),
            OldInsert(table: "case_events", fresh: ["id": UUID(), "case_id": newCase]),
            OldInsert(table: "case_deadlines", fresh: ["id": UUID(), "case_id": newCase]),
            OldInsert(table: "audit_entries", fresh: ["seq": nextAuditSeq]),
            OldInsert(table: "metric_rollups", fresh: ["day": "1999-01-01"]),
            OldInsert(table: "ledger_entries", fresh: ["id": UUID(), "natural_key": "upgrade-replay"]),
            OldInsert(table: "register_entries", fresh: ["id": UUID(), "natural_key": "upgrade-replay"]),
            OldInsert(table: "normative_documents", fresh: ["id": UUID(), "number": "upgrade-replay"]),
        ]
    }

    private struct RolledBack: Error {}

    /// Why an old INSERT did not go through. Thrown out of the transaction and recorded there: inside it the test's
    /// context is not at hand.
    struct OldInsertRefused: Error, CustomStringConvertible {
        let table: String
        let reason: String
        var description: String { "the previous release's INSERT into \(table) fails on the migrated schema: \(reason)" }
    }

    /// Runs the old INSERTs on the migrated database in one transaction, then rolls it back.
    static func replayOldInserts(_ db: Database, old: SchemaSnapshot) async throws {
        let lastSeq = try await db.sql.raw("SELECT MAX(seq) AS seq FROM audit_entries").first()?.decode(column: "seq", as: Int?.self) ?? 0
        do {
            try await db.transaction { db in
                let sql = try db.sql
                for insert in oldInserts(nextAuditSeq: lastSeq + 1) {
                    guard let columns = old.tables[insert.table]?.keys.sorted() else {
                        throw OldInsertRefused(table: insert.table, reason: "the release had no such table")
                    }
                    let values = columns.map { insert.fresh[$0].map { SQLBind($0) as any SQLExpression } ?? SQLIdentifier($0) }
                    let count = { () async throws -> Int in
                        try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: insert.table)").first()?.decode(column: "n", as: Int.self) ?? 0
                    }
                    let before = try await count()
                    guard before > 0 else { throw OldInsertRefused(table: insert.table, reason: "the fixture has no row to copy") }
                    do {
                        try await sql.raw("""
                            INSERT INTO \(ident: insert.table) (\(idents: columns, joinedBy: ", ")) \
                            SELECT \(SQLList(values)) FROM \(ident: insert.table) LIMIT 1
                            """).run()
                    } catch {
                        throw OldInsertRefused(table: insert.table, reason: String(reflecting: error))
                    }
                    guard try await count() == before + 1 else { throw OldInsertRefused(table: insert.table, reason: "no row was added") }
                    // The tenancy key the release did not know is filled in by the database (`AddTenancyKey`).
                    if ["orgs", "cases", "case_deadlines"].contains(insert.table) {
                        let unkeyed = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: insert.table) WHERE bureau_id IS NULL").first()?
                            .decode(column: "n", as: Int.self)
                        guard unkeyed == 0 else { throw OldInsertRefused(table: insert.table, reason: "the row has no bureau_id") }
                    }
                }
                throw RolledBack()
            }
        } catch is RolledBack {
        } catch let refused as OldInsertRefused {
            Issue.record("\(refused)")
        }
    }
}
