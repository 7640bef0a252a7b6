import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor

/// An office at work, over real HTTP: writers register applications and accept each one through the API while others
/// read the queues (issue 10: on SQLite, half of such writes used to fail with `database is locked`).
@Suite("Concurrent writers and readers")
struct ConcurrentWriteTests {
    static let writers = 8
    static let casesPerWriter = 4
    static let readers = 4
    static let readsPerReader = 12

    /// What one writer or reader saw.
    struct Outcome: Sendable {
        var registered: [UUID] = []
        var accepted: [UUID] = []
        var reads = 0
        var failures: [String] = []
    }

    @Test("Writers wait their turn: every request answered 2xx, every acknowledged write stored, the audit chain intact",
          .timeLimit(.minutes(30)), arguments: TestDatabase.all)
    func mixedLoad(_ database: TestDatabase) async throws {
        // The writes' turn is what is tested, not how long a turn takes: on a two-core machine running the whole suite,
        // eight writes queued behind each other once waited past the default patience (3 × the 10 s busy timeout) and
        // one was answered 503. A minute's busy timeout gives three minutes.
        try await withTestApp(database, adjust: { $0.sqliteBusyTimeout = .seconds(60) }) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let leader = try await TestClient.api(app, "leader")
            let application = JSONBody(try await registration(app))
            // One connection per task, and patience for a machine running the whole suite at once: the client's
            // pool would otherwise give up on a connection after 10 s (getConnectionFromPoolTimeout), which is the
            // test's own client failing, not the server.
            app.http.client.configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = Self.writers + Self.readers
            app.http.client.configuration.timeout = .init(connect: .minutes(2), read: .minutes(2))
            let outcomes = try await withRunningServer(app) { base in
                let cases = base + "/api/v1/reconsideration/cases"
                return await withTaskGroup(of: Outcome.self) { group in
                    for _ in 0..<Self.writers {
                        group.addTask { await Self.write(app, cases, officer, application) }
                    }
                    for reader in 0..<Self.readers {
                        group.addTask { await Self.read(app, cases, leader, queue: reader % 2 == 0 ? "awaitingAcceptance" : "open") }
                    }
                    var outcomes: [Outcome] = []
                    for await outcome in group { outcomes.append(outcome) }
                    return outcomes
                }
            }
            let failures = outcomes.flatMap(\.failures)
            #expect(failures.isEmpty, "\(failures.count) failed, first: \(failures.prefix(3))")
            let registered = outcomes.flatMap(\.registered)
            #expect(registered.count == Self.writers * Self.casesPerWriter)
            #expect(outcomes.map(\.reads).reduce(0, +) == Self.readers * Self.readsPerReader)
            // Every acknowledged write is in the database: the case, and the acceptance on it.
            var missing = 0
            for id in registered where try await CaseRecord.find(id, on: app.db) == nil { missing += 1 }
            #expect(missing == 0)
            for id in outcomes.flatMap(\.accepted) {
                let record = try await CaseRecord.find(id, on: app.db)
                #expect(record?.version == 2 && record?.state == "underReview")
            }
            let numbers = try await CaseRecord.query(on: app.db).filter(\.$id ~~ registered).all().map(\.caseNumber)
            #expect(Set(numbers).count == registered.count, "every case number issued once")
            #expect(try await AuditLog.verify(on: app.db).firstBreak == nil)
        }
    }

    static func write(_ app: Application, _ cases: String, _ officer: TestClient, _ application: JSONBody) async -> Outcome {
        var outcome = Outcome()
        for _ in 0..<casesPerWriter {
            do {
                let created = try await app.client.post(URI(string: cases), headers: officer.bearer) { try $0.content.encode(application) }
                guard created.status == .created else {
                    outcome.failures.append("register: \(created.status.code) \(created.body.map { String(buffer: $0) } ?? "")")
                    continue
                }
                let id = try created.content.decode(ReconsiderationCase.self).id
                outcome.registered.append(id)
                let accept = JSONBody(["kind": .string("accept"), "date": .string("2024-03-05"),
                                       "procedure": .string("ordinary"), "version": .int(1)])
                let accepted = try await app.client.post(URI(string: "\(cases)/\(id)/events"), headers: officer.bearer) {
                    try $0.content.encode(accept)
                }
                if accepted.status == .created {
                    outcome.accepted.append(id)
                } else {
                    outcome.failures.append("accept: \(accepted.status.code) \(accepted.body.map { String(buffer: $0) } ?? "")")
                }
            } catch {
                outcome.failures.append("write: \(error)")
            }
        }
        return outcome
    }

    static func read(_ app: Application, _ cases: String, _ leader: TestClient, queue: String) async -> Outcome {
        var outcome = Outcome()
        for _ in 0..<readsPerReader {
            do {
                let page = try await app.client.get(URI(string: "\(cases)?queue=\(queue)"), headers: leader.bearer)
                if page.status == .ok { outcome.reads += 1 } else { outcome.failures.append("read: \(page.status.code)") }
            } catch {
                outcome.failures.append("read: \(error)")
            }
        }
        return outcome
    }
}

/// Serves `app` on a free loopback port for the duration of `body` (one running server per test: the testing
/// client's running mode starts and stops a server for every request, which cannot be shared by parallel tasks).
func withRunningServer<T>(_ app: Application, _ body: (String) async throws -> T) async throws -> T {
    try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    do {
        let port = try #require(app.http.server.shared.localAddress?.port)
        let result = try await body("http://127.0.0.1:\(port)")
        await app.server.shutdown()
        return result
    } catch {
        await app.server.shutdown()
        throw error
    }
}
