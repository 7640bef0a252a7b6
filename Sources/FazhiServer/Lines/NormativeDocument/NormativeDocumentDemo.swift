import Fluent
import FazhiCore
import Vapor

/// The demo district's normative documents: about 300 documents of its agencies published over the last six years
/// with realistic articles (for the search and the assisted review), most filed in time, each year's filing reviews
/// with a few problems found and corrected, the year's 14 or so legality reviews (submitted, reviewed, adopted and then
/// registered), three post-evaluations and three closed clean-up campaigns a year. Written through the line's own
/// paths: the register, the case workflow and the campaigns.
struct NormativeDocumentDemo {
    let demo: DemoCases

    /// 河东区民政局 (README: the demo agency account `minzheng`).
    static let agencyCode = "\(DemoData.bureauCode)-AG-MZ"

    /// Per agency code: the 文号 prefix and the subjects it regulates.
    static let agencies: [(code: String, prefix: String, subjects: [String], law: String)] = [
        ("AG-ZF", "东政规", ["政府投资项目", "政府合同", "行政规范性文件制定", "重大行政决策", "政务服务", "政府信息公开"], "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》"),
        ("AG-MZ", "东民规", ["养老服务补贴", "社会救助", "殡葬管理", "社区服务", "临时救助", "最低生活保障"], "《社会救助暂行办法》"),
        ("AG-SJ", "东市监规", ["食品安全", "市场主体登记", "价格监督", "特种设备安全", "广告监督", "网络交易"], "《中华人民共和国食品安全法》"),
        ("AG-RS", "东人社规", ["就业补贴", "劳动保障监察", "职业技能培训", "人才引进", "工伤保险"], "《中华人民共和国劳动合同法》"),
        ("AG-ZJ", "东建规", ["老旧小区改造", "建筑工程施工安全", "物业管理", "住房保障", "建筑市场"], "《中华人民共和国建筑法》"),
        ("AG-CG", "东城管规", ["市容环境卫生", "生活垃圾分类", "户外广告设置", "城市道路占用", "停车设施"], "《城市市容和环境卫生管理条例》"),
        ("AG-ST", "东环规", ["大气污染防治", "噪声污染防治", "建设项目环境影响评价", "排污许可"], "《中华人民共和国环境保护法》"),
        ("AG-WJ", "东卫规", ["医疗机构管理", "公共场所卫生", "家庭医生签约服务", "职业病防治"], "《中华人民共和国基本医疗卫生与健康促进法》"),
        ("AG-JY", "东教规", ["校外培训机构", "义务教育招生", "学前教育", "学生资助"], "《中华人民共和国教育法》"),
    ]

    func load(random: inout DemoRandom) async throws -> [String] {
        let db = demo.db, today = demo.today, calendar = demo.calendar
        let reviewer = try await demo.user("shenhe")
        let scope = try await Scope.load(userID: reviewer.id!, on: db)
        let actor = AuditActor.command("demo")
        let register = NormativeDocumentRegister(db: db, scope: scope, actor: actor, catalogue: demo.modules.deadlineCatalogue, calendar: calendar)
        var orgs: [String: Org] = [:]
        for agency in Self.agencies {
            if let org = try await Org.query(on: db).filter(\.$code == "\(DemoData.bureauCode)-\(agency.code)").first() { orgs[agency.code] = org }
        }
        guard !orgs.isEmpty else { return [] }
        var serials: [String: Int] = [:]
        var documents: [NormativeDocumentRecord] = []
        // The register: about 300 documents over six years, 45–55 a year before this one.
        let perYear = max(2, Int((50 * demo.scale).rounded()))
        for year in (today.year - 6)..<today.year {
            for _ in 0..<perYear {
                let agency = random.pick(Self.agencies)
                guard let org = orgs[agency.code] else { continue }
                let published = CivilDate(year: year, month: 1, day: 5)!.adding(days: random.int(0...350))
                let subject = random.pick(agency.subjects)
                serials["\(agency.prefix)\(year)", default: 0] += 1
                let number = "\(agency.prefix)〔\(year)〕\(serials["\(agency.prefix)\(year)"]!)号"
                let title = "河东区" + subject + random.pick(["管理办法", "实施细则", "管理规定", "实施办法", "工作规程"])
                let document = try await register.create(.init(
                    agencyID: org.id!.uuidString, number: number, title: title, body: Self.text(subject: subject, agency: org.name, law: agency.law, random: &random),
                    adoptedOn: published.adding(days: -random.int(3...20)).description, publishedOn: published.description,
                    effectiveOn: published.adding(days: random.pick([0, 0, 15, 30])).description,
                    validityYears: random.chance(0.85) ? nil : String(random.pick([2, 3])), amends: nil, repeals: nil, reviewCaseID: nil), today: today)
                documents.append(document)
            }
        }
        // Filing: most within the period, a few late; the bureau reviews each, finding a problem now and then.
        var filings = 0
        for document in documents {
            let published = CivilDate(string: document.publishedOn)!
            let roll = random.int(1...100)
            guard roll > 2 else { continue }
            let filed = roll <= 6 ? published.adding(days: random.int(31...60)) : published.adding(days: random.int(3...25))
            guard filed <= today else { continue }
            try await register.act(.init(kind: "file", date: filed.description), on: document, today: today)
            filings += 1
            let reviewed = filed.adding(days: random.int(5...20))
            guard reviewed <= today else { continue }
            let problem = random.chance(0.06)
            try await register.act(.init(kind: "filingReview", date: reviewed.description, result: problem ? "problemFound" : "noProblem",
                                         note: problem ? "第十二条设定的审批条件缺乏上位法依据，建议删除" : nil), on: document, today: today)
            let corrected = reviewed.adding(days: random.int(10...40))
            if problem, corrected <= today, random.chance(0.8) {
                try await register.act(.init(kind: "correct", date: corrected.description, note: "制定机关已发文删除相关条款"), on: document, today: today)
            }
        }
        // The legality reviews of last year and this year, each adopted draft then registered as a document.
        var reviews = 0
        for year in [today.year - 1, today.year] {
            reviews += try await loadReviews(year: year, orgs: orgs, register: register, serials: &serials, random: &random)
        }
        // Post-evaluations: three a year of documents in force.
        for year in [today.year - 1, today.year] {
            for index in 0..<3 {
                let day = CivilDate(year: year, month: 3 + index * 3, day: 18)!
                guard day <= today, let document = documents.filter({ $0.documentStatus == .inForce && $0.publishedOn < day.description }).dropFirst(index * 7).first
                else { continue }
                try await register.act(.init(kind: "postEvaluate", date: day.description, note: "实施效果良好，制度设计合理，建议继续执行"), on: document, today: today)
            }
        }
        // Clean-up campaigns: three a year, over one agency's documents each, closed once every one is decided.
        let campaigns = try await loadCleanups(orgs: orgs, scope: scope, actor: actor, random: &random)
        let registered = try await NormativeDocumentRecord.query(on: db).count()
        return ["行政规范性文件 \(registered) 件（报送备案 \(filings) 件）", "合法性审核 \(reviews) 件", "专项清理 \(campaigns) 次"]
    }

