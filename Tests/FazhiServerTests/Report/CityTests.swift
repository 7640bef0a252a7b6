import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// A city bureau above its districts on one deployment (`fazhi demo --city`): the city's leader sees every district and
/// figures that add them up, drills into each; a district's leader sees only their own.
@Suite("A city of districts")
struct CityTests {
    static let year = 2025
    static let received = "reconsideration.received"

    /// The demo city with three districts (河东区 without its caseload, 和平区 and 河西区 with `perDistrict` cases).
    static func loadCity(_ app: Application, perDistrict: Int) async throws -> String {
        let cases = DemoCases(db: app.db, calendar: try await CalendarStore(db: app.db).calendar(), protection: app.dataProtection,
                              today: ChinaTime.today, modules: app.modules)
        var city = DemoCity(demo: DemoData(db: app.db, hasher: app.password, modules: app.modules), cases: cases,
                            districtCount: 3, casesPerDistrict: perDistrict, year: year)
        city.hedongCases = false
        return try await city.load()
    }

    static func figure(_ client: TestClient, org: String, _ key: String = received) async throws -> Int? {
        var value: Int?
        try await client.get("/api/v1/report/figures?year=\(year)&org=\(org)") { res in
            #expect(res.status == .ok, "\(res.text)")
            let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
            value = ((body?["metrics"] as? [String: Any])?[key] as? NSNumber)?.intValue
        }
        return value
    }

    /// Adds an entry of `kind` through the API as `client`, at their own org.
    static func addEntry(_ client: TestClient, _ kind: any BookKind, marker: String) async throws {
        try await client.send(.POST, "/api/v1/\(kind.family.pathSegment)/\(kind.code)/entries",
                              json: ["values": OtherBureau.values(kind, marker: marker)]) { res in
            #expect(res.status == .created, "\(marker) \(kind.code): \(res.text)")
        }
    }

