import Fluent
import FazhiCore
import Vapor

/// The demo bureau's mediation year at the reference report's scale: about 150 committees (a committee in every
/// community and street, and the district's specialised ones — three of them founded this year), their mediators, about
/// 25,000 screenings and 2,900 disputes a year (about 2,750 resolved, and the labour-arbitration lawyer mediations
/// apart), with express-logistics disputes growing where no committee covers them. Everything goes through the line's
/// own write paths: the register's checks, the screening ledger's writer, and the case workflow in bulk (`openMany`).
struct MediationDemo {
    let demo: DemoCases

    /// The demo mediator's committee (README): 春华街道嘉华里社区人民调解委员会.
    static let mediatorCommitteeCode = "120102-TW06-01"

    /// Community names, ten per street drawn in turn (春华街道's first is 嘉华里).
    static let communities = [
        "东兴里", "福东里", "晨阳里", "津塘", "万新", "成林", "程林", "中山门", "唐家口", "新兴", "卫国道", "顺驰", "天山", "工农", "富民",
        "嘉华里", "红星里", "鲁山道", "上杭路", "向阳楼", "常州道", "二号桥", "大直沽", "靖江", "六纬路", "七纬路", "八纬路", "华龙",
        "凤山", "丽苑",
    ]

    /// The district's specialised committees: code, name, kind, the types they cover, and how many days before today
    /// they were founded (the first three this year, as in the reference report).
    static let specialised: [(code: String, name: String, kind: CommitteeKind, types: [String], foundedDaysAgo: Int)] = [
        ("120102-TW-DL", "河东区电力行业人民调解委员会", .industry, ["electricity"], 260),
        ("120102-TW-TY", "河东区退役军人事务纠纷人民调解委员会", .industry, ["veterans"], 190),
        ("120102-TW-JT", "河东区道路交通事故纠纷人民调解委员会", .industry, ["traffic"], 100),
        ("120102-TW-YL", "河东区医疗纠纷人民调解委员会", .industry, ["medical"], 2_400),
        ("120102-TW-WY", "河东区物业纠纷人民调解委员会", .industry, ["property"], 1_300),
        ("120102-TW-LD", "河东区劳动人事争议仲裁院律师调解工作室", .laborArbitration, ["labour"], 1_800),
    ]

    static var orgs: [DemoOrg] {
        var orgs: [DemoOrg] = []
        for (index, street) in DemoData.streets.enumerated() {
            let number = String(format: "%02d", index + 1)
            let station = "\(DemoData.bureauCode)-JS\(number)"
            orgs.append(("\(DemoData.bureauCode)-TW\(number)", "\(street)人民调解委员会", .mediationCommittee, station))
            for (offset, community) in communityNames(street: index).enumerated() {
                orgs.append(("\(DemoData.bureauCode)-TW\(number)-\(String(format: "%02d", offset + 1))", "\(street)\(community)社区人民调解委员会",
                             .mediationCommittee, station))
            }
        }
        return orgs + specialised.map { ($0.code, $0.name, .mediationCommittee, DemoData.bureauCode) }
    }

    static func communityNames(street: Int) -> [String] {
        (0..<10).map { communities[(street * 3 + $0) % communities.count] }
    }

    struct Committee {
        let org: Org
        let kind: CommitteeKind
        let street: Int?
        let founded: CivilDate
        let types: [String]
        var mediators: [Mediator] = []
    }