    private func loadReviews(year: Int, orgs: [String: Org], register: NormativeDocumentRegister, serials: inout [String: Int],
                             random: inout DemoRandom) async throws -> Int {
        let today = demo.today, calendar = demo.calendar
        var stories: [CaseWorkflow<NormativeDocumentRules>.Story] = []
        var adopted: [(Int, String, Org, String, String, CivilDate)] = []
        for index in 0..<14 {
            let agency = random.pick(Self.agencies)
            guard let org = orgs[agency.code] else { continue }
            let submitted = calendar.addingWorkingDays(index * 16 + random.int(1...10), to: CivilDate(year: year, month: 1, day: 4)!)
            guard submitted <= today else { continue }
            let subject = random.pick(agency.subjects)
            let title = "河东区" + subject + random.pick(["管理办法", "实施细则", "若干措施"]) + "（送审稿）"
            let text = Self.text(subject: subject, agency: org.name, law: agency.law, random: &random)
            var events: [NormativeDocumentEvent] = [.submit(date: submitted, title: title)]
            let opinionOn = calendar.addingWorkingDays(random.int(5...14), to: submitted)
            if opinionOn <= today {
                let opinion: LegalityOpinion = random.weighted([(.lawful, 5), (.lawfulWithChanges, 8), (.unlawful, 1)])
                events.append(.giveOpinion(date: opinionOn, opinion: opinion, articles: opinion == .unlawful ? "《中华人民共和国行政许可法》第十七条" : "",
                                           text: opinion == .lawful ? "" : "第十二条设定的审批事项属于增设行政许可，应当删除；第二十条罚款数额超出上位法规定的幅度，应当修改。"))
                let adoptedOn = calendar.addingWorkingDays(random.int(5...15), to: opinionOn)
                if opinion != .unlawful, adoptedOn <= today {
                    serials["\(agency.prefix)\(year)", default: 0] += 1
                    let number = "\(agency.prefix)〔\(year)〕\(serials["\(agency.prefix)\(year)"]!)号"
                    events.append(.adopt(date: adoptedOn, documentNumber: number))
                    adopted.append((stories.count, number, org, title.replacingOccurrences(of: "（送审稿）", with: ""), text, adoptedOn))
                } else if opinion == .unlawful, adoptedOn <= today {
                    events.append(.withdraw(date: adoptedOn, note: "按审核意见修改后另行送审"))
                }
            }
            let draft = text
            stories.append(.init(opening: .init(org: org.id!, agency: org.id!, handler: nil, title: title, details: { record, rows in
                rows.add(NormativeReviewDraft(caseID: record.id!, text: draft))
            }), events: events))
        }
        let ids = try await CaseWorkflow<NormativeDocumentRules>(db: demo.db, calendar: calendar, actor: .command("demo")).openMany(stories)
        for (index, number, org, title, text, adoptedOn) in adopted {
            let published = adoptedOn.adding(days: random.int(3...10))
            guard published <= today else { continue }
            let document = try await register.create(.init(agencyID: org.id!.uuidString, number: number, title: title, body: text,
                                                           adoptedOn: adoptedOn.description, publishedOn: published.description, effectiveOn: nil,
                                                           validityYears: nil, amends: nil, repeals: nil,
                                                           reviewCaseID: ids.indices.contains(index) ? ids[index].id?.uuidString : nil), today: today)
            let filed = published.adding(days: random.int(5...20))
            if filed <= today { try await register.act(.init(kind: "file", date: filed.description), on: document, today: today) }
        }
        return stories.count
    }

