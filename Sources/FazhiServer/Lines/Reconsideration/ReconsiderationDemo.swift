import Fluent
import FazhiCore
import Vapor

/// Reconsideration's slice of the demo bureau: applications over the last two years with every outcome, suspensions,
/// extensions, late decisions and cases carried over, open cases with deadlines due today; pre-case traffic matters.
/// Registered by the reception centre's head and recorded through the real registration and workflow.
extension DemoCases {
    func loadReconsideration(officer: User, head: User, random: inout DemoRandom) async throws -> [String] {
        let agencies = try await Org.query(on: db).filter(\.$kind == .agency).all()
        // The centre's head registers them and names the handler (an officer may not assign himself).
        let scope = try await Scope.load(userID: head.id!, on: db)
        var cases = 0
        for year in [today.year - 1, today.year] {
            let start = CivilDate(year: year, month: 1, day: 2)!
            let end = year == today.year ? today : CivilDate(year: year, month: 12, day: 31)!
            let span = start.days(to: end)
            let count = year == today.year ? perYear * span / 365 : perYear
            for _ in 0..<count {
                var received = start.adding(days: random.int(0...span))
                while !calendar.isWorkingDay(received) { received = received.adding(days: 1) }
                guard received <= today else { continue }
                try await reconsideration(received: received, agencies: agencies, scope: scope, officer: officer, random: &random)
                cases += 1
            }
        }
        let matters = try await precase(officer: officer, random: &random)
        return ["行政复议 \(cases) 件", "案前处理 \(matters) 件"]
    }

    private func reconsideration(received: CivilDate, agencies: [Org], scope: Scope, officer: User, random: inout DemoRandom) async throws {
        let isOrganisation = random.chance(0.2)
        var applicant = isOrganisation
            ? PartyInput(role: "applicant", kind: "organisation", name: random.pick(DemoPeople.companies), creditCode: DemoPeople.creditCode(&random),
                         phone: DemoPeople.phone(&random), address: DemoPeople.address(&random))
            : PartyInput(role: "applicant", kind: "person", name: DemoPeople.personName(&random), idNumber: DemoPeople.idNumber(&random),
                         phone: DemoPeople.phone(&random), address: DemoPeople.address(&random))
        if isOrganisation { applicant.legalRepresentative = DemoPeople.legalRepresentative(of: applicant.name ?? "") }
        let agency = random.pick(agencies)
        let traffic = agency.code.hasSuffix("AG-JT")
        let act = random.pick(DemoPeople.acts)
        guard case .receive(_, let knewOn, _, _, _, _, let channel, _) = ReconsiderationDemoStory.receive(on: received, random: &random) else { return }
        let input = RegistrationInput([
            "receivedOn": .text(received.description), "channel": .text(channel.rawValue), "applicants": .parties([applicant]),
            "respondentID": .text(agency.id!.uuidString), "act": .text("\(agency.name)\(act)"), "knewOn": .text(knewOn.description),
            "informedOfRight": .flag(true), "realProperty": .flag(false), "request": .text("撤销该\(act)"), "traffic": .flag(traffic),
            "handlerID": .text(officer.id!.uuidString),
        ])
        let context = RegistrationContext(db: db, scope: scope, actor: .command("demo"), calendar: calendar, protection: protection)
        var record = try await ReconsiderationModule.registration.register(input, in: context, today: today)
        let workflow = CaseWorkflow<ReconsiderationRules>(db: db, calendar: calendar, actor: .user(officer))
        let opened = try await CaseWorkflow<ReconsiderationRules>.dossier(of: record, on: db, calendar: calendar)
        for event in ReconsiderationDemoStory.events(opening: opened, today: today, calendar: calendar, random: &random) {
            record = try await workflow.record(event, on: record, expectedVersion: record.version)
        }
        try await issueDocuments(record, officer: officer)
    }

    /// The events each document is issued on: a case carries every document its steps called for, dated the day of the
    /// step that called for it (the last such step).
    private static let issuingEvents: [String: Set<String>] = [
        "acceptanceNotice": ["accept", "deemAccept"], "supplementNotice": ["requestSupplement"], "rejectionDecision": ["reject"],
        "replyNotice": ["sendCopy"], "suspensionNotice": ["suspend"], "resumptionNotice": ["resume"], "extensionNotice": ["extend"],
        "hearingNotice": ["scheduleHearing"], "decision": ["decide"], "mediationStatement": ["mediate"],
        "terminationDecision": ["terminate", "withdraw", "settleAndWithdraw"], "opinionLetter": ["issueOpinionLetter"],
        "recommendationLetter": ["issueRecommendationLetter"],
    ]