    func load(random: inout DemoRandom) async throws -> [String] {
        let db = demo.db, today = demo.today
        let actor = AuditActor.command("demo")
        // A smaller load (a test's) mediates in two communities per street, with one mediator each, and scale² of the year.
        let full = demo.scale >= 1
        var committees: [Committee] = []
        for declared in Self.orgs {
            guard let org = try await Org.query(on: db).filter(\.$code == declared.code).first() else { continue }
            let special = Self.specialised.first { $0.code == declared.code }
            let street = special == nil ? Int(declared.code.dropFirst("\(DemoData.bureauCode)-TW".count).prefix(2)).map { $0 - 1 } : nil
            let isStreet = special == nil && !declared.code.dropFirst("\(DemoData.bureauCode)-TW".count).contains("-")
            let kind = special?.kind ?? (isStreet ? .street : .community)
            let founded = special.map { today.adding(days: -$0.foundedDaysAgo) }
                ?? CivilDate(year: isStreet ? 2005 : random.int(2008...2019), month: random.int(1...12), day: random.int(1...28))!
            var rooms: [String] = []
            if declared.code == "\(DemoData.bureauCode)-TW-TY" { rooms = ["老兵调解室"] }
            if declared.code == "\(DemoData.bureauCode)-TW06" { rooms = ["杭安调解工作室"] }
            try await MediationCommittees.saveProfile(.init(kind: kind.rawValue, foundedOn: founded.description, disputeTypes: special?.types ?? [],
                                                            rooms: rooms), of: org, actor: actor, on: db)
            var committee = Committee(org: org, kind: kind, street: street, founded: founded, types: special?.types ?? [])
            let community = Int(declared.code.split(separator: "-").last ?? "") ?? 0
            if !full, kind == .community, community > 2 {
                continue
            }
            for _ in 0..<(full ? random.int(3...5) : 1) {
                committee.mediators.append(try await MediationCommittees.addMediator(
                    .init(name: DemoPeople.personName(&random), phone: DemoPeople.phone(&random), activeFrom: min(founded, CivilDate(year: 2015, month: 1, day: 1)!).description,
                          activeTo: nil), to: org, actor: actor, on: db))
            }
            committees.append(committee)
        }
        // The demo mediator signs in: their disputes are 我调解的.
        let account = try await demo.user("tiaojie")
        guard let home = committees.firstIndex(where: { $0.org.code == Self.mediatorCommitteeCode }) else { return [] }
        let own = try await MediationCommittees.addMediator(.init(name: account.displayName, activeFrom: "2018-03-01"),
                                                            to: committees[home].org, actor: actor, on: db)
        own.$user.id = account.id
        try await own.update(on: db)
        committees[home].mediators.insert(own, at: 0)

        let screenings = try await loadScreenings(committees, random: &random)
        var disputes = 0
        for year in [today.year - 1, today.year] {
            disputes += try await loadDisputes(year: year, committees: committees, mediatorUser: account.id!, home: home, random: &random)
        }
        return ["人民调解委员会 \(committees.count) 个", "矛盾纠纷 \(disputes) 件", "矛盾纠纷排查 \(screenings) 次"]
    }

    /// Screenings on about two working days in three at every committee since the start of last year, most of them nil
    /// reports; three committees filed nothing last month (the page of missing screenings names them).
    private func loadScreenings(_ committees: [Committee], random: inout DemoRandom) async throws -> Int {
        let today = demo.today, calendar = demo.calendar
        let kind = MediationScreenings.kind
        let lastMonth = String(today.adding(days: -today.day).description.prefix(7))
        var count = 0
        for (index, committee) in committees.enumerated() {
            var rows: [SheetValidator.Row] = []
            var day = max(CivilDate(year: today.year - 1, month: 1, day: 1)!, committee.founded)
            let silent = [7, 40, 95].contains(index)
            while day <= today {
                if calendar.isWorkingDay(day), random.chance(0.69 * demo.scale * demo.scale), !(silent && day.description.hasPrefix(lastMonth)) {
                    let found = random.weighted([(0, 70), (1, 20), (2, 7), (3, 3)])
                    let values = ["occurredOn": day.description, "title": committee.org.name.replacingOccurrences(of: "人民调解委员会", with: "") + "矛盾纠纷排查",
                                  "quantity": String(found), "note": found == 0 ? "零上报" : ""]
                    rows.append(SheetValidator.Row(number: rows.count + 1, values: values, naturalKey: kind.naturalKey(of: values)))
                }
                day = day.adding(days: 1)
            }
            let org = committee.org.id!
            let written = rows.count
            let filed = rows
            try await demo.db.transaction { tx in
                try await BookWriter(db: tx, kind: kind, org: org, actor: .command("demo")).insertLogged(filed)
            }
            count += written
        }
        return count
    }

