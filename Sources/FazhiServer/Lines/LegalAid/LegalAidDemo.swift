import Fluent
import FazhiCore
import Vapor

/// The demo bureau's legal-aid year at the reference report's scale: the centre, fifteen lawyers (four from each of
/// the district's three demo firms and three staff lawyers), about 360 cases accepted a year — applications decided on
/// the eligibility rules and notices of mandatory defence — each assigned in rotation, most closed with what was
/// recovered (about 4.7 million yuan a year) and checked for quality, and the 法援惠民生 outreach events. Everything goes
/// through the line's own write paths: the register's checks, the ledger's writer, and the case workflow in bulk.
struct LegalAidDemo {
    let demo: DemoCases

    /// 河东区法律援助中心 (README: the demo legal-aid officer's centre).
    static let centreCode = "\(DemoData.bureauCode)-FY"

    func load(random: inout DemoRandom) async throws -> [String] {
        let db = demo.db, today = demo.today
        guard let centre = try await Org.query(on: db).filter(\.$code == Self.centreCode).first() else { return [] }
        let actor = AuditActor.command("demo")
        let account = try await demo.user("fayuan")
        let scope = try await Scope.load(userID: account.id!, on: db)
        var lawyers: [AidLawyer] = [], names: Set<String> = []
        let firms = DemoData.lawFirms.map(\.1)
        for (index, firm) in (firms.flatMap { Array(repeating: $0, count: 4) } + Array(repeating: centre.name, count: 3)).enumerated() {
            let areas: [LegalAidMatter] = index % 4 == 0 ? [.criminalDefence, .criminalRepresentation] : index % 4 == 1 ? [.civil, .administrative]
                : LegalAidMatter.allCases
            lawyers.append(try await LegalAidLawyers.addLawyer(
                .init(name: DemoPeople.personName(&random, distinctFrom: &names), firm: firm, staff: firm == centre.name,
                      licenceNumber: "112010" + String(20_100_000_000 + index * 7_919),
                      licenceValidTo: today.adding(days: 200 + random.int(0...900)).description, practiceAreas: areas.map(\.rawValue)),
                to: centre, scope: scope, actor: actor, on: db))
        }
        guard let standard = try await LegalAidStandardRecord.inForce(on: CivilDate(year: today.year - 1, month: 1, day: 1)!, db: db) else { return [] }
        let outreach = try await loadOutreach(centre: centre.id!, random: &random)
        var cases = 0
        for year in [today.year - 1, today.year] {
            cases += try await loadCases(year: year, centre: centre, lawyers: lawyers, handler: account.id!, standard: standard, random: &random)
        }
        return ["法律援助人员 \(lawyers.count) 名", "法律援助案件 \(cases) 件", "法援惠民生活动 \(outreach) 场次"]
    }

    /// A district of the demo city (`fazhi demo --city`): its legal-aid centre, the centre's officer and six staff
    /// lawyers, and `count` cases received in `year`, told as the demo bureau's are. Returns how many were opened (none
    /// when no eligibility standard was in force that year).
    func loadDistrict(_ district: DemoDistrict, year: Int, count: Int) async throws -> Int {
        let db = demo.db, actor = AuditActor.command("demo")
        let number = Int(district.code.suffix(3)) ?? 0
        var random = DemoRandom(seed: UInt64(year) &* 104_729 &+ UInt64(count) &+ district.seed)
        let centre = try await district.org("FY", "\(district.name)法律援助中心", .legalAidCentre)
        let officer = try await district.account("fayuan", "\(district.name)法律援助中心承办人", at: centre, role: .officer, line: .legalAid)
        let scope = try await Scope.load(userID: officer.id!, on: db)
        var lawyers: [AidLawyer] = [], names: Set<String> = []
        for index in 0..<6 {
            let areas: [LegalAidMatter] = index % 3 == 0 ? [.criminalDefence, .criminalRepresentation] : LegalAidMatter.allCases
            lawyers.append(try await LegalAidLawyers.addLawyer(
                .init(name: DemoPeople.personName(&random, distinctFrom: &names), firm: centre.name, staff: true,
                      licenceNumber: "112010" + String(20_200_000_000 + number * 100 + index),
                      licenceValidTo: demo.today.adding(days: 200 + random.int(0...900)).description, practiceAreas: areas.map(\.rawValue)),
                to: centre, scope: scope, actor: actor, on: db))
        }
        guard let standard = try await LegalAidStandardRecord.inForce(on: CivilDate(year: year, month: 1, day: 1)!, db: db) else { return 0 }
        return try await loadCases(year: year, count: count, centre: centre, lawyers: lawyers, handler: officer.id!, standard: standard,
                                   random: &random)
    }

