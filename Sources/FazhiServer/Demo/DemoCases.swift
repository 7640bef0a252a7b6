import Fluent
import FazhiCore
import Vapor

/// A realistic caseload for the demo bureau, recorded through the same registration and workflow as real work
/// (so every event passes the rules): reconsideration applications over the last two years with every outcome,
/// suspensions, extensions, late decisions and cases carried over, open cases with deadlines due today;
/// lawsuits with hearings; pre-case traffic matters. Deterministic (seeded), and loaded only into an empty line.
struct DemoCases {
    let db: Database
    let calendar: WorkingCalendar
    let protection: DataProtection
    let today: CivilDate
    /// Applications per year; about 670 a year in the reference report, fewer here to keep the first start quick.
    var perYear = 180

    func load() async throws -> String {
        guard try await CaseRecord.query(on: db).filter(\.$line == .reconsideration).count() == 0 else {
            return "演示案件已存在"
        }
        guard let officer = try await User.query(on: db).filter(\.$username == "fuyi").first(),
              let litigationOfficer = try await User.query(on: db).filter(\.$username == "yingsu").first() else {
            return "缺少演示账户，未生成案件"
        }
        let agencies = try await Org.query(on: db).filter(\.$kind == .agency).all()
        var random = DemoRandom(seed: 20_241_231)
        // The centre's head registers them and names the handler (an officer may not assign himself).
        let head = try await User.query(on: db).filter(\.$username == "fuyizhuren").first() ?? officer
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
        let lawsuits = try await litigation(agencies: agencies, officer: litigationOfficer, random: &random)
        let matters = try await precase(officer: officer, random: &random)
        return "演示案件：行政复议 \(cases) 件，行政应诉 \(lawsuits) 件，案前处理 \(matters) 件"
    }

    private func reconsideration(received: CivilDate, agencies: [Org], scope: Scope, officer: User, random: inout DemoRandom) async throws {
        let isOrganisation = random.chance(0.2)
        let applicant = isOrganisation
            ? PartyInput(role: "applicant", kind: "organisation", name: random.pick(DemoPeople.companies), creditCode: DemoPeople.creditCode(&random),
                         phone: DemoPeople.phone(&random), address: DemoPeople.address(&random))
            : PartyInput(role: "applicant", kind: "person", name: DemoPeople.personName(&random), idNumber: DemoPeople.idNumber(&random),
                         phone: DemoPeople.phone(&random), address: DemoPeople.address(&random))
        let agency = random.pick(agencies)
        let traffic = agency.code.hasSuffix("AG-JT")
        let act = random.pick(DemoPeople.acts)
        guard case .receive(_, let knewOn, _, _, _, _, let channel, _) = DemoStory.receive(on: received, random: &random) else { return }
        let input = ReconsiderationRegistration.Input(
            receivedOn: received.description, channel: channel.rawValue,
            applicants: [applicant], respondentID: agency.id, act: "\(agency.name)\(act)", knewOn: knewOn.description,
            informedOfRight: true, realProperty: false, request: "撤销该\(act)", traffic: traffic, handlerID: officer.id)
        let registration = ReconsiderationRegistration(db: db, scope: scope, actor: .command("demo"), calendar: calendar, protection: protection)
        var record = try await registration.register(input, today: today)
        let workflow = CaseWorkflow<ReconsiderationRules>(db: db, calendar: calendar, actor: .user(officer))
        let opened = try await CaseWorkflow<ReconsiderationRules>.file(of: record, on: db, calendar: calendar)
        for event in DemoStory.reconsideration(opening: opened, today: today, calendar: calendar, random: &random) {
            record = try await workflow.record(event, on: record, expectedVersion: record.version)
        }
    }

    private func litigation(agencies: [Org], officer: User, random: inout DemoRandom) async throws -> Int {
        guard let org = try await Scope.load(userID: officer.id!, on: db).homeOrg(for: .litigation) else { return 0 }
        let workflow = CaseWorkflow<LitigationRules>(db: db, calendar: calendar, actor: .user(officer))
        var count = 0
        for index in 1...36 {
            let year = index <= 20 ? today.year - 1 : today.year
            var served = CivilDate(year: year, month: random.int(1...11), day: random.int(1...28))!
            while !calendar.isWorkingDay(served) { served = served.adding(days: 1) }
            guard served <= today else { continue }
            let agency = random.pick(agencies)
            let number = "（\(year)）津0102行初\(100 + index)号"
            let plaintiff = DemoPeople.personName(&random)
            let event = LitigationEvent.serve(date: served, court: "天津市河东区人民法院", courtCaseNumber: number, claims: "撤销被诉行政行为")
            let protection = self.protection
            var record = try await workflow.open(event, .init(org: org, agency: agency.id, handler: officer.id, title: "\(PartyInput.titleName(plaintiff, kind: "person"))诉\(agency.name)（\(number)）",
                                                              details: { tx, record in
                try await PartyInput(role: "plaintiff", kind: "person", name: plaintiff)
                    .record(role: "plaintiff", caseID: record.id!, protection: protection).create(on: tx)
            }))
            count += 1
            func step(_ event: LitigationEvent) async -> Bool {
                guard event.date <= today else { return false }
                do {
                    record = try await workflow.record(event, on: record, expectedVersion: record.version)
                    return true
                } catch {
                    return false
                }
            }
            guard await step(.submitDefence(date: served.adding(days: random.int(5...13)))) else { continue }
            let hearing = served.adding(days: random.int(40...90))
            let appeared = random.chance(0.93)
            guard await step(.holdHearing(date: hearing, headAppeared: appeared, appearerName: DemoPeople.personName(&random),
                                          appearerTitle: appeared ? "副局长" : "法制科科长",
                                          excuse: appeared ? nil : .exclusiveDuties, proofDescription: appeared ? nil : "加盖单位公章的情况说明")) else { continue }
            _ = await step(.judge(date: hearing.adding(days: random.int(20...60)),
                                  result: random.weighted([(.claimsDismissed, 7), (.agencyLost, 2), (.partlyLost, 1)])))
        }
        return count
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