    /// The year's disputes, received through `today` at most, each with its whole story.
    private func loadDisputes(year: Int, committees: [Committee], mediatorUser: UUID, home: Int, random: inout DemoRandom) async throws -> Int {
        let today = demo.today, calendar = demo.calendar, protection = demo.protection
        let start = CivilDate(year: year, month: 1, day: 1)!
        let end = min(today, CivilDate(year: year, month: 12, day: 31)!)
        guard start <= end else { return 0 }
        let days = end.dayNumber - start.dayNumber + 1
        let thisYear = year == today.year
        let share = Double(days) / 365.0 * demo.scale * demo.scale
        let general = Int(Double(thisYear ? 3_350 : 3_150) * share)
        let labour = Int(Double(thisYear ? 215 : 200) * share)
        let types = try await DisputeType.all(on: demo.db)
        let label = Dictionary(uniqueKeysWithValues: types.map { ($0.code, $0.label) })
        let weights: [(String, Int)] = [
            ("family", 180), ("neighbour", 220), ("property", 140), ("labour", 50), ("traffic", 80), ("electricity", 30),
            ("veterans", 15), ("expressLogistics", thisYear ? 60 : 30), ("medical", 20), ("consumer", 30), ("landlordTenant", 60),
            ("debt", 80), ("other", 45),
        ]
        let communities = committees.indices.filter { committees[$0].kind == .community }
        let streets = committees.indices.filter { committees[$0].kind == .street }
        let studio = committees.firstIndex { $0.kind == .laborArbitration }
        var opener = CaseWorkflow<MediationRules>.BulkOpener(CaseWorkflow(db: demo.db, calendar: calendar, actor: .command("demo")))
        for index in 0..<(general + labour) {
            let fromArbitration = index >= general && studio != nil
            let received = start.adding(days: random.int(0...(days - 1)))
            let type = fromArbitration ? "labour" : random.weighted(weights)
            let source: DisputeSource = fromArbitration ? .laborArbitration
                : random.weighted([(.walkIn, 50), (.screening, 20), (.hotline, 12), (.courtReferral, 6), (.policeReferral, 6), (.petitionReferral, 3), (.portal, 3)])
            let committee: Int
            if fromArbitration {
                committee = studio!
            } else if let special = committees.indices.first(where: { committees[$0].kind == .industry && committees[$0].types.contains(type)
                && committees[$0].founded <= received }), random.chance(0.6) {
                committee = special
            } else if type == "expressLogistics" {
                // 快递物流 disputes gather where the depots are: 春华, 大王庄, 中山门.
                let elsewhere = random.int(0...12)
                let street = random.weighted([(5, 4), (0, 3), (2, 3), (elsewhere, 2)])
                committee = random.pick(communities.filter { committees[$0].street == street })
            } else {
                committee = random.chance(0.15) ? random.pick(streets) : random.pick(communities)
            }
            guard let story = story(received: received, type: type, typeLabel: label[type] ?? type, source: source, committee: committees[committee],
                                    handler: committee == home ? mediatorUser : nil, today: today, protection: protection,
                                    court: Self.court, random: &random) else { continue }
            try await opener.add(story)
        }
        return try await opener.flush()
    }

    /// The court the demo bureau's parties apply to for judicial confirmation (司法确认).
    static let court = "天津市河东区人民法院"

