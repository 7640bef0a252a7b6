import FluentPostgresDriver
import FluentSQL
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// Reads from a real PostgreSQL streaming replica (`DATABASE_READ_URL`): the README's test command makes one of its
/// throwaway cluster with `pg_basebackup -R` and names it in `FAZHI_TEST_READ_DATABASE_URL`.
@Suite("Read replica", .serialized)
struct ReplicaTests {
    static let primaryURL = ProcessInfo.processInfo.environment["FAZHI_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let replicaURL = ProcessInfo.processInfo.environment["FAZHI_TEST_READ_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static var configured: Bool { primaryURL != nil && replicaURL != nil }

    /// The test app on a fresh database of the primary, reading from the same database on the replica (`replica` given:
    /// another address, e.g. one where nothing listens).
    static func withReplicaApp(maxLag: Double = 20, replica other: String? = nil,
                               _ body: (Application, ReadReplica) async throws -> Void) async throws {
        try await withTestApp(.postgres(adminURL: primaryURL!), adjust: { config in
            guard case .postgres(let url) = config.database else { return }
            let name = String(URLComponents(string: url)!.path.dropFirst())
            config.readDatabaseURL = TestDatabase.replacingDatabase(in: other ?? replicaURL!, with: name)
            config.replicaMaxLag = maxLag
        }) { app in
            let replica = try #require(app.readReplica)
            guard other == nil else { return try await body(app, replica) }
            // The replica has replayed the test's migrations and demo data before anything reads there.
            let setUp = try #require(try await (app.db as! SQLDatabase).raw("SELECT CAST(pg_current_wal_lsn() - '0/0' AS BIGINT) AS lsn")
                .first()?.decode(column: "lsn", as: Int64.self))
            let status = try await probe(app, replica, within: catchUp) { $0.inUse && ($0.replayed ?? 0) >= setUp }
            #expect(status.inUse, "the replica never caught up: \(status)")
            try await body(app, replica)
        }
    }

    /// How long a replica may take to replay what the cluster wrote meanwhile. Its replay is one process, and on a
    /// loaded two-core machine every other suite's writes (a database per test) queue ahead of the test's own: a CI
    /// run once needed more than a minute after a paused replay resumed. These tests are about what is read where,
    /// not about how fast a replica replays.
    static let catchUp: Double = 300

