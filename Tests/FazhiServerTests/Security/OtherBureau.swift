import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// A second bureau beside the demo one (a second tenant), with a record of every kind the app serves, made
/// through the same write paths as production: the operator's commands for the bureau and its staff, the API
/// for everything else. None of the demo accounts covers it, so every one of its records is out of their scope.
///
/// Its code sorts before the demo bureau's, so a page that falls back to "the first bureau" shows it.
/// Every text it writes carries `marker`, so a response that leaks its data can be found by searching for it.
struct OtherBureau {
    static let marker = "XBLEAK"
    static let code = "110102"

    let bureau: Org
    let agency: Org
    let station: Org
    /// The bureau's leader, who made the records: a positive control (their reads must succeed).
    let leader: TestClient
    let leaderUser: User
    let leaderGrantID: UUID
    /// A user whose home org is the demo bureau but whose only role is held here (a transferred colleague): the demo
    /// bureau's admin still sees the account (its home org is theirs) but neither the role held here nor a way to change it.
    let transferredUser: User
    let transferredGrantID: UUID
    /// Case ids by the line's URL segment (`reconsideration`, `litigation`).
    let cases: [String: UUID]
    let attachmentID: UUID
    let instrumentID: UUID
    let committeeID: UUID
    /// Entry ids by family segment and kind code.
    let entries: [String: [String: UUID]]
    /// A photo kept with one of those entries.
    let entryAttachmentID: UUID

    static func make(_ app: Application) async throws -> OtherBureau {
        let actor = AuditActor.command("test")
        let directory = OrgDirectory(db: app.db, actor: actor)
        func org(_ code: String, _ name: String, _ kind: OrgKind, _ parent: Org?) async throws -> Org {
            try await directory.create(.init(code: code, name: marker + name, kind: kind.rawValue, parentID: parent?.id?.uuidString), scope: nil)
        }
        let bureau = try await org(code, "西城区司法局", .bureau, nil)
        let agency = try await org(code + "-AG-SJ", "西城区市场监督管理局", .agency, bureau)
        let station = try await org(code + "-JS01", "西城某街道司法所", .judicialStation, bureau)
        // Its public-legal-service station, probed as /stations/{id}.
        _ = try await org(code + "-FW01", "西城某街道公共法律服务工作站", .serviceStation, station)

        let accounts = UserAccounts(db: app.db, actor: actor, hasher: app.password)
        let password = "Other-bureau-2024"
        let leaderUser = try await accounts.create(.init(username: "xb.leader", displayName: marker + "西城局长", password: password,
                                                         orgID: bureau.id!.uuidString, role: Role.leader.rawValue), scope: nil)
        let demoBureau = try await app.org(code: "120102")
        let transferred = try await accounts.create(.init(username: "xb.transferred", displayName: "调任干部", password: password,
                                                          orgID: demoBureau.id!.uuidString, role: Role.officer.rawValue,
                                                          line: WorkLine.reconsideration.rawValue), scope: nil)
        let transferredGrant = try await accounts.grant(.init(role: Role.leader.rawValue, orgID: bureau.id!.uuidString), to: transferred, scope: nil)
        // The grant in the demo bureau was only the account's first role: the colleague now works in the other bureau.
        try await RoleGrant.query(on: app.db).filter(\.$user.$id == transferred.id!).filter(\.$id != transferredGrant.id!).delete()
        let leaderGrant = try #require(try await RoleGrant.query(on: app.db).filter(\.$user.$id == leaderUser.id!).first())

        let leader = try await TestClient.api(app, "xb.leader", password: password)
        let records = try await RecordSet.make(app, by: leader, bureau: bureau, agency: agency, marker: marker, year: 2024)
        try await leader.postForm("/report?year=2024&org=\(code)", ["slot.preamble": marker + "报告正文"]) { res in
            #expect(res.status == .seeOther, "\(res.text)")
        }
        #expect(try await ReportDraftRecord.query(on: app.db).filter(\.$orgID == bureau.id!).count() == 1)

        return OtherBureau(bureau: bureau, agency: agency, station: station, leader: leader, leaderUser: leaderUser,
                           leaderGrantID: leaderGrant.id!, transferredUser: transferred, transferredGrantID: transferredGrant.id!,
                           cases: records.cases, attachmentID: records.attachment, instrumentID: records.instrument,
                           committeeID: records.committee,
                           entries: records.entries, entryAttachmentID: records.entryAttachment)
    }

    /// Valid values for an entry of `kind`: each column's example, text marked.
    static func values(_ kind: any BookKind, marker: String = OtherBureau.marker) -> [String: String] {
        var values: [String: String] = [:]
        for column in kind.columns where !column.example.isEmpty {
            values[column.name] = column.type == .text ? marker + column.example : column.example
        }
        return values
    }

    /// The ids of everything here, for checking that a response names none of them.
    var ids: [String] {
        ([bureau.id!, agency.id!, station.id!, leaderUser.id!, attachmentID, instrumentID, committeeID, entryAttachmentID]
            + Array(cases.values) + entries.values.flatMap(\.values)).map { $0.uuidString.lowercased() }
    }