    /// One dispute's story at `committee`, received on `received`: accepted and mediated (most end in an agreement, some
    /// confirmed by `court`), refused, referred or failed, every event on or before `today`.
    private func story(received: CivilDate, type: String, typeLabel: String, source: DisputeSource, committee: Committee, handler: UUID?,
                       today: CivilDate, protection: DataProtection, court: String, random: inout DemoRandom) -> CaseWorkflow<MediationRules>.Story? {
        let localCourt = court.replacingOccurrences(of: "天津市", with: "")
        guard let mediator = committee.mediators.isEmpty ? nil : (handler != nil ? committee.mediators[0] : random.pick(committee.mediators)) else { return nil }
        let applicant = PartyInput(role: "applicant", kind: "person", name: DemoPeople.personName(&random), idNumber: DemoPeople.idNumber(&random),
                                   phone: DemoPeople.phone(&random))
        let respondent = type == "property" || type == "expressLogistics" || type == "electricity"
            ? PartyInput(role: "respondent", kind: "organisation", name: random.pick(DemoPeople.companies), creditCode: DemoPeople.creditCode(&random))
            : PartyInput(role: "respondent", kind: "person", name: DemoPeople.personName(&random), idNumber: DemoPeople.idNumber(&random))
        var events: [MediationEvent] = [.receive(date: received, disputeType: type, source: source, summary: Self.summary(type, random: &random))]
        func add(_ event: MediationEvent) -> Bool {
            guard event.date <= today else { return false }
            events.append(event)
            return true
        }
        let roll = random.int(1...100)
        if roll <= 2 {
            _ = add(.refuse(date: received.adding(days: 1), ground: random.pick([.partyRefused, .beforeAnotherBody]), explanation: nil))
        } else if roll == 3 {
            _ = add(.refer(date: received.adding(days: 1), to: random.pick(["辖区派出所", localCourt, "区信访办"])))
        } else if add(.accept(date: received.adding(days: random.int(0...2)), mediatorID: mediator.id!, mediatorName: mediator.name)) {
            var day = events.last!.date
            var held = true
            for _ in 0..<random.int(1...3) {
                day = day.adding(days: random.int(1...12))
                guard add(.holdSession(date: day, note: "组织双方当事人面对面调解，释法说理")) else { held = false; break }
            }
            let ending = day.adding(days: random.int(0...5))
            if held, ending <= today {
                let result = random.int(1...100)
                if result <= 94 {
                    let form: AgreementForm = random.chance(0.7) ? .written : .oral
                    _ = add(.agree(date: ending, form: form, terms: Self.terms(type)))
                    if form == .written, random.chance(0.08) {
                        let applied = ending.adding(days: random.int(3...25))
                        if add(.applyConfirmation(date: applied, court: court)) {
                            _ = add(.ruleConfirmation(date: applied.adding(days: random.int(5...15)), confirmed: random.chance(0.95)))
                        }
                    }
                    if random.chance(0.85) {
                        let visited = events.last!.date.adding(days: random.int(7...30))
                        _ = add(.followUp(date: visited, performance: random.weighted([(.performed, 90), (.partlyPerformed, 6), (.notPerformed, 4)])))
                    }
                } else if result <= 99 {
                    _ = add(.fail(date: ending, route: "已告知当事人可依法申请仲裁或者向人民法院提起诉讼"))
                } else {
                    _ = add(.refer(date: ending, to: localCourt))
                }
            }
        }
        let title = "\(applicant.titleName)与\(respondent.titleName)\(typeLabel)"
        let opening = CaseWorkflow<MediationRules>.Opening(org: committee.org.id!, agency: nil, handler: handler, title: title, details: { record, rows in
            rows.add(MediationDetail(caseID: record.id!, disputeType: type, source: source))
            rows.add(try applicant.record(role: "applicant", caseID: record.id!, protection: protection))
            rows.add(try respondent.record(role: "respondent", caseID: record.id!, protection: protection))
        })
        return .init(opening: opening, events: events)
    }

    /// A district's specialised committees in the demo city, by code suffix: the types each takes and their weight
    /// among the district's disputes.
    static func districtCommittees(_ district: String) -> [(suffix: String, name: String, kind: CommitteeKind, type: String, weight: Int)] {
        [("TW-HY", "\(district)婚姻家庭纠纷人民调解委员会", .industry, "family", 40),
         ("TW-WY", "\(district)物业纠纷人民调解委员会", .industry, "property", 25),
         ("TW-JT", "\(district)道路交通事故纠纷人民调解委员会", .industry, "traffic", 15),
         ("TW-YL", "\(district)医疗纠纷人民调解委员会", .industry, "medical", 8),
         ("TW-LD", "\(district)劳动人事争议仲裁院律师调解工作室", .laborArbitration, "labour", 12)]
    }

