import Fluent
import FazhiCore
import Vapor

/// Litigation's slice of the demo bureau: lawsuits over the last two years with defences, hearings (the agency head
/// appearing or excused) and judgments, opened as the registration opens them (the detail row and the plaintiff with
/// the serving event) and recorded through the real workflow.
extension DemoCases {
    func loadLitigation(officer: User, random: inout DemoRandom) async throws -> [String] {
        let agencies = try await Org.query(on: db).filter(\.$kind == .agency).all()
        let lawsuits = try await litigation(agencies: agencies, officer: officer, random: &random)
        return ["行政应诉 \(lawsuits) 件"]
    }

    private func litigation(agencies: [Org], officer: User, random: inout DemoRandom) async throws -> Int {
        let scope = try await Scope.load(userID: officer.id!, on: db)
        guard let org = scope.homeOrg(for: .litigation) else { return 0 }
        let context = RegistrationContext(db: db, scope: scope, actor: .user(officer), calendar: calendar, protection: protection)
        let workflow = CaseWorkflow<LitigationRules>(db: db, calendar: calendar, actor: .user(officer))
        var count = 0
        for index in 1...36 {
            let year = index <= 20 ? today.year - 1 : today.year
            var served = CivilDate(year: year, month: random.int(1...11), day: random.int(1...28))!
            while !calendar.isWorkingDay(served) { served = served.adding(days: 1) }
            guard served <= today else { continue }
            let agency = random.pick(agencies)
            let input = RegistrationInput([
                "servedOn": .text(served.description), "court": .text("天津市河东区人民法院"),
                "courtCaseNumber": .text("（\(year)）津0102行初\(100 + index)号"), "claims": .text("撤销被诉行政行为"),
                "defendantID": .text(agency.id!.uuidString),
                "plaintiffs": .parties([PartyInput(role: "plaintiff", kind: "person", name: DemoPeople.personName(&random))]),
            ])
            var record = try await LitigationModule.registration.register(input, in: context, today: today, handler: officer.id)
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
}
