import Fluent
import FazhiCore
import Vapor

/// The demo notary office's year at the reference report's scale: about 10,500 applications and 9,800 certificates a
/// year (REPORT.md `notary.matters` 9806), mostly 涉外 and family matters, most issued within the 15 working days, some paused for
/// materials or verification, a few late and a few still overdue. Everything goes through the line's rules and the case
/// workflow in bulk (`openMany`); the certificate numbers come from the office's counter, in the order of issue.
struct NotaryDemo {
    let demo: DemoCases

    /// The demo notary office (README: the account `gongzheng`).
    static let officeCode = "\(DemoData.bureauCode)-GZ"

    /// Applications a year at the reference scale: about 93% end in a certificate, so about 9,800 certificates.
    static let perYear = 10_550

    static let typeWeights: [(String, Int)] = [
        ("will", 8), ("inheritance", 12), ("guardianship", 2), ("familyAdviser", 1), ("contract", 10), ("loan", 8),
        ("abroadIdentity", 25), ("abroadEducation", 15), ("evidence", 9), ("other", 10),
    ]

    /// A matter planned before its certificate number is known.
    struct Plan {
        var events: [NotaryEvent]
        let type: String
        let applicant: PartyInput
        let notary: (id: UUID, name: String)?
        let handler: UUID?
        var serial: Int?
    }

    func load(random: inout DemoRandom) async throws -> [String] {
        let db = demo.db, today = demo.today, calendar = demo.calendar
        guard let office = try await Org.query(on: db).filter(\.$code == Self.officeCode).first() else { return [] }
        let clerk = try await demo.user("gongzheng")
        let notaries = try await addNotaries(office: office, clerk: clerk, count: demo.scale >= 1 ? 8 : 2, random: &random)
        let labels = Dictionary(uniqueKeysWithValues: try await NotaryMatterType.all(on: db).map { ($0.code, $0.label) })
        var plans: [Plan] = []
        for year in [today.year - 1, today.year] {
            let start = CivilDate(year: year, month: 1, day: 1)!
            let end = min(today, CivilDate(year: year, month: 12, day: 31)!)
            guard start <= end else { continue }
            let days = end.dayNumber - start.dayNumber + 1
            let count = Int(Double(Self.perYear) * Double(days) / 365.0 * demo.scale * demo.scale)
            for _ in 0..<count {
                var received = start.adding(days: random.int(0...(days - 1)))
                while !calendar.isWorkingDay(received), received < end { received = received.adding(days: 1) }
                let notary = random.pick(notaries)
                plans.append(plan(received: received, notary: notary, handler: notary.id == clerk.id ? clerk.id : nil, today: today, random: &random))
            }
        }
        // Numbers per year of issue, in the order of issue, from the office's counter.
        var issued: [Int: [Int]] = [:]
        for (index, plan) in plans.enumerated() {
            if case .issue(let date, _, _)? = plan.events.last { issued[date.year, default: []].append(index) }
        }
        for (year, indices) in issued.sorted(by: { $0.key < $1.key }) {
            let ordered = indices.sorted { plans[$0].events.last!.date < plans[$1].events.last!.date }
            let numbers = try await db.transaction { tx in try await NotaryIssuing.reserve(ordered.count, office: office.id!, year: year, on: tx) }
            for (index, (serial, number)) in zip(ordered, numbers) {
                guard case .issue(let date, _, let fee) = plans[index].events.last! else { continue }
                plans[index].events[plans[index].events.count - 1] = .issue(date: date, certificateNumber: number, fee: fee)
                plans[index].serial = serial
            }
        }
        let workflow = CaseWorkflow<NotaryRules>(db: db, calendar: calendar, actor: .command("demo"))
        let protection = demo.protection
        let officeID = office.id!
        var written = 0, certificates = 0
        for batchStart in stride(from: 0, to: plans.count, by: 1_000) {
            let stories = plans[batchStart..<min(plans.count, batchStart + 1_000)].map { plan -> CaseWorkflow<NotaryRules>.Story in
                let type = plan.type
                let title = "\(plan.applicant.titleName)\(labels[type] ?? type)公证"
                let opening = CaseWorkflow<NotaryRules>.Opening(org: officeID, agency: nil, handler: plan.handler, title: title, details: { record, rows in
                    rows.add(NotaryDetail(caseID: record.id!, matterType: type))
                    rows.add(try plan.applicant.record(role: "applicant", caseID: record.id!, protection: protection))
                    if let serial = plan.serial, case .issue(let date, let number, _)? = plan.events.last {
                        rows.add(NotaryCertificate(office: officeID, year: date.year, serial: serial, number: number, caseID: record.id!, issuedOn: date,
                                                   notaryID: plan.notary?.id, notaryName: plan.notary?.name ?? ""))
                    }
                })
                return .init(opening: opening, events: plan.events)
            }
            written += try await workflow.openMany(Array(stories)).count
            certificates += stories.filter { if case .issue? = $0.events.last { true } else { false } }.count
        }
        return ["公证事项 \(written) 件（出具公证书 \(certificates) 件）"]
    }

