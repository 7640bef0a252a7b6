import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// One record of each kind, by the ids a route's path parameters take.
struct RecordSet {
    /// Case ids by the line's URL segment.
    var cases: [String: UUID]
    var org: UUID
    var orgCode: String
    /// Users and one grant of each.
    var users: [(user: UUID, grant: UUID)]
    /// Entry ids by family segment and kind code.
    var entries: [String: [String: UUID]]
    var attachment: UUID
    var instrument: UUID
    /// A people's mediation committee (调委会) with its profile and a mediator.
    var committee: UUID
    /// A photo kept with the entry of the first kind that takes files (`BookKind.attachmentTypes`); for the other kinds'
    /// entries it names a file that is not theirs.
    var entryAttachment = UUID()

    /// The same shape, every id fresh: records that do not exist.
    var missing: RecordSet {
        RecordSet(cases: cases.mapValues { _ in UUID() }, org: UUID(), orgCode: "999999", users: users.map { _ in (UUID(), UUID()) },
                  entries: entries.mapValues { $0.mapValues { _ in UUID() } }, attachment: UUID(), instrument: UUID(), committee: UUID())
    }
}

/// What a probed path points at.
enum ProbeTarget: Equatable {
    case caseFile(String)
    case org
    case user(Int)
    case entry(BookFamily, String)
    case attachment
    case instrument
    case report
    case committee
}

/// A route with its parameters filled from a `RecordSet`.
struct RecordProbe {
    let route: RouteTemplate
    let path: String
    let target: ProbeTarget

    enum Fill {
        /// A parameter the matrix does not know how to fill: the route would escape it.
        case unknown(String)
        /// No parameter names an org's record (`{kind}` alone, a calendar year, an asset): the paths to sweep for leaks.
        case unowned([String])
        case records([RecordProbe])
    }

    /// Families by their URL segment.
    static let families = Dictionary(uniqueKeysWithValues: BookFamily.allCases.map { ($0.pathSegment, $0) })

    static func fill(_ route: RouteTemplate, _ set: RecordSet) -> Fill {
        let parameters = route.parameters
        guard !parameters.isEmpty else { return .unowned([route.path]) }
        // `{kind}` after /ledgers or /registers: every kind of that family. After a case's /instruments or /drafts: a
        // document with sections to write (`decision`; a line without one answers 422, after its case is found).
        var kinds: [(BookFamily, String)] = [(BookFamily.ledger, "")]
        if let index = route.segments.firstIndex(of: .parameter("kind")) {
            guard let segment = route.literal(before: index) else { return .unknown("{kind} in \(route)") }
            if let family = families[segment] {
                kinds = ModuleRegistry.standard.bookKinds(family).map { (family, $0.code) }
            } else if segment == "instruments" || segment == "drafts" {
                kinds = [(BookFamily.ledger, "decision")]
            } else {
                return .unknown("{kind} in \(route)")
            }
        }
        var probes: [RecordProbe] = []
        var unowned: [String] = []
        for (family, kind) in kinds {
            for variant in 0..<max(1, set.users.count) {
                var target: ProbeTarget?
                var unknown: String?
                var reportFiles: [String] = []
                let path = route.filled { name, index in
                    let before = route.literal(before: index) ?? ""
                    switch (before, name) {
                    case (_, "kind"): return kind
                    case ("cases", "id"):
                        let line = index >= 2 ? route.literal(before: index - 1) ?? "" : ""
                        guard let id = set.cases[line] else { unknown = "no \(line) case for \(route)"; return "" }
                        target = .caseFile(line)
                        return id.uuidString
                    case (let line, "id") where set.cases[line] != nil:
                        target = .caseFile(line)
                        return set.cases[line]!.uuidString
                    case ("orgs", "id"):
                        target = .org
                        return set.org.uuidString
                    case ("committees", "id"):
                        target = .committee
                        return set.committee.uuidString
                    case ("users", "id"):
                        target = .user(variant)
                        return set.users[variant].user.uuidString
                    case ("grants", "grantID"):
                        return set.users[variant].grant.uuidString
                    case ("entries", "id"), ("", "id") where route.parameters.contains("kind"):
                        target = .entry(family, kind)
                        return set.entries[family.pathSegment]?[kind]?.uuidString ?? ""
                    case ("attachments", "attachment"):
                        return set.entryAttachment.uuidString
                    case ("attachments", "id"):
                        target = .attachment
                        return set.attachment.uuidString
                    case ("instruments", "file"):
                        target = .instrument
                        reportFiles = [set.instrument.uuidString, set.instrument.uuidString + ".docx"]
                        return "{file}"
                    case ("export", "file") where route.path.hasPrefix("/report/"):
                        target = .report
                        reportFiles = ["report.docx?year=2024&org=\(set.orgCode)", "report.html?year=2024&org=\(set.orgCode)",
                                       "report.md?year=2024&org=\(set.orgCode)"]
                        return "{file}"
                    case ("items", "item") where set.cases["cleanup-item"] != nil:
                        return set.cases["cleanup-item"]!.uuidString
                    // A choice list kept as data (选项目录) and one of its options: shared by the bureaus, no org's record.
                    case ("lists", "list"): return ModuleRegistry.standard.choiceLists.first?.code ?? ""
                    case ("items", "id") where route.parameters.contains("list"), ("", "id") where route.parameters.contains("list"):
                        return UUID().uuidString
                    case ("years", "year"): return "2024"
                    // A scheduled job (后台任务): the deployment's, no org's record; only the system administrator runs one.
                    case ("jobs", "job"): return ModuleRegistry.standard.jobs.first?.key ?? ""
                    case ("assets", "file"): return "fazhi.css"
                    default:
                        unknown = "{\(name)} after /\(before) in \(route)"
                        return ""
                    }
                }
                if let unknown { return .unknown(unknown) }
                guard let target else {
                    unowned.append(path)
                    continue
                }
                if case .user = target {} else if variant > 0 { continue }
                if reportFiles.isEmpty {
                    probes.append(RecordProbe(route: route, path: path, target: target))
                } else {
                    let prefix = path.replacingOccurrences(of: "%7Bfile%7D", with: "").replacingOccurrences(of: "{file}", with: "")
                    probes += reportFiles.map { RecordProbe(route: route, path: prefix + $0, target: target) }
                }
            }
        }
        return probes.isEmpty ? .unowned(Array(Set(unowned)).sorted()) : .records(probes)
    }

