import Fluent
import FazhiCore
import FluentSQL
import Vapor

/// `fazhi demo --scale N`: fills one year with N reconsideration cases for the scale benchmark. Every case's story
/// comes from `ReconsiderationDemoStory` and goes through `CaseWorkflow.openMany`, the bulk form of the workflow's own
/// opening and recording: the same rules, case numbers, detail and party rows, event encoding, deadlines and rollup
/// as a case registered by hand, written 2,000 cases per transaction with one audit row per batch.
struct ScaleGenerator {
    let db: Database
    let calendar: WorkingCalendar
    let protection: DataProtection
    let year: Int
    let count: Int
    /// The office that registers the cases and its officer; nil: the demo bureau's centre and `fuyi`.
    var target: (office: Org, officer: User)?
    static let batchSize = 2_000

    init(db: Database, calendar: WorkingCalendar, protection: DataProtection, year: Int, count: Int) {
        self.db = db
        self.calendar = calendar
        self.protection = protection
        self.year = year
        self.count = count
    }

    func run(progress: (Int) -> Void = { _ in }) async throws -> String {
        var target = self.target
        if target == nil { target = try await demoBureauCentre() }
        guard let (office, officer) = target else {
            throw FieldError(field: "demo", message: "请先加载演示机构（fazhi demo）")
        }
        // The agencies of the office's own bureau: a case names only its own district's agencies.
        let agencies = try await OrgDirectory.agencies(servingOrg: office.id!, on: db)
        guard !agencies.isEmpty else { throw FieldError(field: "demo", message: "\(office.name)所在的司法局没有行政机关") }
        let today = CivilDate(year: year, month: 12, day: 31)!
        let start = CivilDate(year: year, month: 1, day: 1)!
        // Another district's office draws its own cases (the demo bureau's seed is the benchmarks' and stays).
        let district = self.target == nil ? 0 : DemoRandom.seed(office.code)
        var random = DemoRandom(seed: UInt64(year) &* 1_000_003 &+ UInt64(count) &+ district)
        let workflow = CaseWorkflow<ReconsiderationRules>(db: db, calendar: calendar, actor: .user(officer))
        let protection = self.protection
        var written = 0
        while written < count {
            var stories: [CaseWorkflow<ReconsiderationRules>.Story] = []
            for _ in 0 ..< min(Self.batchSize, count - written) {
                var received = start.adding(days: random.int(0...364))
                while !calendar.isWorkingDay(received) { received = received.adding(days: 1) }
                let receive = ReconsiderationDemoStory.receive(on: received, random: &random)
                let opened = try ReconsiderationRules.open(with: receive, calendar: calendar)
                let events = [receive] + ReconsiderationDemoStory.events(opening: opened, today: today, calendar: calendar, random: &random)
                let agency = random.pick(agencies)
                let act = "\(agency.name)\(random.pick(DemoPeople.acts))"
                let applicant = PartyInput(role: "applicant", kind: "person", name: DemoPeople.personName(&random),
                                           idNumber: DemoPeople.idNumber(&random), phone: DemoPeople.phone(&random))
                let opening = CaseWorkflow<ReconsiderationRules>.Opening(
                    org: office.id!, agency: agency.id, handler: officer.id, title: "\(applicant.titleName)不服\(act)",
                    details: { record, rows in
                        rows.add(ReconsiderationDetail(caseID: record.id!, act: act, request: "撤销该行政行为", traffic: false))
                        rows.add(try applicant.record(role: "applicant", caseID: record.id!, protection: protection))
                    })
                stories.append(.init(opening: opening, events: events))
            }
            written += try await workflow.openMany(stories).count
            progress(written)
        }
        return "已生成 \(year) 年行政复议案件 \(count) 件（经同一办案流程批量写入：规则校验、案号、期限与汇总同常规办理）"
    }

    private func demoBureauCentre() async throws -> (Org, User)? {
        guard let office = try await Org.query(on: db).filter(\.$code == "\(DemoData.bureauCode)-XF").first(),
              let officer = try await User.query(on: db).filter(\.$username == "fuyi").first() else { return nil }
        return (office, officer)
    }
}