    /// The office's notaries: the clerk and `count` colleagues (accounts that share the clerk's password, in the line).
    private func addNotaries(office: Org, clerk: User, count: Int, random: inout DemoRandom) async throws -> [(id: UUID, name: String)] {
        var notaries: [(id: UUID, name: String)] = [(clerk.id!, clerk.displayName)]
        for index in 1...count {
            let username = "gongzheng\(index)"
            if let existing = try await User.query(on: demo.db).filter(\.$username == username).first() {
                notaries.append((existing.id!, existing.displayName))
                continue
            }
            let user = User(username: username, displayName: DemoPeople.personName(&random), passwordHash: clerk.passwordHash, orgID: office.id!)
            try await demo.db.transaction { tx in
                try await user.create(on: tx)
                try await RoleGrant(userID: user.id!, role: .officer, orgID: office.id!, line: .notary).create(on: tx)
                try await AuditLog.record(on: tx, actor: .command("demo"), action: "create", entityType: "user", entityID: user.id!.uuidString,
                                          before: nil, after: ["username": username, "org": office.code, "role": "officer", "line": "notary"])
            }
            notaries.append((user.id!, user.displayName))
        }
        return notaries
    }

    private func plan(received: CivilDate, notary: (id: UUID, name: String), handler: UUID?, today: CivilDate,
                      random: inout DemoRandom) -> Plan {
        let calendar = demo.calendar
        let type = random.weighted(Self.typeWeights)
        let applicant = PartyInput(role: "applicant", kind: "person", name: DemoPeople.personName(&random), idNumber: DemoPeople.idNumber(&random),
                                   phone: DemoPeople.phone(&random))
        var events: [NotaryEvent] = [.receive(date: received, matterType: type, purpose: Self.purpose(type, random: &random),
                                              summary: Self.summary(type, random: &random))]
        func add(_ event: NotaryEvent) -> Bool {
            guard event.date <= today else { return false }
            events.append(event)
            return true
        }
        var plan = Plan(events: [], type: type, applicant: applicant, notary: notary, handler: handler)
        let roll = random.int(1...1000)
        if roll <= 15 {
            _ = add(.refuse(date: calendar.addingWorkingDays(random.int(0...1), to: received), reason: "申请公证的事项不属于本公证处执业区域"))
            plan.events = events
            return plan
        }
        let accepted = random.chance(0.8) ? received : calendar.addingWorkingDays(random.int(1...2), to: received)
        guard add(.accept(date: accepted, notaryID: notary.id, notaryName: notary.name)) else {
            plan.events = events
            return plan
        }
        var last = accepted
        if roll <= 30 {
            _ = add(.withdraw(date: calendar.addingWorkingDays(random.int(1...5), to: accepted), note: "申请人撤回申请"))
            plan.events = events
            return plan
        }
        if random.chance(0.22) {
            let paused = calendar.addingWorkingDays(random.int(1...6), to: accepted)
            let ground: NotaryPauseGround = random.weighted([(.supplement, 60), (.verification, 36), (.forceMajeure, 4)])
            guard add(.pause(date: paused, ground: ground, note: ground == .verification ? "向有关单位核实情况" : nil)) else {
                plan.events = events
                return plan
            }
            let resumed = calendar.addingWorkingDays(random.int(2...15), to: paused)
            guard add(.resume(date: resumed)) else {
                plan.events = events
                return plan
            }
            last = resumed
        }
        if roll <= 40 {
            _ = add(.decline(date: calendar.addingWorkingDays(random.int(1...5), to: last), reason: "经审查，申请人提供的证明材料不真实"))
            plan.events = events
            return plan
        }
        // Most within the period, a few late (issued after the due day), a very few never issued and so overdue today.
        let dossier = try! NotaryRules.replay(events, calendar: calendar)
        let due = NotaryRules.certificateDeadline(of: dossier, calendar: calendar)!.due
        let late = random.chance(0.015)
        if roll <= 43, received > today.adding(days: -60) {
            plan.events = events
            return plan
        }
        let issuedOn = late ? calendar.addingWorkingDays(random.int(1...5), to: due)
            : min(due, calendar.addingWorkingDays(random.weighted([(1, 15), (2, 15), (3, 15), (5, 20), (8, 15), (12, 10), (15, 10)]), to: last))
        _ = add(.issue(date: max(issuedOn, last), certificateNumber: "—", fee: Self.fee(type, random: &random)))
        plan.events = events
        return plan
    }

    static func fee(_ type: String, random: inout DemoRandom) -> Decimal {
        switch type {
        case "will", "inheritance": Decimal(random.pick([400, 600, 800, 1_200]))
        case "contract", "loan": Decimal(random.pick([300, 500, 1_000, 2_000]))
        case "evidence": Decimal(random.pick([500, 1_000, 1_500]))
        case "familyAdviser": 0
        default: Decimal(random.pick([80, 100, 150, 200]))
        }
    }

    static func purpose(_ type: String, random: inout DemoRandom) -> String {
        switch type {
        case "abroadIdentity", "abroadEducation": "在\(random.pick(["美国", "英国", "澳大利亚", "加拿大", "日本", "德国", "新加坡", "新西兰"]))使用"
        case "inheritance": "办理不动产继承登记"
        case "loan": "办理银行抵押贷款"
        case "evidence": "向人民法院提起诉讼"
        default: ""
        }
    }

    static func summary(_ type: String, random: inout DemoRandom) -> String {
        switch type {
        case "will": "申请人订立遗嘱，处分其名下房产"
        case "inheritance": "申请人继承其父遗留的房产一处"
        case "guardianship": "申请人委托其子女在其丧失行为能力时担任监护人"
        case "familyAdviser": "为申请人家庭提供公证家事法律顾问服务"
        case "contract": random.pick(["房屋买卖合同公证", "房屋租赁合同公证"])
        case "loan": "借款合同公证，赋予强制执行效力"
        case "abroadIdentity": random.pick(["出生公证", "结婚公证", "无犯罪记录公证", "亲属关系公证"])
        case "abroadEducation": random.pick(["学历证书公证", "学位证书公证", "成绩单公证"])
        case "evidence": random.pick(["网页内容保全证据", "现场保全证据"])
        default: "其他公证事项"
        }
    }
}
