import Fluent
import FluentSQL
@testable import FazhiServer
import Testing
import Vapor
import VaporTesting

@Suite("Audit log")
struct AuditTests {
    @Test("Every write is audited and the chain verifies", arguments: TestDatabase.all)
    func intactChain(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let count = try await AuditEntry.query(on: app.db).count()
            #expect(count == (try await Org.query(on: app.db).count()) + (try await User.query(on: app.db).count()))
            let client = try await TestClient.api(app, "admin")
            try await client.get("/api/v1/audit/verify") { res in
                let body = try res.content.decode(AuditController.VerifyBody.self)
                #expect(body.intact)
                #expect(body.checked == count + 1)   // + the login
            }
        }
    }

    @Test("Editing a row is caught at that row", arguments: TestDatabase.all)
    func tamperedRow(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let sql = app.db as! SQLDatabase
            try await sql.raw("UPDATE audit_entries SET after = '{\"name\":\"forged\"}' WHERE seq = 5").run()
            let result = try await AuditLog.verify(on: app.db)
            #expect(result.firstBreak?.seq == 5)
            #expect(result.checked == 4)
        }
    }

    @Test("Deleting a row is caught at the row after it", arguments: TestDatabase.all)
    func deletedRow(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let sql = app.db as! SQLDatabase
            try await sql.raw("DELETE FROM audit_entries WHERE seq = 7").run()
            let result = try await AuditLog.verify(on: app.db)
            #expect(result.firstBreak?.seq == 8)
        }
    }

    @Test("Admins browse the log with filters", arguments: TestDatabase.all)
    func browse(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let client = try await TestClient.api(app, "admin")
            try await client.get("/api/v1/audit?entityType=user") { res in
                let entries = try res.content.decode([AuditController.EntryBody].self)
                #expect(entries.count == DemoData(db: app.db, hasher: app.password, modules: app.modules).accounts.count)
                #expect(entries.allSatisfy { $0.entityType == "user" && !$0.after.contains("password") })
            }
            try await client.getPage("/admin/audit?entityType=org&verify=1") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("哈希链完整"))
            }
            try await client.getPage("/admin/audit?from=2024-13-01") { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("起始日期格式应为 YYYY-MM-DD"))
            }
        }
    }
}