    /// The org code in the query (report routes), for routes whose record is chosen by `?org=`.
    static func reportQueries(_ set: RecordSet) -> [RecordProbe] {
        [
            RecordProbe(route: RouteTemplate(method: .GET, path: "/report"), path: "/report?year=2024&org=\(set.orgCode)", target: .report),
            RecordProbe(route: RouteTemplate(method: .GET, path: "/api/v1/report/figures"),
                        path: "/api/v1/report/figures?year=2024&org=\(set.orgCode)", target: .report),
            RecordProbe(route: RouteTemplate(method: .POST, path: "/report"), path: "/report?year=2024&org=\(set.orgCode)", target: .report),
        ]
    }

    /// A body that would succeed if the route forgot its scope (so a hole shows as a success, not as a 422).
    func body(_ set: RecordSet) -> [String: AnyJSON]? {
        guard route.method != .GET, route.method != .DELETE else { return nil }
        let last = route.segments.last
        switch (target, last) {
        case (.caseFile(let line), .literal("events")):
            return line == "litigation"
                ? ["kind": .string("submitDefence"), "date": .string("2024-09-30"), "version": .int(1)]
                : ["kind": .string("sendCopy"), "date": .string("2024-03-06"), "version": .int(2)]
        case (.caseFile, .literal("assign")):
            return ["handlerID": .string(set.users[0].user.uuidString), "version": .int(1)]
        case (.caseFile, .literal("instruments")):
            return ["kind": .string("acceptanceNotice")]
        case (.caseFile("findings"), .literal("report")):
            return ["reportedOn": .string("2024-06-01"), "report": .string("已完成整改")]
        case (.caseFile("findings"), .literal("review")):
            return ["reviewedOn": .string("2024-06-02"), "accept": .bool(true), "comment": .string("")]
        case (.caseFile("duty-reports"), .literal("review")):
            return ["score": .int(90), "comments": .string("评议意见")]
        case (.org, _):
            return ["name": .string("改名"), "active": .bool(false)]
        case (.user, .literal("grants")):
            return ["role": .string("viewer"), "orgID": .string(set.org.uuidString)]
        case (.user, .literal("password")):
            return ["password": .string("Taken-over-2024")]
        case (.user, _) where route.method != .DELETE && !route.path.hasSuffix("/delete"):
            return ["displayName": .string("改名"), "active": .bool(false), "password": .string("Taken-over-2024")]
        case (.entry(let family, let code), _):
            guard let kind = ModuleRegistry.standard.bookKind(code), kind.family == family else { return nil }
            return ["values": .object(OtherBureau.values(kind).mapValues { .string($0) })]
        case (.report, _):
            return ["slot.preamble": .string("改写")]
        default:
            return nil
        }
    }

    var isUpload: Bool { route.method == .POST && route.segments.last == .literal("attachments") }

    /// Sends the probe as `client`: pages with the session cookie (and the CSRF header), the API with the bearer token.
    func send(_ client: TestClient, _ set: RecordSet) async throws -> (status: HTTPStatus, text: String) {
        var headers = route.isAPI ? client.bearer : client.cookie
        if !route.isAPI, route.method != .GET { headers.add(name: CSRFMiddleware.header, value: client.csrf) }
        let body = self.body(set)
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await client.app.testing().test(route.method, path, headers: headers, beforeRequest: { req in
            if isUpload {
                try req.content.encode(CaseAPI<ReconsiderationRules, ReconsiderationDetailBody>.AttachInput(
                    file: File(data: ByteBuffer(string: "证据"), filename: "a.txt"), category: "证据"), as: .formData)
            } else if let body {
                if route.isAPI {
                    try req.content.encode(JSONBody(body))
                } else {
                    var form: [String: String] = [:]
                    for (key, value) in body {
                        switch value {
                        case .string(let text): form[key] = text
                        case .int(let number): form[key] = String(number)
                        case .bool(let flag): form[key] = flag ? "true" : "false"
                        case .object(let values):
                            for (name, inner) in values { if case .string(let text) = inner { form[name] = text } }
                        case .array, .null: break
                        }
                    }
                    try req.content.encode(form, as: .urlEncodedForm)
                }
            }
        }, afterResponse: { res in result = (res.status, res.text) })
        return result
    }
}
