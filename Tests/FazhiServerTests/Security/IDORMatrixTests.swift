import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// The access-control matrix: every route the app serves (the API from its OpenAPI document, the pages as
/// registered) × every demo account × a record of every kind. Another bureau's records must be refused to all of
/// them — 404 (the record does not exist for them) or 403 where the role lacks the right altogether — with nothing
/// of theirs in the answer and nothing of theirs changed; the routes that name no record must show none of it.
/// In the demo bureau itself, a role that sees a record but lacks the right to change it gets 403.
@Suite("Access control: the IDOR matrix")
struct IDORMatrixTests {
    static let accounts = ["admin", "leader", "fuyi", "fuyizhuren", "yingsu", "chunhua", "dawangzhuang", "tiaojie", "viewer"]

    static func signIn(_ app: Application, _ names: [String]) async throws -> [(name: String, client: TestClient)] {
        var clients: [(String, TestClient)] = []
        for name in names { clients.append((name, try await TestClient.api(app, name))) }
        return clients
    }

    static func routes(_ app: Application, as client: TestClient) async throws -> [RouteTemplate] {
        try await RouteCatalogue.api(app, as: client) + RouteCatalogue.pages(app)
    }

    /// The routes that end the caller's own session or change the caller's own account: not probes. The portal's routes
    /// answer residents' sessions, not staff's: `PortalIDORTests` walks each of them resident against resident.
    static func isOwnAccount(_ route: RouteTemplate) -> Bool {
        ["/logout", "/api/v1/session", "/api/v1/me", "/account", "/login", "/portal"].contains { route.path.hasPrefix($0) }
    }