    /// The outreach events since the start of last year.
    private func loadOutreach(centre: UUID, random: inout DemoRandom) async throws -> Int {
        let kind = LegalAidMetrics.outreach, today = demo.today
        let themes = ["法援惠民生·助力农民工", "法援惠民生·关爱残疾人", "法援惠民生·护航新就业形态劳动者", "法援惠民生·守护夕阳红", "法援惠民生·护苗成长", "法律援助进社区"]
        let places = ["河东区人力资源市场", "春华街道社区服务中心", "大王庄街道新就业形态劳动者服务站", "河东区残疾人联合会", "中山门街道老年日间照料中心"]
        var rows: [SheetValidator.Row] = []
        // 28 a year, about one a fortnight (the reference report's count), scaled as the caseload is.
        let perYear = max(1, Int((28 * demo.scale * demo.scale).rounded()))
        for year in [today.year - 1, today.year] {
            for index in 0..<perYear {
                let day = CivilDate(year: year, month: 1, day: 6)!.adding(days: index * 13 + random.int(0...4))
                guard day <= today else { break }
                let values = ["occurredOn": day.description, "title": random.pick(themes), "place": random.pick(places),
                              "quantity": String(random.int(40...300)), "note": ""]
                rows.append(SheetValidator.Row(number: rows.count + 1, values: values, naturalKey: kind.naturalKey(of: values)))
            }
        }
        let filed = rows
        try await demo.db.transaction { tx in
            try await BookWriter(db: tx, kind: kind, org: centre, actor: .command("demo")).insertLogged(filed)
        }
        return filed.count
    }