    @Test("The city's dashboard adds up its districts and drills into each; a district sees only its own", arguments: TestDatabase.all)
    func cityDashboard(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            let summary = try await Self.loadCity(app, perDistrict: 30)
            #expect(summary.contains("和平区：行政复议 30 件，人民调解 7 件，法律援助 1 件")
                    && summary.contains("河西区：行政复议 30 件，人民调解 7 件，法律援助 1 件"), "\(summary)")
            // Loading again adds nothing.
            #expect(try await Self.loadCity(app, perDistrict: 30).contains("和平区已存在"))
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .reconsideration).count() == 60)
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .mediation).count() == 14)
            #expect(try await Org.query(on: app.db).filter(\.$code == "120101-TW-JT").first()?.name == "和平区道路交通事故纠纷人民调解委员会")
            #expect(try await CaseRecord.query(on: app.db).filter(\.$line == .legalAid).count() == 2)
            #expect(try await User.query(on: app.db).filter(\.$username == "fayuan-heping").first() != nil)
            let hedong = try await app.org(code: "120102")
            #expect(hedong.$parent.id == (try await app.org(code: DemoCity.code)).id)

            let city = try await TestClient.api(app, "shiju")
            #expect(try await Self.figure(city, org: "120101") == 30)
            #expect(try await Self.figure(city, org: "120103") == 30)
            #expect(try await Self.figure(city, org: DemoCity.code) == 60)
            // Each district's mediation too, added up the same way.
            let resolved = "mediation.resolved"
            let hepingResolved = try #require(try await Self.figure(city, org: "120101", resolved))
            let hexiResolved = try #require(try await Self.figure(city, org: "120103", resolved))
            #expect(hepingResolved > 0 && hexiResolved > 0)
            #expect(try await Self.figure(city, org: DemoCity.code, resolved) == hepingResolved + hexiResolved)
            try await city.getPage("/dashboard?year=\(Self.year)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("天津市司法局\(Self.year)年度工作统计") && res.text.contains("各区统计"))
                for code in ["120101", "120102", "120103"] {
                    #expect(res.text.contains("/dashboard?year=\(Self.year)&amp;org=\(code)"), "\(code)")
                }
                #expect(res.text.contains("/report/records?metric=\(Self.received)&amp;year=\(Self.year)&amp;org=120101"))
                #expect(!res.text.contains("按机构统计"))
            }
            // Into one district: its figures only, no district table.
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "shiju").first())
            let scope = try await Scope.load(userID: user.id!, on: app.db)
            let heping = try await app.org(code: "120101")
            let model = try await DashboardModel.load(
                db: app.db, modules: app.modules,
                viewer: .init(scope: scope.narrowed(to: Set(try await OrgDirectory.subtreeIDs(of: heping, on: app.db))),
                              userID: user.id!, calendar: try await CalendarStore(db: app.db).calendar(), today: ChinaTime.today),
                org: heping, year: Self.year)
            #expect(model.districts.isEmpty)
            #expect(model.figures.first { $0.metric.key == Self.received }?.current == .count(30))
            let whole = try await DashboardModel.load(
                db: app.db, modules: app.modules,
                viewer: .init(scope: scope, userID: user.id!, calendar: try await CalendarStore(db: app.db).calendar(), today: ChinaTime.today),
                org: try await app.org(code: DemoCity.code), year: Self.year)
            #expect(whole.districts.map(\.code) == ["120101", "120102", "120103"])
            let column = try #require(whole.districtMetrics.firstIndex { $0.key == Self.received })
            #expect(whole.districts.map { $0.values[column] } == [30, 0, 30])
            #expect(whole.ownRow == nil)   // nothing recorded at the city bureau itself
            #expect(whole.districtTotals[column] == 60)
            #expect(whole.figures.first { $0.metric.key == Self.received }?.current == .count(60))
            try await city.getPage("/dashboard?year=\(Self.year)&org=120101") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("和平区司法局\(Self.year)年度工作统计") && !res.text.contains("各区统计"))
                // Narrowed to one district: the risk counts open no queue (the queues are the whole city's), and the
                // panels' links to records keep the district.
                #expect(!res.text.contains("/reconsideration?queue=overdue"))
                #expect(res.text.contains("month=3&amp;org=120101"))
            }
            try await city.getPage("/report/records?metric=\(Self.received)&year=\(Self.year)&org=120101") { res in
                #expect(res.status == .ok && res.text.contains("共 30 件"), "\(res.text.prefix(400))")
                #expect(res.text.contains("org=120101"))   // the pager and the export keep the district
            }
            try await city.getPage("/report/records?metric=\(Self.received)&year=\(Self.year)") { res in
                #expect(res.text.contains("共 60 件"))
            }

            // 和平区's leader: their own district, nothing of the others or the city's.
            let districtLeader = try await TestClient.api(app, "heping")
            #expect(try await Self.figure(districtLeader, org: "120101") == 30)
            try await districtLeader.get("/api/v1/report/figures?year=\(Self.year)&org=120103") { res in #expect(res.status == .notFound) }
            try await districtLeader.getPage("/dashboard?year=\(Self.year)&org=120000") { res in #expect(res.status == .notFound) }
            try await districtLeader.getPage("/report/records?metric=\(Self.received)&year=\(Self.year)&org=120103") { res in
                #expect(res.status == .notFound)
            }
            try await districtLeader.getPage("/dashboard?year=\(Self.year)") { res in
                #expect(res.status == .ok && res.text.contains("和平区司法局") && !res.text.contains("各区统计"))
            }
            try await districtLeader.getPage("/report/records?metric=\(Self.received)&year=\(Self.year)") { res in
                #expect(res.text.contains("共 30 件"))
            }
        }
    }

    /// One page of a queue through the API: its rows' case numbers and received dates, and whether a page follows.
    static func queuePage(_ client: TestClient, _ query: String) async throws -> (rows: [(number: String, received: String)], more: Bool) {
        var page: (rows: [(number: String, received: String)], more: Bool) = ([], false)
        try await client.get("/api/v1/reconsideration/cases?\(query)") { res in
            #expect(res.status == .ok, "\(res.text)")
            let body = try res.content.decode(CaseQueuePage.self)
            page = (body.rows.map { ($0.caseNumber, $0.receivedOn) }, body.hasNextPage)
        }
        return page
    }

    @Test("Every case and deadline carries its district's bureau; a district's queue lists its own; the city's lists every district's in order",
          arguments: TestDatabase.all)
    func tenancyKey(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            _ = try await Self.loadCity(app, perDistrict: 40)
            let sql = try app.db.sql
            // The key is the org's bureau on every row: the city's own, each district's.
            for table in ["cases", "case_deadlines"] {
                let wrong = try await sql.raw("""
                    SELECT COUNT(*) AS n FROM \(ident: table) JOIN orgs ON orgs.id = \(ident: table).org_id \
                    WHERE \(ident: table).bureau_id IS NULL OR orgs.bureau_id IS NULL OR \(ident: table).bureau_id <> orgs.bureau_id
                    """).first()?.decode(column: "n", as: Int.self)
                #expect(wrong == 0, "\(table)")
            }
            let heping = try await app.org(code: "120101")
            let hepingBureau = try #require(heping.bureauID)
            #expect(hepingBureau == heping.id)
            let station = try #require(try await Org.query(on: app.db).filter(\.$code == "120101-AG-GA").first())
            #expect(station.bureauID == heping.id)
            #expect(try await CaseRecord.query(on: app.db).filter(\.$bureauID == hepingBureau).filter(\.$line == .reconsideration).count() == 40)
            #expect(try await CaseRecord.query(on: app.db).filter(\.$bureauID == hepingBureau).filter(\.$line == .mediation).count() == 10)

            // A district's leader: their 40, on one page.
            let district = try await TestClient.api(app, "heping")
            let own = try await Self.queuePage(district, "queue=all")
            #expect(own.rows.count == 40 && !own.more && Set(own.rows.map(\.number)).count == 40)

            // The city's leader: both districts' 80, newest first across the pages of 50, each case once.
            let city = try await TestClient.api(app, "shiju")
            let first = try await Self.queuePage(city, "queue=all")
            let second = try await Self.queuePage(city, "queue=all&page=2")
            #expect(first.rows.count == 50 && first.more && second.rows.count == 30 && !second.more)
            let rows = first.rows + second.rows
            #expect(Set(rows.map(\.number)).count == 80)
            #expect(rows.map(\.received) == rows.map(\.received).sorted(by: >))
            let oldestFirst = try await Self.queuePage(city, "queue=all&sort=receivedOn")
            let oldest = try await sql.raw("SELECT MIN(received_on) AS d FROM cases").first()?.decode(column: "d", as: String.self)
            #expect(oldestFirst.rows.first?.received == oldest)
            #expect(oldestFirst.rows.map(\.received) == oldestFirst.rows.map(\.received).sorted())
        }
    }

    @Test("Ledger and register entries carry their district's bureau; a district lists its own, the city every district's",
          arguments: TestDatabase.all)
    func booksTenancyKey(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            _ = try await Self.loadCity(app, perDistrict: 1)
            let ledger = try #require(app.modules.bookKinds(.ledger).first { $0.line == .publicity })
            let register = try #require(app.modules.bookKinds(.register).first { $0.line == .publicity })
            // Each district's leader adds one entry of each (at their own bureau), through the API.
            for account in ["heping", "hexi"] {
                let leader = try await TestClient.api(app, account)
                for kind in [ledger, register] { try await Self.addEntry(leader, kind, marker: account) }
            }
            let sql = try app.db.sql
            for table in [LedgerEntry.schema, RegisterEntry.schema] {
                let (all, keyed) = try await sql.raw("""
                    SELECT COUNT(*) AS n, SUM(CASE WHEN \(ident: table).bureau_id = orgs.bureau_id THEN 1 ELSE 0 END) AS k \
                    FROM \(ident: table) JOIN orgs ON orgs.id = \(ident: table).org_id
                    """).first().map { (try $0.decode(column: "n", as: Int.self), try $0.decode(column: "k", as: Int.self)) } ?? (0, 0)
                #expect(all == 2 && keyed == 2, "\(table): \(keyed) of \(all) keyed")
            }
            // Written by a binary that does not know the column (the previous release during an upgrade): the trigger keys it.
            let heping = try await app.org(code: "120101")
            let id = UUID()
            try await sql.raw("""
                INSERT INTO ledger_entries (id, kind, org_id, occurred_on, quantity, title, fields, natural_key, created_by, created_at) \
                VALUES (\(bind: id), \(bind: ledger.code), \(bind: heping.id!), '2024-05-01', 1, 'old', '{}', 'old-binary', 'old', \(bind: Date()))
                """).run()
            #expect(try await LedgerEntry.find(id, on: app.db)?.bureauID == heping.id)

            func listed(_ client: TestClient, _ kind: any BookKind, _ query: String = "") async throws -> [String] {
                var names: [String] = []
                try await client.get("/api/v1/\(kind.family.pathSegment)/\(kind.code)/entries\(query)") { res in
                    #expect(res.status == .ok, "\(res.text)")
                    names = try res.content.decode(BookAPI.EntryPage.self).entries.map(\.orgName).sorted()
                }
                return names
            }
            let district = try await TestClient.api(app, "hexi")
            #expect(try await listed(district, register) == ["河西区司法局"])
            let city = try await TestClient.api(app, "shiju")
            #expect(try await listed(city, register) == ["和平区司法局", "河西区司法局"])
            #expect(try await listed(city, ledger) == ["和平区司法局", "和平区司法局", "河西区司法局"])
            // The city's leader narrowed to one district reads that district's bureau-first.
            #expect(try await listed(city, ledger, "?orgID=\(heping.id!)") == ["和平区司法局", "和平区司法局"])
        }
    }

    @Test("A district's kept dashboard and figures are counted afresh by its own writes and the deployment's, not by another district's",
          arguments: TestDatabase.all)
    func countsKeptPerDistrict(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            _ = try await Self.loadCity(app, perDistrict: 1)
            app.keepCountsAnHour()
            let ledger = try #require(app.modules.bookKinds(.ledger).first { $0.line == .publicity })
            let heping = try await TestClient.api(app, "heping"), hexi = try await TestClient.api(app, "hexi")
            let city = try await TestClient.api(app, "shiju")
            /// Whether the dashboard and the year's figures were answered from the kept count.
            func kept(_ client: TestClient) async throws -> [Bool] {
                var kept: [Bool] = []
                for path in ["/dashboard?year=\(Self.year)", "/api/v1/report/figures?year=\(Self.year)"] {
                    try await client.getPage(path) { res in
                        #expect(res.status == .ok, "\(path): \(res.text.prefix(300))")
                        kept.append(res.headers.first(name: "Server-Timing")?.contains("cached") == true)
                    }
                }
                return kept
            }
            func lastAuditBureau() async throws -> UUID? {
                try await AuditEntry.query(on: app.db).sort(\.$id, .descending).first()?.bureauID
            }
            _ = try await kept(heping)
            _ = try await kept(city)
            #expect(try await kept(heping) == [true, true])
            #expect(try await kept(city) == [true, true])
            // Signing in, in the browser's two steps (password, then the code), writes nothing a figure counts.
            let sessions = StaffSessions(db: app.db, config: app.fazhi, protection: app.dataProtection)
            let code = try #require(try await TestClient.secondFactorCode(app, "admin"))
            let half = try await sessions.login(username: "admin", password: DemoData.password, interactive: true, ip: "127.0.0.1")
            #expect(half.session.stage == .secondFactor)
            let admin = try #require(try await User.query(on: app.db).filter(\.$username == "admin").first())
            _ = try await sessions.completeSecondFactor(half.session, user: admin, code: code)
            #expect(try await kept(heping) == [true, true])
            #expect(try await kept(city) == [true, true])

            // Another district's write: recorded with its bureau; 和平区's counts are kept, the city's made afresh.
            try await Self.addEntry(hexi, ledger, marker: "hexi")
            #expect(try await lastAuditBureau() == (try await app.org(code: "120103")).id)
            #expect(try await kept(heping) == [true, true])
            #expect(try await kept(city) == [false, false])
            // Its own write: made afresh.
            try await Self.addEntry(heping, ledger, marker: "heping")
            #expect(try await lastAuditBureau() == (try await app.org(code: "120101")).id)
            #expect(try await kept(heping) == [false, false])
            #expect(try await kept(heping) == [true, true])
            // A write by no one district's staff (a job, a command, the city's staff): every count is made afresh.
            try await app.db.transaction { tx in
                try await AuditLog.record(on: tx, actor: .system, action: "update", entityType: "case", entityID: UUID().uuidString,
                                          before: nil, after: ["state": "test"])
            }
            #expect(try await kept(heping) == [false, false])
            // What the deployment shares is recorded without a bureau, whoever changes it.
            var district = AuditActor.user(try #require(try await User.query(on: app.db).filter(\.$username == "hexi").first()))
            district.bureau = try await app.org(code: "120103").id
            try await Settings.set("reminders.officeHead.120103", to: "hexi", modules: app.modules, actor: district, on: app.db)
            #expect(try await lastAuditBureau() == nil)
            #expect(try await kept(heping) == [false, false])
        }
    }

    @Test("A city is loaded only into a database without a lone demo bureau")
    func cityNeedsAnEmptyDatabase() async throws {
        try await withTestApp(.sqlite) { app in
            await #expect(throws: FieldError.self) { _ = try await Self.loadCity(app, perDistrict: 1) }
        }
    }
}