    /// A case carries the documents its steps called for — notices, its decision, mediation statement, termination or
    /// rejection decision, letters — their sections written and issued as the officer would, each dated the day of its
    /// step, and served: the agency by hand the next working day, the parties by post a few days later (none after
    /// today). Serving the reply notice records the copy's delivery where it was not known yet. No random draw (the
    /// caseload stays the same): the days come from the case number.
    private func issueDocuments(_ record: CaseRecord, officer: User) async throws {
        let events = try await CaseWorkflow<ReconsiderationRules>.events(of: record, on: db)
        let dossier = try ReconsiderationRules.replay(events, calendar: calendar)
        let detail = try await ReconsiderationModule.api.detail(db, record, dossier)
        let act = ReconsiderationInstruments.actTitle(detail.act, agency: try await record.$agency.get(on: db)?.name ?? "")
        let issuer = InstrumentIssuer<ReconsiderationRules>(db: db, protection: protection, actor: .user(officer),
                                                            declaredOrgan: ReconsiderationModule.instrumentOrgans[.reconsideration] ?? .bureau)
        let recorder = ServiceRecorder<ReconsiderationRules>(db: db, calendar: calendar, actor: .user(officer))
        let recipients = try await ServiceRecorder<ReconsiderationRules>.recipients(of: record, on: db)
        let seed = DemoPeople.seed(record.caseNumber)
        for template in ReconsiderationInstruments.all where template.isAvailable(dossier) {
            guard let dated = events.last(where: { Self.issuingEvents[template.kind]?.contains($0.kind) == true })?.date else { continue }
            let sections = template.kind == "decision" ? dossier.outcome.map { ReconsiderationDemoStory.decisionSections(outcome: $0, act: act) }
                : template.kind == "mediationStatement" ? ReconsiderationDemoStory.mediationSections(act: act) : nil
            if let sections {
                _ = try await InstrumentDraft.save(sections, declared: template.sections, kind: template.kind, for: record,
                                                   actor: .user(officer), on: db)
            }
            let instrument = try await issuer.issue(template, for: record, dossier: dossier,
                                                    fields: ReconsiderationModule.api.instrumentFields(detail), today: dated)
            var byHand = dated.adding(days: 1)
            while !calendar.isWorkingDay(byHand) { byHand = byHand.adding(days: 1) }
            for recipient in recipients where template.servedOn.contains(recipient.role) {
                let service = recipient.role == "agency"
                    ? DocumentService(recipientRole: recipient.role, recipientName: recipient.name, method: .byHand, servedOn: byHand)
                    : DocumentService(recipientRole: recipient.role, recipientName: recipient.name, method: .byPost, sentOn: dated,
                                      servedOn: dated.adding(days: 2 + seed % 4),
                                      trackingNumber: "11" + String(format: "%011d", (seed &+ dated.days(to: today)) % 100_000_000_000))
                guard service.servedOn <= today else { continue }
                _ = try await recorder.record(service, of: instrument, on: record, today: today)
            }
        }
    }

    private func precase(officer: User, random: inout DemoRandom) async throws -> Int {
        guard let org = try await Scope.load(userID: officer.id!, on: db).homeOrg(for: .reconsideration) else { return 0 }
        var count = 0
        for _ in 1...30 {
            let received = CivilDate(year: today.year - random.int(0...1), month: random.int(1...10), day: random.int(1...28))!
            guard received <= today else { continue }
            _ = try await PrecaseMatter.record(.init(receivedOn: received.description, resolvedOn: received.adding(days: random.int(1...7)).description,
                                                     applicantName: DemoPeople.personName(&random), act: "道路交通安全违法行为行政处罚",
                                                     resolution: random.pick(["交警支队撤销原处罚决定", "当事人接受解释说明，不再申请复议", "交警支队变更处罚"])),
                                               org: org, actor: .command("demo"), on: db)
            count += 1
        }
        return count
    }
}