    /// Probes until `condition` holds of the replica's status (at most `seconds`).
    static func probe(_ app: Application, _ replica: ReadReplica, within seconds: Double = 60,
                      until condition: (ReadReplica.Status) -> Bool) async throws -> ReadReplica.Status {
        let end = Date().addingTimeInterval(seconds)
        while true {
            await ReplicaMonitor.probe(app, replica)
            let status = replica.status
            if condition(status) || Date() > end { return status }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Runs one statement on the replica's server (pausing and resuming its replay); returns the first row's first
    /// column as text.
    @discardableResult
    static func onReplica(_ sql: String) async throws -> String? {
        let app = try await Application.make(.testing)
        do {
            var config = try SQLPostgresConfiguration(url: replicaURL!)
            config.coreConfiguration.tls = .disable
            app.databases.use(.postgres(configuration: config), as: .psql)
            let value = try await (app.db as! SQLDatabase).raw(SQLQueryString(sql)).first()?.decode(column: "value", as: String?.self)
            try await app.asyncShutdown()
            return value
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Pauses the replica's replay and waits until it has stopped (a pause is only a request).
    static func pauseReplay() async throws {
        try await onReplica("SELECT CAST(pg_wal_replay_pause() AS TEXT) AS value")
        for _ in 0 ..< 100 where try await onReplica("SELECT pg_get_wal_replay_pause_state() AS value") != "paused" {
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Who writes a normative document (`shenhe`), who reads the register (`leader`), and the agency it is for.
    static func people(_ app: Application) async throws -> (writer: TestClient, reader: TestClient, agency: UUID) {
        (try await TestClient.api(app, "shenhe"), try await TestClient.api(app, "leader"), try await app.org(code: "120102-AG-SJ").id!)
    }

    /// The documents the search for `q` finds for `client`, and whether the replica answered.
    static func search(_ client: TestClient, _ q: String) async throws -> (ids: [UUID], fromReplica: Bool) {
        var found: (ids: [UUID], fromReplica: Bool) = ([], false)
        let query = q.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? q
        try await client.get("/api/v1/normative-documents/search?q=\(query)") { res in
            #expect(res.status == .ok, "\(res.text)")
            found = (try res.content.decode(NormativeDocumentIndex.Results.self).hits.map(\.id),
                     res.headers.first(name: "Server-Timing")?.contains("replica") == true)
        }
        return found
    }

    /// Runs `body` with the replica's replay paused, resuming it however `body` ends.
    static func withReplayPaused(_ body: () async throws -> Void) async throws {
        try await pauseReplay()
        do {
            try await body()
        } catch {
            try? await onReplica("SELECT CAST(pg_wal_replay_resume() AS TEXT) AS value")
            throw error
        }
        try await onReplica("SELECT CAST(pg_wal_replay_resume() AS TEXT) AS value")
    }

    @Test("A user reads their own write at once while others read the replica, which has not replayed it; once it has, both read it there",
          .enabled(if: configured))
    func readYourWrites() async throws {
        // A bound no loaded test machine reaches while the replay is paused: this test is about the pin, not the lag.
        try await Self.withReplicaApp(maxLag: 600) { app, replica in
            let (writer, reader, market) = try await Self.people(app)
            var id: UUID?
            try await Self.withReplayPaused {
                id = try #require(try await writer.normativeDocument("东市监规〔2025〕91号", title: "河东区备库读写一致性测试办法",
                                                                     body: "第一条 为测试只读备库，制定本办法。", agency: market))
                _ = try await Self.probe(app, replica) { _ in true }
                #expect(replica.status.inUse, "a replica behind, within the bound, still serves: \(replica.status)")
                // The writer is pinned to the primary and finds the document; the leader reads the paused replica.
                let mine = try await Self.search(writer, "一致性测试")
                #expect(mine.ids == [id!] && !mine.fromReplica)
                let others = try await Self.search(reader, "一致性测试")
                #expect(others.ids.isEmpty && others.fromReplica)
            }
            // Replayed past the write: the replica serves the writer again, and holds the document.
            let writerSession = try #require(try await UserSession.query(on: app.db)
                .filter(\.$tokenHash == StaffSessions.digest(writer.token)).first())
            let pinned = try #require(writerSession.readAfterLSN)
            let back = try await Self.probe(app, replica, within: Self.catchUp) { $0.inUse && ($0.replayed ?? 0) >= pinned }
            #expect(back.inUse && (back.replayed ?? 0) >= pinned, "the replica never replayed the write: \(back)")
            #expect(replica.serves(writerSession))
            let mine = try await Self.search(writer, "一致性测试")
            #expect(mine.ids == [id!] && mine.fromReplica)
            #expect(try await Self.search(reader, "一致性测试").ids == [id!])
        }
    }

    @Test("A replica trailing past the bound is skipped: everyone reads the primary", .enabled(if: configured))
    func laggingReplicaSkipped() async throws {
        try await Self.withReplicaApp(maxLag: 3) { app, replica in
            let (writer, reader, market) = try await Self.people(app)
            try await Self.withReplayPaused {
                let id = try #require(try await writer.normativeDocument("东市监规〔2025〕93号", title: "河东区备库延迟测试办法",
                                                                         body: "第一条 备库延迟时从主库读。", agency: market))
                // The other suites keep writing to the cluster, so the paused replica falls behind by the second.
                let lagging = try await Self.probe(app, replica, within: 120) { !$0.inUse }
                #expect(!lagging.inUse && (lagging.lagSeconds ?? 0) > 3 && lagging.problem?.contains("落后") == true, "\(lagging)")
                #expect(!replica.serves(nil))
                let others = try await Self.search(reader, "延迟测试")
                #expect(others.ids == [id] && !others.fromReplica)
            }
        }
    }

    @Test("Dashboards, reports, drill-downs, exports and search answer from the replica (nothing there writes)",
          .enabled(if: configured))
    func readPagesOnTheReplica() async throws {
        try await Self.withReplicaApp(maxLag: 30) { app, replica in
            let leader = try await TestClient.api(app, "leader")
            let officer = try await TestClient.api(app, "fuyi")
            let year = ChinaTime.today.year - 1
            for path in ["/dashboard?year=\(year)", "/api/v1/report/figures?year=\(year)",
                         "/report/records?metric=reconsideration.received&year=\(year)",
                         "/report/records.xlsx?metric=reconsideration.received&year=\(year)",
                         "/ledgers/legalAid.outreach/export.xlsx?year=\(year)",
                         "/normative-documents/search?q=%E8%A1%8C%E6%94%BF", "/api/v1/normative-documents/search?q=%E8%A1%8C%E6%94%BF"] {
                try await leader.getPage(path) { res in
                    #expect(res.status == .ok, "\(path): \(res.text.prefix(300))")
                    #expect(res.headers.first(name: "Server-Timing")?.contains("replica") == true, "\(path) was not read from the replica")
                }
            }
            try await officer.getPage("/reconsideration/export.xlsx?queue=all") { res in
                #expect(res.status == .ok, "\(res.text.prefix(300))")
                #expect(res.headers.first(name: "Server-Timing")?.contains("replica") == true)
            }
            // The report's page is its narrative's form: from the primary.
            try await leader.getPage("/report?year=\(year)") { res in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: "Server-Timing")?.contains("replica") != true)
            }
        }
    }

    @Test("A replica that cannot be reached is skipped: every read goes to the primary", .enabled(if: configured))
    func downReplicaSkipped() async throws {
        let closed = "postgres://postgres@127.0.0.1:1/postgres?sslmode=disable"
        try await Self.withReplicaApp(replica: closed) { app, replica in
            let status = try await Self.probe(app, replica, within: 10) { $0.probedAt != nil && $0.problem != "尚未探测备库" }
            #expect(!status.inUse && status.problem?.hasPrefix("无法连接备库") == true, "\(status)")
            #expect(status.problem?.contains("尚未") != true)
            #expect(!replica.serves(nil))
            let leader = try await TestClient.api(app, "leader")
            try await leader.getPage("/dashboard") { res in #expect(res.status == .ok) }
            let writer = try await TestClient.api(app, "shenhe")
            let id = try #require(try await writer.normativeDocument("东市监规〔2025〕92号", title: "河东区备库停机测试办法",
                                                                     body: "第一条 备库停机时从主库读。", agency: try await app.org(code: "120102-AG-SJ").id!))
            #expect(try await leader.normativeSearch("停机测试")?.hits.map(\.id) == [id])
        }
    }

    @Test("DATABASE_READ_URL beside SQLite stops the start with a clear message")
    func replicaNeedsPostgres() async throws {
        let app = try await Application.make(.testing)
        var config = FazhiConfiguration(database: .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-replica-\(UUID()).sqlite").path),
                                        bcryptCost: 4, jsonLogs: false)
        config.readDatabaseURL = "postgres://postgres@127.0.0.1:5432/fazhi"
        do {
            try await configure(app, config, modules: .standard)
            Issue.record("configure accepted a read replica beside SQLite")
        } catch let error as ConfigurationError {
            #expect(error.message.contains("DATABASE_READ_URL"))
        }
        try await app.asyncShutdown()
    }

    @Test("The lag is how long ago the primary was where the replica is; a stale probe is not believed")
    func lagFromSamples() {
        let replica = ReadReplica(maxLag: 10)
        let start = Date(timeIntervalSince1970: 1_000_000)
        replica.record(primary: 100, replayed: 100, problem: nil, at: start)
        #expect(replica.status.lagSeconds == 0 && replica.serves(nil, now: start))
        replica.record(primary: 200, replayed: 100, problem: nil, at: start.addingTimeInterval(1))
        replica.record(primary: 300, replayed: 100, problem: nil, at: start.addingTimeInterval(5))
        #expect(replica.status.lagSeconds == 4 && replica.status.inUse)
        replica.record(primary: 300, replayed: 250, problem: nil, at: start.addingTimeInterval(13))
        #expect(replica.status.lagSeconds == 8 && replica.status.inUse)
        replica.record(primary: 400, replayed: 250, problem: nil, at: start.addingTimeInterval(16))
        #expect(replica.status.lagSeconds == 11 && !replica.status.inUse)
        replica.record(primary: 400, replayed: 400, problem: nil, at: start.addingTimeInterval(17))
        #expect(replica.status.inUse && replica.serves(nil, now: start.addingTimeInterval(17)))
        #expect(!replica.serves(nil, now: start.addingTimeInterval(17 + ReadReplica.staleAfter + 1)))
        let pinned = UserSession()
        pinned.readAfterLSN = 401
        #expect(!replica.serves(pinned, now: start.addingTimeInterval(17)))
        pinned.readAfterLSN = 400
        #expect(replica.serves(pinned, now: start.addingTimeInterval(17)))

        // A node starting beside a replica that has not replayed what the node saw on the primary (its migrations, or
        // hours of writes) does not use it until it has.
        let behind = ReadReplica(maxLag: 10)
        behind.record(primary: 500, replayed: 400, problem: nil, at: start)
        #expect(!behind.status.inUse && behind.status.problem?.contains("尚未回放") == true)
        behind.record(primary: 600, replayed: 450, problem: nil, at: start.addingTimeInterval(30))
        #expect(!behind.status.inUse && behind.status.lagSeconds == 30)
        behind.record(primary: 600, replayed: 500, problem: nil, at: start.addingTimeInterval(31))
        // Past the first position it saw: in use, a second behind the primary's next.
        #expect(behind.status.inUse && behind.status.lagSeconds == 1)
    }
}