    private func loadCleanups(orgs: [String: Org], scope: Scope, actor: AuditActor, random: inout DemoRandom) async throws -> Int {
        let today = demo.today
        let context = NormativeCleanups.Context(db: demo.db, scope: scope, actor: actor)
        let themes = ["涉及不平等对待企业的规范性文件专项清理", "妨碍统一市场和公平竞争的规范性文件专项清理", "涉及行政处罚的规范性文件专项清理",
                      "有效期届满前规范性文件集中清理", "与民法典不一致的规范性文件专项清理", "涉及营商环境的规范性文件专项清理"]
        var closed = 0
        for (index, year) in [today.year - 1, today.year - 1, today.year - 1, today.year, today.year, today.year].enumerated() {
            let started = CivilDate(year: year, month: 2 + (index % 3) * 3, day: 10)!
            guard started.adding(days: 40) <= today, let org = orgs[random.pick(Self.agencies).code] else { continue }
            let campaign = try await NormativeCleanups.open(.init(title: "\(year)年" + themes[index], startedOn: started.description,
                                                                  agencyID: org.id!.uuidString, expiringOnly: false), context, today: today)
            let items = try await NormativeCleanupItem.query(on: demo.db).filter(\.$campaign.$id == campaign.id!).all()
            for item in items {
                let decision: CleanupDecision = random.weighted([(.keep, 80), (.amend, 8), (.repeal, 7), (.declareExpired, 5)])
                try await NormativeCleanups.decide(campaign, item: item.id, .init(decision: decision.rawValue, date: started.adding(days: 20).description,
                                                                                 note: decision == .keep ? nil : "与上位法规定不一致或已不适应工作实际"),
                                                   context, today: today)
            }
            try await NormativeCleanups.close(campaign, date: started.adding(days: 30).description, context, today: today)
            closed += 1
        }
        return closed
    }

    /// A document's text: its articles — purpose and basis, scope, responsibilities, the substance, supervision,
    /// liability and entry into force — with the subject's words, so searches and similarity find what they should.
    static func text(subject: String, agency: String, law: String, random: inout DemoRandom) -> String {
        var articles = [
            "为了规范本区\(subject)工作，保障公民、法人和其他组织的合法权益，根据\(law)等法律、法规和规章的规定，结合本区实际，制定本办法。",
            "本办法适用于本区行政区域内\(subject)及其监督管理活动。",
            "\(agency)是本区\(subject)工作的主管部门，负责本办法的组织实施。发展改革、财政、市场监管等部门按照各自职责做好相关工作。",
            "街道办事处应当配合做好本辖区内\(subject)的有关工作，社区居民委员会予以协助。",
        ]
        let middle = [
            "\(agency)应当建立\(subject)工作台账，按季度汇总有关情况，并向社会公开。",
            "申请人应当如实提供有关材料，对材料的真实性负责。",
            "\(agency)应当自受理申请之日起十个工作日内作出决定；不符合条件的，书面告知理由。",
            "有关部门应当加强行政执法队伍建设，严格规范公正文明执法，落实行政执法公示、执法全过程记录和重大执法决定法制审核制度。",
            "\(subject)所需经费列入年度财政预算，专款专用，接受审计监督。",
            "鼓励社会力量参与\(subject)，引导行业协会加强自律管理。",
            "\(agency)应当会同有关部门开展\(subject)监督检查，发现问题的，责令限期改正。",
            "建立健全\(subject)信息共享机制，推进数据互联互通，提高服务效率。",
            "对在\(subject)工作中做出显著成绩的单位和个人，按照有关规定给予表彰。",
            "开展\(subject)应当遵循公开、公平、公正的原则，依法保护个人信息。",
        ]
        var pool = middle
        for _ in 0..<random.int(5...9) where !pool.isEmpty {
            articles.append(pool.remove(at: random.int(0...(pool.count - 1))))
        }
        if random.chance(0.3) { articles.append("违反本办法规定的，由\(agency)依照\(law)的规定予以处罚；构成犯罪的，依法追究刑事责任。") }
        if random.chance(0.15) { articles.append("相关费用按照市级价格主管部门核定的标准收取。") }
        articles.append("行政机关工作人员在\(subject)工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分。")
        articles.append("本办法自发布之日起施行。")
        return articles.enumerated().map { "第\(ChineseNumeral.text($0.offset + 1))条 \($0.element)" }.joined(separator: "\n")
    }
}