    /// The year's cases (`count`, else the reference report's share of the year), received through `today` at most,
    /// each with its whole story; lawyers taken in rotation.
    private func loadCases(year: Int, count: Int? = nil, centre: Org, lawyers: [AidLawyer], handler: UUID, standard: EligibilityStandard,
                           random: inout DemoRandom) async throws -> Int {
        let today = demo.today, calendar = demo.calendar, protection = demo.protection
        let start = CivilDate(year: year, month: 1, day: 1)!
        let end = min(today, CivilDate(year: year, month: 12, day: 31)!)
        guard start <= end else { return 0 }
        let days = end.dayNumber - start.dayNumber + 1
        let share = Double(days) / 365.0 * demo.scale * demo.scale
        let count = count ?? max(1, Int(Double(year == today.year ? 420 : 405) * share))
        let receipts = (0..<count).map { _ in start.adding(days: random.int(0...(days - 1))) }.sorted()
        var load: [UUID: (count: Int, last: CivilDate?)] = [:]
        let workflow = CaseWorkflow<LegalAidRules>(db: demo.db, calendar: calendar, actor: .command("demo"))
        var stories: [CaseWorkflow<LegalAidRules>.Story] = []
        for received in receipts {
            let kind = random.weighted([("wages", 34), ("workInjury", 10), ("maintenance", 8), ("family", 8), ("traffic", 7), ("personalInjury", 5),
                                        ("newEmployment", 6), ("defence", 14), ("victim", 3), ("socialInsurance", 3), ("otherCivil", 2)])
            let matter: LegalAidMatter = kind == "defence" ? .criminalDefence : kind == "victim" ? .criminalRepresentation
                : kind == "socialInsurance" ? .administrative : .civil
            let notice = matter == .criminalDefence && random.chance(0.85)
            let channel: LegalAidChannel = notice ? random.weighted([(.courtNotice, 6), (.procuratorateNotice, 3), (.policeNotice, 1)])
                : random.weighted([(.walkIn, 70), (.hotline, 15), (.portal, 15)])
            let facts: EligibilityFacts? = notice ? nil : Self.facts(kind, random: &random)
            var events: [LegalAidEvent] = [.apply(date: received, matter: matter, caseType: kind, channel: channel, facts: facts,
                                                  summary: Self.summary(kind, random: &random))]
            func add(_ event: LegalAidEvent) -> Bool {
                guard event.date <= today else { return false }
                events.append(event)
                return true
            }
            var granted = notice ? received : nil
            if !notice {
                var clock = received
                // Undecided while the papers are awaited (or never come: deemed withdrawn).
                var decidable = true
                if random.chance(0.12), add(.requestSupplement(date: received.adding(days: 1), missing: "务工证明、经济困难状况说明表")) {
                    if random.chance(0.15) {
                        _ = add(.withdraw(date: received.adding(days: 30), deemed: true))
                        decidable = false
                    } else if add(.supplement(date: received.adding(days: random.int(2...6)))) {
                        clock = events.last!.date
                    } else {
                        decidable = false
                    }
                }
                if decidable {
                    let decided = calendar.addingWorkingDays(random.int(1...5), to: clock)
                    let decision = LegalAidEligibility.decide(facts!, standard: standard)
                    if decision.isEligible {
                        if add(.grant(date: decided, standard: standard)) { granted = decided }
                    } else if add(.refuse(date: decided, standard: standard, ground: .notInHardship, explanation: "申请人家庭经济状况不符合经济困难标准")),
                              random.chance(0.2), add(.object(date: decided.adding(days: 5), reason: "申请人认为其家庭收入计算有误")) {
                        _ = add(.ruleObjection(date: calendar.addingWorkingDays(random.int(2...4), to: decided.adding(days: 5)), upheld: false,
                                               note: "经复核，申请人家庭收入计算无误，维持不予法律援助决定"))
                    }
                }
            }
            if let granted {
                let assigned = calendar.addingWorkingDays(random.int(1...3), to: granted)
                let order = lawyers.filter { $0.areas.contains(matter) }.sorted { a, b in
                    let left = load[a.id!] ?? (0, nil), right = load[b.id!] ?? (0, nil)
                    if left.count != right.count { return left.count < right.count }
                    return (left.last?.dayNumber ?? 0) < (right.last?.dayNumber ?? 0)
                }
                if let lawyer = order.first,
                   add(.assign(date: assigned, lawyerID: lawyer.id!, lawyerName: lawyer.name, firm: lawyer.firm, skipReason: nil)) {
                    load[lawyer.id!] = ((load[lawyer.id!]?.count ?? 0) + 1, assigned)
                    let closing = assigned.adding(days: random.int(45...160))
                    _ = add(.recordProgress(date: assigned.adding(days: random.int(3...20)), note: matter == .criminalDefence ? "会见犯罪嫌疑人、阅卷" : "调查取证，参加庭审"))
                    let recovered = Self.recovered(kind, random: &random)
                    if add(.close(date: closing, result: Self.result(kind, recovered: recovered), recoveredYuan: recovered,
                                  satisfaction: random.weighted([(.satisfied, 92), (.fairlySatisfied, 7), (.dissatisfied, 1)]))), random.chance(0.75) {
                        _ = add(.review(date: closing.adding(days: random.int(10...40)), scores: Self.review(random: &random), reviewer: "法律援助中心质量评查组", note: nil))
                    }
                }
            }
            let applicant = PartyInput(role: "applicant", kind: "person", name: DemoPeople.personName(&random), idNumber: DemoPeople.idNumber(&random),
                                       phone: DemoPeople.phone(&random))
            let opponent: PartyInput? = matter == .criminalDefence ? nil : kind == "wages" || kind == "workInjury" || kind == "newEmployment" || kind == "socialInsurance"
                ? PartyInput(role: "opponent", kind: "organisation", name: random.pick(DemoPeople.companies), creditCode: DemoPeople.creditCode(&random))
                : PartyInput(role: "opponent", kind: "person", name: DemoPeople.personName(&random), idNumber: DemoPeople.idNumber(&random))
            let statuses = facts?.statuses ?? []
            let label = LegalAidCaseType.standard.first { $0.0 == kind }?.1 ?? kind
            let opening = CaseWorkflow<LegalAidRules>.Opening(org: centre.id!, agency: nil, handler: handler, title: "\(applicant.titleName)\(label)",
                                                              details: { record, rows in
                rows.add(LegalAidDetail(caseID: record.id!, caseType: kind, matter: matter, channel: channel, statuses: statuses))
                rows.add(try applicant.record(role: "applicant", caseID: record.id!, protection: protection))
                if let opponent { rows.add(try opponent.record(role: "opponent", caseID: record.id!, protection: protection)) }
            })
            stories.append(.init(opening: opening, events: events))
        }
        return try await workflow.openMany(stories).count
    }

