import FazhiCore
import Fluent
import FluentSQL
@testable import FazhiServer
import Testing
import Vapor
import VaporTesting

@Suite("Scope, CSRF and administration")
struct ScopeAndAdminTests {
    @Test("A station user gets 404 for another station and never sees it in lists", arguments: TestDatabase.all)
    func stationScope(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let own = try await app.org(code: "120102-JS06")          // 春华街道司法所
            let other = try await app.org(code: "120102-JS01")        // 大王庄街道司法所
            let ownCommittee = try await app.org(code: "120102-TW06")
            let client = try await TestClient.api(app, "chunhua")
            try await client.get("/api/v1/orgs/\(other.id!)") { res in
                #expect(res.status == .notFound)
                #expect(res.errorBody?.error.code == "not_found")
            }
            try await client.get("/api/v1/orgs/\(own.id!)") { res in #expect(res.status == .ok) }
            try await client.get("/api/v1/orgs") { res in
                let codes = Set(try res.content.decode([OrgController.OrgBody].self).map(\.code))
                #expect(codes.contains(own.code))
                #expect(codes.contains(ownCommittee.code))
                #expect(!codes.contains(other.code))
                #expect(!codes.contains("120102"))
                // The station, its service station and its committees (the street's and its communities').
                let subtree = try await Org.query(on: app.db).filter(\.$path =~ own.path).count()
                #expect(codes.count == subtree && subtree > 3)
            }
            // Administration is for admins only.
            try await client.get("/api/v1/users") { res in #expect(res.status == .forbidden) }
            try await client.get("/api/v1/audit") { res in #expect(res.status == .forbidden) }
        }
    }

    @Test("An admin sees the whole bureau", arguments: TestDatabase.all)
    func adminScope(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let client = try await TestClient.api(app, "admin")
            let total = try await Org.query(on: app.db).count()
            try await client.get("/api/v1/orgs") { res in
                let orgs = try res.content.decode([OrgController.OrgBody].self)
                #expect(orgs.count == total)
            }
        }
    }

    @Test("A cookie-authenticated form without the CSRF token is refused and writes nothing", arguments: TestDatabase.all)
    func csrf(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let client = try await TestClient.api(app, "admin")
            let bureau = try await app.org(code: "120102")
            let form = ["username": "newstaff", "displayName": "新同事", "password": "Strong-pass-2024",
                        "orgID": bureau.id!.uuidString, "role": "viewer"]
            try await client.postForm("/admin/users", form, csrf: false) { res in
                #expect(res.status == .forbidden)
                #expect(res.text.contains("CSRF"))
            }
            #expect(try await User.query(on: app.db).filter(\.$username == "newstaff").count() == 0)
            try await client.postForm("/admin/users", form) { res in #expect(res.status == .seeOther) }
            #expect(try await User.query(on: app.db).filter(\.$username == "newstaff").count() == 1)
            // Bearer clients are not exposed to CSRF and need no token.
            try await client.send(.POST, "/api/v1/users", json: ["username": "apistaff", "displayName": "接口", "password": "Strong-pass-2024",
                                                                  "orgID": bureau.id!.uuidString, "role": "viewer"]) { res in
                #expect(res.status == .created)
            }
        }
    }

    @Test("Bad user input names each field and writes nothing", arguments: TestDatabase.all)
    func badUserInput(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let client = try await TestClient.api(app, "admin")
            let before = try await User.query(on: app.db).count()
            let bureau = try await app.org(code: "120102")
            try await client.send(.POST, "/api/v1/users", json: ["username": "Admin!", "displayName": "", "password": "short",
                                                                  "orgID": bureau.id!.uuidString, "role": "officer"]) { res in
                #expect(res.status == .unprocessableEntity)
                let fields = Set(res.errorBody?.error.errors?.map(\.field) ?? [])
                #expect(fields == ["username", "displayName", "password", "line"])
                #expect(res.errorBody?.error.field == "username")
            }
            // The form shows the error under its field.
            try await client.postForm("/admin/users", ["username": "ok.name", "displayName": "某人", "password": "abc",
                                                       "orgID": bureau.id!.uuidString, "role": "viewer"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("id=\"f-password-error\""))
                #expect(res.text.contains("密码至少需要10个字符"))
                #expect(res.text.contains("value=\"ok.name\""))
            }
            #expect(try await User.query(on: app.db).count() == before)
        }
    }

    @Test("Orgs: admins create within the tree rules; names are escaped on pages", arguments: TestDatabase.all)
    func orgs(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let client = try await TestClient.api(app, "admin")
            let station = try await app.org(code: "120102-JS06")
            try await client.send(.POST, "/api/v1/orgs", json: ["code": "120102-TW99", "name": "春华\"<b>测试</b>调委会",
                                                                 "kind": "mediationCommittee", "parentID": station.id!.uuidString]) { res in
                #expect(res.status == .created)
            }
            try await client.send(.POST, "/api/v1/orgs", json: ["code": "120102-TW99", "name": "重复", "kind": "agency",
                                                                 "parentID": station.id!.uuidString]) { res in
                #expect(res.status == .unprocessableEntity)
                let fields = Set(res.errorBody?.error.errors?.map(\.field) ?? [])
                #expect(fields == ["code", "kind"])
            }
            try await client.getPage("/admin/orgs") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("春华&quot;&lt;b&gt;测试&lt;/b&gt;调委会"))
                #expect(!res.text.contains("<b>测试</b>"))
            }
        }
    }

    @Test("A line's own records carry their org's bureau, and the scope's lists read by it (OrgOwned.bureauKey)",
          arguments: TestDatabase.all)
    func linesRecordsKeyedByBureau(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            try await app.loadDemoCases(perYear: 30)
            let sql = try app.db.sql
            // Every row the demo wrote through the lines' own paths is keyed by the database (`KeyRecordsByBureau`).
            for table in [EnforcementPlanLine.schema, EnforcementTraining.schema, EnforcementInspection.schema,
                          EnforcementFinding.schema, DutyReport.schema, PrecaseMatter.schema, NormativeDocumentRecord.schema] {
                let row = try await sql.raw("""
                    SELECT COUNT(*) AS n, SUM(CASE WHEN \(ident: table).bureau_id = orgs.bureau_id THEN 1 ELSE 0 END) AS k \
                    FROM \(ident: table) JOIN orgs ON orgs.id = \(ident: table).org_id
                    """).first()
                let all = try row?.decode(column: "n", as: Int.self) ?? 0
                let keyed: Int = try row?.decode(column: "k", as: Int?.self) ?? 0
                #expect(all > 0 && keyed == all, "\(table): \(keyed) of \(all) keyed")
            }
            // The scope filters by the key first: an inspection keyed to another bureau is not read, though its org is
            // within the leader's scope.
            let leader = try #require(try await User.query(on: app.db).filter(\.$username == "leader").first())
            let scope = try await Scope.load(userID: leader.id!, on: app.db)
            let listed = try await scope.query(EnforcementInspection.self, on: app.db).count()
            let moved = try #require(try await scope.query(EnforcementInspection.self, on: app.db).first())
            moved.bureauID = UUID()
            try await moved.update(on: app.db)
            #expect(try await scope.query(EnforcementInspection.self, on: app.db).count() == listed - 1)
            #expect(try await scope.query(EnforcementInspection.self, on: app.db).filter(\.$id == moved.id!).first() == nil)
        }
    }
}