    /// Whether `text` shows any of this bureau's data: its marker or one of its ids, in any letter case.
    /// The needles are ASCII, so the text's bytes are lowered as ASCII and searched with C's `strstr`: the IDOR matrix
    /// asks this of some 17,000 answers, and Foundation's `contains` spent a sixth of its time here.
    func leaks(_ text: String) -> Bool {
        // A NUL inside a binary answer (a spreadsheet, a document) would end the C string early: it becomes a space.
        var haystack = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : ($0 == 0 ? 0x20 : $0) }
        haystack.append(0)
        return haystack.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { text in
                ([Self.marker] + ids).contains { needle in strstr(text.baseAddress!, needle.lowercased()) != nil }
            }
        }
    }
}

extension RecordSet {
    /// One record of every kind the app serves, made by `client` through the API at `bureau` (its agency the
    /// respondent and defendant), every text starting with `marker`: a case of each line with an instrument and an
    /// attachment, an entry of every ledger and register kind, a pre-case matter. `users` is left empty.
    static func make(_ app: Application, by client: TestClient, bureau: Org, agency: Org, marker: String, year: Int) async throws -> RecordSet {
        var cases: [String: UUID] = [:]
        var body = try await registration(app, receivedOn: "\(year)-03-01", knewOn: "\(year)-02-20")
        body["respondentID"] = .string(agency.id!.uuidString)
        body["act"] = .string(marker + "西市监罚〔\(year)〕9号行政处罚决定")
        body["request"] = .string(marker + "撤销该决定")
        body["applicants"] = .array([.object(["kind": .string("person"), "name": .string(marker + "申请人"),
                                              "idNumber": .string("120102198503150011"), "address": .string(marker + "西城某小区")])])
        let reconsideration = try await client.register(body)
        cases["reconsideration"] = reconsideration.id
        _ = try await client.event(reconsideration.id, ["kind": .string("accept"), "date": .string("\(year)-03-05"),
                                                        "procedure": .string("ordinary"), "version": .int(1)])
        try await client.send(.POST, "/api/v1/litigation/cases", json: JSONBody([
            "servedOn": .string("\(year)-09-20"), "court": .string(marker + "西城区人民法院"), "courtCaseNumber": .string("（\(year)）京0102行初1号"),
            "claims": .string(marker + "撤销被诉行政行为"), "defendantID": .string(agency.id!.uuidString),
            "plaintiffs": .array([.object(["kind": .string("person"), "name": .string(marker + "原告")])]),
        ])) { res in
            #expect(res.status == .created, "\(res.text)")
            cases["litigation"] = try res.content.decode(CaseBody<LitigationModule.Detail>.self).id
        }

        var instrumentID: UUID?
        try await client.send(.POST, "/api/v1/reconsideration/cases/\(reconsideration.id)/instruments",
                              json: ["kind": "acceptanceNotice"]) { res in
            #expect(res.status == .created, "\(res.text)")
            instrumentID = try res.content.decode(InstrumentBody.self).id
        }
        var attachmentID: UUID?
        try await app.testing().test(.POST, "/api/v1/reconsideration/cases/\(reconsideration.id)/attachments", headers: client.bearer,
                                     beforeRequest: { req in
            try req.content.encode(CaseAPI<ReconsiderationRules, ReconsiderationDetailBody>.AttachInput(
                file: File(data: ByteBuffer(string: marker + "证据"), filename: marker + ".txt"), category: "证据"), as: .formData)
        }, afterResponse: { res in
            #expect(res.status == .created, "\(res.text)")
            attachmentID = try res.content.decode(AttachmentBody.self).id
        })

        var entries: [String: [String: UUID]] = [:]
        for family in BookFamily.allCases {
            for kind in ModuleRegistry.standard.bookKinds(family) {
                try await client.send(.POST, "/api/v1/\(family.pathSegment)/\(kind.code)/entries",
                                      json: BookAPI.EntryInput(orgID: bureau.id, values: OtherBureau.values(kind, marker: marker))) { res in
                    #expect(res.status == .created, "\(kind.code): \(res.text)")
                    entries[family.pathSegment, default: [:]][kind.code] = try res.content.decode(BookEntries.Listed.self).id
                }
            }
        }
        // A photo kept with the entry of the first kind that takes files.
        var entryAttachment = UUID()
        if let kind = ModuleRegistry.standard.bookKinds.first(where: \.acceptsAttachments),
           let entry = entries[kind.family.pathSegment]?[kind.code] {
            entryAttachment = try await client.attachPhoto(to: kind, entry: entry, filename: marker + ".png")
        }
        try await client.send(.POST, "/api/v1/reconsideration/precase", json: [
            "receivedOn": "\(year)-04-01", "resolvedOn": "\(year)-04-03", "applicantName": marker + "案前", "act": marker + "罚款",
            "resolution": marker + "撤回",
        ]) { res in #expect(res.status == .created, "\(res.text)") }
        // A committee under the bureau, with its profile, a mediator and a dispute.
        let committee = try await OrgDirectory(db: app.db, actor: .command("test"))
            .create(.init(code: bureau.code + "-TW99", name: marker + "调委会", kind: OrgKind.mediationCommittee.rawValue,
                          parentID: bureau.id!.uuidString), scope: nil)
        try await client.send(.PUT, "/api/v1/mediation/committees/\(committee.id!)/profile",
                              json: MediationCommittees.ProfileInput(kind: "community", foundedOn: "\(year)-01-02", disputeTypes: [],
                                                                     rooms: [marker + "调解室"])) { res in
            #expect(res.status == .ok, "\(res.text)")
        }
        _ = try await client.mediator(committee.id!, name: marker + "调解员")
        try await client.send(.POST, "/api/v1/mediation/cases", json: JSONBody([
            "orgID": .string(committee.id!.uuidString), "receivedOn": .string("\(year)-03-04"), "disputeType": .string("neighbour"),
            "summary": .string(marker + "邻里纠纷"), "applicants": .array([.object(["name": .string(marker + "当事人")])]),
        ])) { res in
            #expect(res.status == .created, "\(res.text)")
            cases["mediation"] = try res.content.decode(CaseBody<MediationModule.Detail>.self).id
        }
        // A notary office under the bureau, with a matter.
        let office = try await OrgDirectory(db: app.db, actor: .command("test"))
            .create(.init(code: bureau.code + "-GZ99", name: marker + "公证处", kind: OrgKind.notaryOffice.rawValue,
                          parentID: bureau.id!.uuidString), scope: nil)
        try await client.send(.POST, "/api/v1/notary/cases", json: JSONBody([
            "orgID": .string(office.id!.uuidString), "receivedOn": .string("\(year)-03-04"), "matterType": .string("will"),
            "purpose": .string(marker + "用途"), "summary": .string(marker + "遗嘱公证"),
            "applicants": .array([.object(["name": .string(marker + "申请人")])]),
        ])) { res in
            #expect(res.status == .created, "\(res.text)")
            cases["notary"] = try res.content.decode(CaseBody<NotaryModule.Detail>.self).id
        }
        // A legal-aid centre under the bureau with an application.
        let centre = try await OrgDirectory(db: app.db, actor: .command("test"))
            .create(.init(code: bureau.code + "-FY99", name: marker + "法律援助中心", kind: OrgKind.legalAidCentre.rawValue,
                          parentID: bureau.id!.uuidString), scope: nil)
        try await client.send(.POST, "/api/v1/legal-aid/cases", json: JSONBody([
            "orgID": .string(centre.id!.uuidString), "receivedOn": .string("\(year)-03-04"), "matter": .string("civil"), "caseType": .string("wages"),
            "householdMembers": .int(2), "monthlyIncome": .int(3_000), "summary": .string(marker + "追索劳动报酬"),
            "applicants": .array([.object(["name": .string(marker + "受援人")])]),
        ])) { res in
            #expect(res.status == .created, "\(res.text)")
            cases["legal-aid"] = try res.content.decode(CaseBody<LegalAidModule.Detail>.self).id
        }
        // A major decision, a legality review, a document of the register and a clean-up campaign of the bureau's agency.
        cases.merge(try await client.lawfulAdministrationRecords(agency: agency.id!, text: marker + "规范性文件", serial: 1, year: year)) { $1 }
        // An inspection of the agency with a finding (its rectification notice); probed as /inspections/{id}, /findings/{id}.
        try await client.send(.POST, "/api/v1/enforcement/inspections", json: EnforcementWork.InspectionInput(
            kind: "special", heldOn: "\(year)-05-06", topic: marker + "专项监督", planLineID: nil, agencyIDs: [agency.id!], filesReviewed: 3,
            participants: marker + "监督人员", supervisorIDs: [], findings: [.init(agencyID: agency.id, category: "procedure",
                                                                                 description: marker + "未告知陈述申辩权利", dueOn: nil)])) { res in
            #expect(res.status == .created, "\(res.text)")
            let created = try res.content.decode(EnforcementAPI.Created.self)
            cases["inspections"] = created.id
            cases["findings"] = created.findings.first?.id
        }
        // A 谁执法谁普法 duty report of the agency, probed as /duty-reports/{id} like a case.
        try await app.testing().test(.POST, "/api/v1/publicity/duty-reports", headers: client.bearer, beforeRequest: { req in
            try req.content.encode(["orgID": agency.id!.uuidString, "year": String(year), "title": marker + "履职报告", "text": marker + "正文"],
                                   as: .formData)
        }, afterResponse: { res in
            #expect(res.status == .created, "\(res.text)")
            cases["duty-reports"] = try res.content.decode(DutyReports.Detail.self).report.id
        })
        // A service station of the bureau (its checklist and visits), probed as /stations/{id} like a case.
        if let serviceStation = try await Org.query(on: app.db).filter(\.$kind == .serviceStation).filter(\.$path =~ bureau.path)
            .sort(\.$code).first() {
            cases["stations"] = serviceStation.id
        }
        return RecordSet(cases: cases, org: bureau.id!, orgCode: bureau.code, users: [], entries: entries,
                         attachment: try #require(attachmentID), instrument: try #require(instrumentID), committee: committee.id!,
                         entryAttachment: entryAttachment)
    }
}
