import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// A corpus of markup-injection payloads sent through the text fields of the registration, ledger, register,
/// user, org, report and event bodies, then every page of the app read back (the page routes filled with the
/// records made): no payload may come back as markup.
@Suite("Access control: the XSS corpus")
struct XSSCorpusTests {
    static let corpus = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'onmouseover='alert(1)'",
        "javascript:alert(1)",
        "</textarea><svg onload=alert(1)>",
        "{{7*7}}${7*7}<%= 7*7 %>",
        "\u{202E}<iframe src=//x>\u{202C}",
        "＜script＞<b>粗</b>&amp;&#60;",
    ]

    /// What must never appear in a page: the payloads' markup, unescaped.
    static let forbidden = ["<script>alert", "<img src=x", "<svg onload", "<iframe src", "'onmouseover='",
                            "href=\"javascript:", "src=\"javascript:", "<b>粗</b>", "&#60;", "</textarea><svg"]

    @Test("Payloads in every text field come back escaped on every page", arguments: TestDatabase.all)
    func corpus(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let leader = try await TestClient.api(app, "leader")
            let admin = try await TestClient.api(app, "admin")
            let station = try await app.org(code: "120102-JS06")
            var stored = 0
            var reconsiderationID: UUID?
            var lawsuits: [UUID] = []
            var entries: [String: [String: UUID]] = [:]
            var userID: UUID?
            var committeeID: UUID?
            var disputeID: UUID?
            var matterID: UUID?
            let notaryOffice = try await app.org(code: NotaryDemo.officeCode)
            var aidID: UUID?
            var lawful: [String: UUID] = [:]
            let centre = try await app.org(code: LegalAidDemo.centreCode)
            let market = try await app.org(code: "120102-AG-SJ")
            var inspection: EnforcementAPI.Created?
            for (index, payload) in Self.corpus.enumerated() {
                // An inspection with a finding, every text the payload, and the agency's report of its rectification.
                try await leader.send(.POST, "/api/v1/enforcement/inspections", json: EnforcementWork.InspectionInput(
                    kind: "special", heldOn: "2024-05-06", topic: payload, planLineID: nil, agencyIDs: [market.id!], filesReviewed: 1, participants: payload,
                    supervisorIDs: [], findings: [.init(agencyID: market.id, category: "procedure", description: payload + "问题描述", dueOn: nil)])) { res in
                    if res.status == .created { stored += 1; inspection = try res.content.decode(EnforcementAPI.Created.self) }
                }
                if let finding = inspection?.findings.first, index == 0 {
                    try await leader.send(.POST, "/api/v1/enforcement/findings/\(finding.id)/report",
                                          json: EnforcementWork.ReportInput(reportedOn: "2024-05-20", report: Self.corpus.joined())) { res in
                        if res.status == .ok { stored += 1 }
                    }
                }
                // A notarial matter, every text the payload.
                try await leader.send(.POST, "/api/v1/notary/cases", json: JSONBody([
                    "orgID": .string(notaryOffice.id!.uuidString), "receivedOn": .string("2024-03-04"), "matterType": .string("will"),
                    "purpose": .string(String(payload.prefix(200))), "summary": .string(payload),
                    "applicants": .array([.object(["name": .string(payload)])]),
                ])) { res in
                    if res.status == .created { stored += 1; matterID = try res.content.decode(CaseBody<NotaryModule.Detail>.self).id }
                }
                var body = try await registration(app, idNumber: "120102198503150011")
                body["act"] = .string(payload)
                body["request"] = .string(payload)
                body["applicants"] = .array([.object(["kind": .string("person"), "name": .string(payload), "idNumber": .string("120102198503150011"),
                                                      "address": .string(payload)])])
                try await leader.send(.POST, "/api/v1/reconsideration/cases", json: JSONBody(body)) { res in
                    if res.status == .created { stored += 1; reconsiderationID = try res.content.decode(ReconsiderationCase.self).id }
                }
                let agency = try await app.org(code: "120102-AG-SJ")
                var lawsuit: UUID?
                try await leader.send(.POST, "/api/v1/litigation/cases", json: JSONBody([
                    "servedOn": .string("2024-09-20"), "court": .string(payload), "courtCaseNumber": .string("（2024）津0102行初\(index + 200)号" + payload),
                    "claims": .string(payload), "defendantID": .string(agency.id!.uuidString),
                    "plaintiffs": .array([.object(["kind": .string("person"), "name": .string(payload)])]),
                ])) { res in
                    if res.status == .created { stored += 1; lawsuit = try res.content.decode(CaseBody<LitigationModule.Detail>.self).id }
                }
                if let litigationID = lawsuit {
                    lawsuits.append(litigationID)
                    try await leader.litigationEvent(litigationID, ["kind": .string("submitDefence"), "date": .string("2024-09-30"), "version": .int(1)])
                    try await leader.litigationEvent(litigationID, ["kind": .string("holdHearing"), "date": .string("2024-11-12"),
                                                                    "headAppeared": .bool(true), "appearerName": .string(payload),
                                                                    "appearerTitle": .string(payload), "version": .int(2)])
                }
                for family in BookFamily.allCases {
                    for kind in ModuleRegistry.standard.bookKinds(family) {
                        var values = OtherBureau.values(kind).mapValues { $0.replacingOccurrences(of: OtherBureau.marker, with: "") }
                        for column in kind.columns where column.type == .text { values[column.name] = payload + "\(index)" }
                        try await leader.send(.POST, "/api/v1/\(family.pathSegment)/\(kind.code)/entries",
                                              json: BookAPI.EntryInput(orgID: station.id, values: values)) { res in
                            #expect(res.status == .created, "\(kind.code): \(res.text)")
                            if res.status == .created {
                                stored += 1
                                entries[family.pathSegment, default: [:]][kind.code] = try res.content.decode(BookEntries.Listed.self).id
                            }
                        }
                    }
                }
                try await admin.send(.POST, "/api/v1/users", json: ["username": "xss\(index)", "displayName": String(payload.prefix(50)),
                                                                     "password": "Strong-pass-2024", "orgID": station.id!.uuidString,
                                                                     "role": "stationStaff"]) { res in
                    if res.status == .created { stored += 1; userID = try res.content.decode(UserController.UserBody.self).id }
                }
                try await admin.send(.POST, "/api/v1/orgs", json: ["code": "120102-TWX\(index)", "name": payload, "kind": "mediationCommittee",
                                                                    "parentID": station.id!.uuidString]) { res in
                    if res.status == .created { stored += 1; committeeID = try res.content.decode(OrgController.OrgBody.self).id }
                }
                if let committee = committeeID {
                    // The committee's register and a dispute there, every text the payload.
                    try await leader.send(.PUT, "/api/v1/mediation/committees/\(committee)/profile",
                                          json: MediationCommittees.ProfileInput(kind: "community", foundedOn: "2024-01-02", disputeTypes: [],
                                                                                 rooms: [String(payload.prefix(50))])) { res in
                        if res.status == .ok { stored += 1 }
                    }
                    try await leader.send(.POST, "/api/v1/mediation/committees/\(committee)/mediators",
                                          json: ["name": String(payload.prefix(50)), "activeFrom": "2020-01-01"]) { res in
                        if res.status == .created { stored += 1 }
                    }
                    try await leader.send(.POST, "/api/v1/mediation/cases", json: JSONBody([
                        "orgID": .string(committee.uuidString), "receivedOn": .string("2024-03-04"), "disputeType": .string("neighbour"),
                        "summary": .string(payload), "applicants": .array([.object(["name": .string(payload)])]),
                    ])) { res in
                        if res.status == .created { stored += 1; disputeID = try res.content.decode(CaseBody<MediationModule.Detail>.self).id }
                    }
                }
                // A legal-aid application and a lawyer of the centre's register, every text the payload.
                try await leader.send(.POST, "/api/v1/legal-aid/cases", json: JSONBody([
                    "orgID": .string(centre.id!.uuidString), "receivedOn": .string("2024-03-04"), "matter": .string("civil"),
                    "caseType": .string("wages"), "householdMembers": .int(2), "monthlyIncome": .int(2_000), "summary": .string(payload),
                    "applicants": .array([.object(["name": .string(payload)])]), "opponents": .array([.object(["name": .string(payload)])]),
                ])) { res in
                    if res.status == .created { stored += 1; aidID = try res.content.decode(CaseBody<LegalAidModule.Detail>.self).id }
                }
                try await leader.send(.POST, "/api/v1/legal-aid/lawyers", json: LegalAidLawyerPages.LawyerPost(
                    centreID: centre.id!, lawyer: .init(name: String(payload.prefix(50)), firm: String(payload.prefix(100)), staff: false,
                                                        licenceNumber: "1120120181000\(String(format: "%04d", index))", licenceValidTo: "2030-12-31",
                                                        practiceAreas: ["civil"]))) { res in
                    if res.status == .created { stored += 1 }
                }
                lawful = try await leader.lawfulAdministrationRecords(agency: agency.id!, text: payload, serial: index + 1, year: 2024)
                stored += lawful.count
                try await leader.send(.POST, "/api/v1/reconsideration/precase", json: [
                    "receivedOn": "2024-04-01", "resolvedOn": "2024-04-03", "applicantName": payload, "act": payload, "resolution": payload,
                ]) { res in if res.status == .created { stored += 1 } }
            }
            try await leader.postForm("/report?year=2024", ["slot.preamble": Self.corpus.joined(separator: "\n")]) { res in
                #expect(res.status == .seeOther)
            }
            let reconsideration = try #require(reconsiderationID)
            var instrumentID = UUID()
            _ = try await leader.event(reconsideration, ["kind": .string("accept"), "date": .string("2024-03-05"),
                                                         "procedure": .string("ordinary"), "version": .int(1)])
            try await leader.send(.POST, "/api/v1/reconsideration/cases/\(reconsideration)/instruments", json: ["kind": "acceptanceNotice"]) { res in
                instrumentID = try res.content.decode(InstrumentBody.self).id
            }
            #expect(stored > 100)
            // A duty report of the agency, every text the payloads, reviewed with them as comments.
            var dutyReport: UUID?
            try await app.testing().test(.POST, "/api/v1/publicity/duty-reports", headers: leader.bearer, beforeRequest: { req in
                try req.content.encode(["orgID": market.id!.uuidString, "year": "2024", "title": String(Self.corpus.joined().prefix(200)),
                                        "text": Self.corpus.joined(separator: "\n")], as: .formData)
            }, afterResponse: { res in
                #expect(res.status == .created, "\(res.text)")
                dutyReport = try res.content.decode(DutyReports.Detail.self).report.id
            })
            try await leader.send(.POST, "/api/v1/publicity/duty-reports/\(try #require(dutyReport))/review",
                                  json: DutyReports.ReviewInput(score: 90, comments: Self.corpus.joined())) { res in
                #expect(res.status == .ok, "\(res.text)")
            }
            // A photo whose name is a payload, kept with the entry of the first kind that takes files (shown on its page).
            var entryAttachment = UUID()
            if let kind = ModuleRegistry.standard.bookKinds.first(where: \.acceptsAttachments),
               let entry = entries[kind.family.pathSegment]?[kind.code] {
                entryAttachment = try await leader.attachPhoto(to: kind, entry: entry, filename: Self.corpus[0] + ".png")
            }

            // Every page, its parameters filled with the records made above.
            let user = try #require(userID)
            let grant = try #require(try await RoleGrant.query(on: app.db).filter(\.$user.$id == user).first())
            let records = RecordSet(cases: ["reconsideration": reconsideration, "litigation": try #require(lawsuits.last),
                                            "mediation": try #require(disputeID), "legal-aid": try #require(aidID),
                                            "notary": try #require(matterID), "inspections": try #require(inspection?.id),
                                            "findings": try #require(inspection?.findings.first?.id),
                                            "stations": try await app.org(code: "120102-FW06").id!,
                                            "duty-reports": try #require(dutyReport)].merging(lawful) { $1 }, org: station.id!,
                                    orgCode: "120102", users: [(user, grant.id!)], entries: entries, attachment: UUID(), instrument: instrumentID,
                                    committee: try #require(committeeID), entryAttachment: entryAttachment)
            var pages = 0, escapedSeen = 0
            // The portal's pages show a resident's own input; `PortalTests` checks them with its own sessions.
            for route in RouteCatalogue.pages(app) where route.method == .GET && !route.path.hasPrefix("/portal") {
                var paths: [String] = []
                switch RecordProbe.fill(route, records) {
                case .unknown(let reason): Issue.record("unknown parameter: \(reason)")
                case .unowned(let list): paths = list
                case .records(let probes): paths = probes.map(\.path)
                }
                for path in paths where !path.hasPrefix("/assets") {
                    for client in [leader, admin] {
                        try await client.getPage(path) { res in
                            guard res.headers.contentType?.subType == "html" else { return }
                            pages += 1
                            #expect(res.status.code < 500, "\(path): \(res.status.code)")
                            for raw in Self.forbidden where res.text.contains(raw) {
                                Issue.record("\(path) shows \(raw) unescaped")
                            }
                            if res.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") { escapedSeen += 1 }
                        }
                    }
                }
            }
            // The payloads did reach the pages (escaped): the sweep is not vacuous.
            #expect(escapedSeen > 10)
            print("XSS corpus (\(database.testDescription)): \(Self.corpus.count) payloads, \(stored) records stored, \(pages) pages read, \(escapedSeen) showing the escaped payload")
        }
    }
}