    @Test("Another bureau's records are refused to every demo account on every route, and shown on none",
          arguments: TestDatabase.all)
    func otherBureau(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let other = try await OtherBureau.make(app)
            let set = RecordSet(cases: other.cases, org: other.bureau.id!, orgCode: OtherBureau.code,
                                users: [(other.leaderUser.id!, other.leaderGrantID)],
                                entries: other.entries, attachment: other.attachmentID, instrument: other.instrumentID,
                                committee: other.committeeID, entryAttachment: other.entryAttachmentID)
            let clients = try await Self.signIn(app, Self.accounts)
            let routes = try await Self.routes(app, as: clients[1].client)
            let auditBefore = try await AuditEntry.query(on: app.db).max(\.$id) ?? 0
            var failures: [String] = []
            var refused = 0, swept = 0

            var probes: [RecordProbe] = RecordProbe.reportQueries(set)
            for route in routes where !Self.isOwnAccount(route) {
                switch RecordProbe.fill(route, set) {
                case .unknown(let reason):
                    failures.append("unknown parameter: \(reason)")
                case .records(let filled):
                    probes += filled
                case .unowned(let paths):
                    guard route.method == .GET else { continue }
                    // Lists, dashboards and forms: asked plainly and with the other bureau named in the query.
                    let bureauQuery = "org=\(OtherBureau.code)&orgID=\(other.bureau.id!.uuidString)&year=2024"
                    for path in paths where !path.hasPrefix("/assets") {
                        for target in [path, path + "?" + bureauQuery] {
                            for (name, client) in clients {
                                var headers = route.isAPI ? client.bearer : client.cookie
                                headers.add(name: .accept, value: route.isAPI ? "application/json" : "text/html")
                                try await app.testing().test(.GET, target, headers: headers) { res in
                                    swept += 1
                                    if res.status.code >= 500 { failures.append("\(name) GET \(target): \(res.status.code)") }
                                    // The id asked for may be echoed back (in a filter, a pager link): that is not a leak.
                                    let shown = res.text.lowercased().replacingOccurrences(of: other.bureau.id!.uuidString.lowercased(), with: "")
                                    if other.leaks(shown) { failures.append("\(name) GET \(target) shows the other bureau's data") }
                                }
                            }
                        }
                    }
                }
            }
            for probe in probes {
                for (name, client) in clients {
                    let (status, text) = try await probe.send(client, set)
                    refused += 1
                    if status != .notFound && status != .forbidden {
                        failures.append("\(name) \(probe.route.method.rawValue) \(probe.path): \(status.code), expected 404 or 403")
                    } else if other.leaks(text) {
                        failures.append("\(name) \(probe.route.method.rawValue) \(probe.path): the refusal shows the other bureau's data")
                    }
                }
            }

            // The transferred colleague: the demo admin sees the account, not the role held there, and changes nothing.
            let transferred = RecordSet(cases: [:], org: other.bureau.id!, orgCode: OtherBureau.code,
                                        users: [(other.transferredUser.id!, other.transferredGrantID)], entries: [:],
                                        attachment: other.attachmentID, instrument: other.instrumentID, committee: other.committeeID)
            let admin = clients[0].client
            for route in routes where route.segments.contains(.literal("users")) {
                guard case .records(let filled) = RecordProbe.fill(route, transferred) else { continue }
                for probe in filled {
                    let (status, text) = try await probe.send(admin, transferred)
                    if probe.route.method == .GET {
                        if status != .ok || other.leaks(text) { failures.append("admin GET \(probe.path) (transferred): \(status.code), or shows the other bureau") }
                    } else if status != .forbidden {
                        failures.append("admin \(probe.route.method.rawValue) \(probe.path) (transferred): \(status.code), expected 403")
                    }
                }
            }
            try await admin.get("/api/v1/users/\(other.transferredUser.id!)") { res in
                let body = try res.content.decode(UserController.UserBody.self)
                #expect(body.grantsOutsideScope == 1)
            }

            // Nothing of the other bureau was changed: no audit entry written during the sweep names one of its records.
            let written = try await AuditEntry.query(on: app.db).filter(\.$id > auditBefore).all()
            let otherIDs = Set(other.ids)
            for entry in written where otherIDs.contains(entry.entityID.lowercased()) {
                failures.append("\(entry.actorName) changed the other bureau's \(entry.entityType) \(entry.entityID): \(entry.action)")
            }
            // Positive control: the other bureau's own leader does read its case, so the 404s above are about scope.
            try await other.leader.get("/api/v1/reconsideration/cases/\(set.cases["reconsideration"]!)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains(OtherBureau.marker))
            }
            #expect(refused > 1000, "the matrix probed \(refused) pairs")
            #expect(swept > 500, "the sweep read \(swept) pages")
            #expect(failures.isEmpty, "\(failures.count) holes:\n\(failures.sorted().joined(separator: "\n"))")
            print("IDOR matrix (\(database.testDescription)): \(routes.count) routes, \(clients.count) accounts, \(refused) refusals, \(swept) sweeps")
        }
    }

    @Test("In its own bureau, a role that sees a record but may not change it is refused with 403", arguments: TestDatabase.all)
    func withoutTheRight(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let leader = try await TestClient.api(app, "leader")
            var set = try await RecordSet.make(app, by: leader, bureau: try await app.org(code: "120102"),
                                               agency: try await app.org(code: "120102-AG-SJ"), marker: "本局", year: 2023)
            let colleague = try #require(try await User.query(on: app.db).filter(\.$username == "chunhua").first())
            let grant = try #require(try await RoleGrant.query(on: app.db).filter(\.$user.$id == colleague.id!).first())
            set.users = [(colleague.id!, grant.id!)]
            let clients = try await Self.signIn(app, ["leader", "viewer"])
            let routes = try await Self.routes(app, as: clients[0].client)
            let auditBefore = try await AuditEntry.query(on: app.db).max(\.$id) ?? 0
            var failures: [String] = []
            var refused = 0
            for route in routes where !Self.isOwnAccount(route) {
                guard case .records(let probes) = RecordProbe.fill(route, set) else { continue }
                for probe in probes {
                    // Administration: the accounts, and changing an org (any role that sees an org may read it).
                    let administration: Bool
                    switch probe.target {
                    case .user: administration = true
                    case .org: administration = probe.route.method != .GET
                    default: administration = false
                    }
                    // The viewer changes nothing; the leader (who reads and acts in every line) administers nothing.
                    let refusing = clients.filter { name, _ in
                        (name == "viewer" && (probe.route.method != .GET || administration)) || (name == "leader" && administration)
                    }
                    for (name, client) in refusing {
                        let (status, _) = try await probe.send(client, set)
                        refused += 1
                        if status != .forbidden {
                            failures.append("\(name) \(probe.route.method.rawValue) \(probe.path): \(status.code), expected 403")
                        }
                    }
                }
            }
            let written = try await AuditEntry.query(on: app.db).filter(\.$id > auditBefore).filter(\.$action != "login").count()
            #expect(written == 0, "a refused request wrote \(written) audit entries")
            #expect(refused > 100, "the matrix probed \(refused) pairs")
            #expect(failures.isEmpty, "\(failures.count) holes:\n\(failures.sorted().joined(separator: "\n"))")
        }
    }
}