    /// Facts of an applicant for a kind of case: most qualify (a status the law names, or low income), a few do not.
    static func facts(_ kind: String, random: inout DemoRandom) -> EligibilityFacts {
        let members = random.int(1...5)
        if random.chance(0.07) {
            return EligibilityFacts(householdMembers: members, monthlyIncome: members * random.int(3_000...6_000), assets: random.int(60_000...300_000))
        }
        switch kind {
        case "wages", "workInjury":
            return EligibilityFacts(householdMembers: members, monthlyIncome: members * random.int(1_500...3_500), assets: random.int(0...20_000),
                                    selfDeclared: true, statuses: random.chance(0.8) ? [.migrantWorker] : [], claimsWagesOrInjury: true)
        case "newEmployment":
            return EligibilityFacts(householdMembers: members, monthlyIncome: members * random.int(1_200...2_300), assets: random.int(0...20_000),
                                    selfDeclared: true, statuses: [.newEmploymentWorker])
        case "maintenance":
            return EligibilityFacts(householdMembers: members, monthlyIncome: members * random.int(500...2_000), assets: random.int(0...10_000),
                                    statuses: [random.pick([.elderly, .minor, .disabled])], hasFixedIncome: false)
        case "family":
            return EligibilityFacts(householdMembers: members, monthlyIncome: members * random.int(800...2_300), assets: random.int(0...30_000),
                                    selfDeclared: true, statuses: random.chance(0.3) ? [.abuseVictim] : [])
        default:
            return EligibilityFacts(householdMembers: members, monthlyIncome: members * random.int(600...2_300), assets: random.int(0...40_000),
                                    selfDeclared: random.chance(0.6), statuses: random.chance(0.2) ? [.disabled] : [], hasFixedIncome: random.chance(0.5))
        }
    }

    /// A checklist as reviewers score most files: full or a few points off each item.
    static func review(random: inout DemoRandom) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: LegalAidQualityChecklist.items.map { ($0.code, $0.points - random.int(0...($0.points / 5))) })
    }

    static func recovered(_ kind: String, random: inout DemoRandom) -> Int {
        switch kind {
        case "wages", "newEmployment": random.int(5_000...40_000)
        case "workInjury": random.int(20_000...110_000)
        case "traffic", "personalInjury": random.int(15_000...80_000)
        case "maintenance": random.int(5_000...25_000)
        default: 0
        }
    }

    static func result(_ kind: String, recovered: Int) -> String {
        switch kind {
        case "defence": "经辩护，人民法院采纳从轻处罚的辩护意见"
        case "victim": "被告人被依法判处刑罚并赔偿被害人损失"
        case "family": "经调解，双方达成离婚协议"
        case "socialInsurance": "社会保险经办机构依法核定待遇"
        default: recovered > 0 ? "经调解或判决，对方支付款项" : "案件依法审结"
        }
    }

    static func summary(_ kind: String, random: inout DemoRandom) -> String {
        switch kind {
        case "wages": random.pick(["在建筑工地务工被拖欠工资，多次催要未果", "餐饮店务工被拖欠三个月工资"])
        case "workInjury": "在工作中受伤，已认定工伤，用人单位拒绝支付工伤保险待遇"
        case "newEmployment": random.pick(["外卖骑手在配送途中受伤，平台合作商拒绝赔偿", "快递员被克扣派件费，请求支付劳动报酬"])
        case "maintenance": "子女拒绝支付赡养费，请求援助追索"
        case "family": "遭受家庭暴力，请求离婚并分割财产"
        case "traffic": "被机动车撞伤，请求赔偿医疗费、误工费"
        case "personalInjury": "被他人打伤，请求赔偿损失"
        case "defence": "涉嫌盗窃罪，人民法院通知提供辩护"
        case "victim": "故意伤害案被害人，请求代理参加刑事诉讼"
        case "socialInsurance": "申请领取养老保险待遇被拒，请求援助"
        default: "其他民事纠纷，请求法律援助"
        }
    }
}