    /// A district of the demo city (`fazhi demo --city`): its specialised committees (`districtCommittees`), three
    /// mediators each, and `count` disputes received in `year`, each at the committee of its type, through the same bulk
    /// workflow as the demo bureau's. Returns how many disputes were opened.
    func loadDistrict(_ district: DemoDistrict, year: Int, count: Int) async throws -> Int {
        let db = demo.db, calendar = demo.calendar, protection = demo.protection
        let actor = AuditActor.command("demo")
        var random = DemoRandom(seed: UInt64(year) &* 7_919 &+ UInt64(count) &+ district.seed)
        let declared = Self.districtCommittees(district.name)
        var committees: [Committee] = []
        for committee in declared {
            let org = try await district.org(committee.suffix, committee.name, .mediationCommittee)
            let founded = CivilDate(year: random.int(2010...2020), month: random.int(1...12), day: random.int(1...28))!
            try await MediationCommittees.saveProfile(.init(kind: committee.kind.rawValue, foundedOn: founded.description,
                                                            disputeTypes: [committee.type], rooms: []), of: org, actor: actor, on: db)
            var kept = Committee(org: org, kind: committee.kind, street: nil, founded: founded, types: [committee.type])
            for _ in 0..<3 {
                kept.mediators.append(try await MediationCommittees.addMediator(
                    .init(name: DemoPeople.personName(&random), phone: DemoPeople.phone(&random), activeFrom: founded.description, activeTo: nil),
                    to: org, actor: actor, on: db))
            }
            committees.append(kept)
        }
        let start = CivilDate(year: year, month: 1, day: 1)!
        let today = min(demo.today, CivilDate(year: year, month: 12, day: 31)!)
        guard start <= today else { return 0 }
        let days = today.dayNumber - start.dayNumber + 1
        let label = Dictionary(uniqueKeysWithValues: try await DisputeType.all(on: db).map { ($0.code, $0.label) })
        let court = "天津市\(district.name)人民法院"
        var opener = CaseWorkflow<MediationRules>.BulkOpener(CaseWorkflow(db: db, calendar: calendar, actor: actor))
        for _ in 0..<count {
            let index = random.weighted(declared.indices.map { ($0, declared[$0].weight) })
            let type = declared[index].type
            let source: DisputeSource = type == "labour" ? .laborArbitration
                : random.weighted([(.walkIn, 50), (.hotline, 15), (.courtReferral, 15), (.policeReferral, 15), (.portal, 5)])
            guard let story = story(received: start.adding(days: random.int(0...(days - 1))), type: type, typeLabel: label[type] ?? type,
                                    source: source, committee: committees[index], handler: nil, today: today, protection: protection,
                                    court: court, random: &random) else { continue }
            try await opener.add(story)
        }
        return try await opener.flush()
    }

    static func summary(_ type: String, random: inout DemoRandom) -> String {
        switch type {
        case "family": random.pick(["夫妻因家庭琐事及子女抚养问题发生争执", "兄弟姐妹因老人赡养费用分担发生纠纷"])
        case "neighbour": random.pick(["楼上漏水致楼下墙面受损，双方就赔偿发生争执", "邻居楼道堆物、噪音扰民引发矛盾"])
        case "property": random.pick(["业主以服务不到位为由拒交物业费", "小区停车位管理引发业主与物业公司纠纷"])
        case "labour": random.pick(["追索拖欠的劳动报酬", "解除劳动合同经济补偿金争议"])
        case "traffic": "非机动车与机动车碰撞致人受伤，双方就赔偿数额发生争议"
        case "electricity": "电力线路改造影响居民用电，居民要求赔偿损失"
        case "veterans": "退役军人安置待遇相关诉求"
        case "expressLogistics": random.pick(["快递员与配送站点就派件费扣罚发生争议", "快递丢件损毁赔偿纠纷", "快递员工伤待遇争议"])
        case "medical": "患者家属对诊疗过程有异议，要求医院赔偿"
        case "consumer": "预付卡商家停业，消费者要求退还余额"
        case "landlordTenant": "租赁期满押金退还纠纷"
        case "debt": "个人借款到期未还引发纠纷"
        default: "其他民间纠纷"
        }
    }

    static func terms(_ type: String) -> String {
        switch type {
        case "labour", "expressLogistics": "用人单位于十五日内一次性支付拖欠款项，双方就本纠纷再无其他争议。"
        case "property": "业主于本月底前补交物业费，物业公司限期整改服务问题。"
        default: "一方于三十日内一次性支付赔偿款，双方就本纠纷再无其他争议。"
        }
    }
}
