import Fluent
import FazhiCore
import Vapor

/// The demo's enforcement supervision, at the reference report's scale for last year (61 trainings, 74 inspections,
/// 28 entrepreneur-supervisor participations, 18 categories / 47 items proposed for recall) and this year through
/// today: the double plan, every training and inspection recorded against it, the findings' rectifications reported
/// and accepted (a few overdue this year) — all through `EnforcementWork`, the pages' own write path, one transaction
/// per year.
struct EnforcementDemo {
    static let officer = "zhifa"
    static let agencyOfficer = "zhifa-shijian"

    let demo: DemoCases

    static let trainingTopics = ["行政执法人员综合法律知识培训", "行政处罚法专题培训", "行政执法“三项制度”培训", "行政裁量权基准适用培训",
                                 "行政执法文书规范制作培训", "行政检查规范化培训"]
    static let inspectionTopics = ["行政处罚案卷评查", "涉企行政检查专项监督", "行政执法公示制度落实情况", "执法全过程记录制度落实情况",
                                   "重大执法决定法制审核制度落实情况", "行政裁量权基准执行情况"]
    static let findings: [(category: String, text: String)] = [
        ("procedure", "抽查的行政处罚案卷中，部分案卷未在作出处罚决定前告知当事人陈述、申辩的权利。"),
        ("documents", "部分执法文书未载明救济途径和期限，文书编号不连续。"),
        ("discretion", "部分案件未说明适用行政裁量权基准的理由，同类案件处罚幅度差异较大。"),
        ("recording", "现场检查未按规定进行全过程音像记录，记录未及时归档。"),
        ("publicity", "行政执法决定未在规定期限内公示。"),
        ("evidence", "部分案件现场检查笔录缺少当事人签字，证据链不完整。"),
    ]
    static let recallCategories = ["城市管理类", "市场监管类", "生态环境类", "卫生健康类", "文化旅游类", "住房建设类", "交通运输类", "应急管理类",
                                   "民政类", "人力社保类", "教育类", "水务类", "园林绿化类", "商务类", "农业农村类", "体育类", "退役军人事务类",
                                   "规划资源类"]
    static let supervisorNames: [(String, String)] = [
        ("周建国", "天津河东鑫源商贸有限公司"), ("吴海燕", "天津津东物流有限公司"), ("郑志强", "天津东方餐饮管理有限公司"), ("王丽华", "天津河东科技发展有限公司"),
        ("冯卫东", "天津海河建筑工程有限公司"), ("陈晓梅", "天津东站商业管理有限公司"), ("褚国庆", "天津大直沽酒业有限公司"), ("卫红霞", "天津春华物业服务有限公司"),
        ("蒋立新", "天津河东医药连锁有限公司"), ("沈明辉", "天津中山门汽车服务有限公司"), ("韩秀英", "天津二号桥文化传媒有限公司"), ("杨振宇", "天津东新环保科技有限公司"),
    ]

    func load(random: inout DemoRandom) async throws -> [String] {
        let db = demo.db, today = demo.today
        guard let bureau = try await Org.query(on: db).filter(\.$code == DemoData.bureauCode).first() else { return [] }
        let agencies = try await Org.query(on: db).filter(\.$kind == .agency).sort(\.$code).all()
        guard !agencies.isEmpty else { return [] }
        let user = try await demo.user(Self.officer)
        let actor = AuditActor.user(user)
        let scale = demo.scale

        // The entrepreneur supervisors' register, appointed at the start of last year.
        let supervisorKind = EnforcementSupervisionBooks.supervisors
        let supervisorRows = Self.supervisorNames.enumerated().map { index, person in
            let values = ["name": person.0, "company": person.1, "activeFrom": "\(today.year - 1)-01-01"]
            return SheetValidator.Row(number: index + 1, values: values, naturalKey: supervisorKind.naturalKey(of: values))
        }
        try await db.transaction { tx in
            try await BookWriter(db: tx, kind: supervisorKind, org: bureau.id!, actor: actor).insertLogged(supervisorRows)
        }
        let supervisors = try await RegisterEntry.query(on: db).filter(\.$kind == supervisorKind.code).sort(\.$name).all().map { $0.id! }

        let clock = RectificationClock(calendar: demo.calendar, catalogue: demo.modules.deadlineCatalogue)
        var clauses: [String] = []
        var totals = (trainings: 0, inspections: 0, findings: 0, overdue: 0)
        for year in [today.year - 1, today.year] {
            let story = Story(year: year, today: today, agencies: agencies.count, scale: scale, random: &random)
            let counts = try await db.transaction { tx in
                try await story.record(office: bureau, agencies: agencies, supervisors: supervisors, clock: clock, actor: actor, on: tx)
            }
            totals.trainings += counts.trainings
            totals.inspections += counts.inspections
            totals.findings += counts.findings
            totals.overdue += counts.overdue
        }
        clauses.append("行政执法培训 \(totals.trainings) 场次")
        clauses.append("行政执法监督检查 \(totals.inspections) 次（问题 \(totals.findings) 个，逾期未整改 \(totals.overdue) 个）")
        clauses.append("赋权事项回收建议 \(try await loadRecall(bureau: bureau.id!, actor: actor, scale: scale)) 项")
        clauses.append("司法所协调监督 \(try await loadStations(actor: actor, random: &random)) 次")
        return clauses
    }

    /// One year's plan and what was held against it, drawn up front so the writes need no random source.
    struct Story {
        struct PlanItem {
            let kind: PlanKind
            let agency: Int
            let topic: String
            let month: Int
            var planned: Int
            /// Days of the month on which a session was held (fewer than planned when behind).
            var held: [Int]
        }

        let year: Int
        let today: CivilDate
        var items: [PlanItem] = []
        /// Per inspection (in order of the supervision items' sessions): whether it is joint, the supervisors joining.
        var supervisorsJoining: [Int] = []
        var returned: Set<Int> = []

        init(year: Int, today: CivilDate, agencies: Int, scale: Double, random: inout DemoRandom) {
            self.year = year
            self.today = today
            for (kind, full, topics) in [(PlanKind.training, 61, EnforcementDemo.trainingTopics), (.supervision, 74, EnforcementDemo.inspectionTopics)] {
                let sessions = max(1, Int((Double(full) * scale).rounded()))
                var byLine: [String: Int] = [:]
                for index in 0..<sessions {
                    let agency = index % agencies, month = 1 + index * 12 / sessions
                    let topic = topics[(index / agencies) % topics.count]
                    let key = "\(agency)|\(month)|\(topic)"
                    if let at = byLine[key] {
                        items[at].planned += 1
                    } else {
                        byLine[key] = items.count
                        items.append(PlanItem(kind: kind, agency: agency, topic: topic, month: month, planned: 1, held: []))
                    }
                }
            }
            // Last year every session was held; this year those of months gone by, but for a few left behind.
            for index in items.indices {
                for _ in 0..<items[index].planned {
                    let day = random.int(3...26)
                    guard let date = CivilDate(year: year, month: items[index].month, day: day), date <= today else { continue }
                    if year == today.year && random.chance(0.06) { continue }
                    items[index].held.append(day)
                }
            }
            let inspections = items.filter { $0.kind == .supervision }.map(\.held.count).reduce(0, +)
            // 28 participations last year, two supervisors to a joint inspection.
            var participations = max(0, Int((28 * scale).rounded()))
            supervisorsJoining = (0..<inspections).map { index in
                guard index % 5 == 2 || index % 5 == 4, participations > 0 else { return 0 }
                let joining = min(2, participations)
                participations -= joining
                return joining
            }
            returned = Set((0..<inspections).filter { _ in random.chance(0.1) })
        }

        func record(office: Org, agencies: [Org], supervisors: [UUID], clock: RectificationClock, actor: AuditActor, on db: Database) async throws
            -> (trainings: Int, inspections: Int, findings: Int, overdue: Int) {
            var counts = (trainings: 0, inspections: 0, findings: 0, overdue: 0)
            var inspection = 0
            for item in items {
                let agency = agencies[item.agency]
                let line = try await EnforcementWork.addPlanLine(
                    .init(year: year, kind: item.kind.rawValue, agencyID: agency.id!, topic: item.topic, month: item.month, planned: item.planned),
                    office: office, agencies: agencies, actor: actor, on: db)
                for day in item.held {
                    let heldOn = CivilDate(year: year, month: item.month, day: day)!
                    if item.kind == .training {
                        let others = agencies.indices.filter { $0 != item.agency && ($0 + day) % 4 == 0 }.prefix(2)
                        let attendance = ([item.agency] + others).map { EnforcementWork.AttendanceInput(agencyID: agencies[$0].id!, attendees: 20 + ($0 * 7 + day) % 60) }
                        _ = try await EnforcementWork.recordTraining(.init(heldOn: heldOn.description, topic: item.topic, planLineID: line.id, attendance: attendance),
                                                                     office: office, agencies: agencies, today: today, actor: actor, on: db)
                        counts.trainings += 1
                        continue
                    }
                    let joining = supervisorsJoining[inspection]
                    let chosen = supervisors.isEmpty ? [] : (0..<joining).map { supervisors[(inspection + $0 * 5) % supervisors.count] }
                    let finding = EnforcementDemo.findings[inspection % EnforcementDemo.findings.count]
                    let findings: [EnforcementWork.FindingInput] = inspection % 2 == 0
                        ? [.init(agencyID: agency.id!, category: finding.category, description: finding.text, dueOn: nil)] : []
                    let (_, written) = try await EnforcementWork.recordInspection(
                        .init(kind: joining > 0 ? InspectionKind.joint.rawValue : InspectionKind.special.rawValue, heldOn: heldOn.description,
                              topic: item.topic, planLineID: line.id, agencyIDs: [agency.id!], filesReviewed: 6 + (inspection * 7) % 20,
                              participants: "行政执法协调监督科执法监督人员", supervisorIDs: chosen, findings: findings),
                        office: office, agencies: agencies, today: today, clock: clock, actor: actor, on: db)
                    for record in written {
                        counts.findings += 1
                        counts.overdue += try await rectify(record, returned: returned.contains(inspection), serial: inspection, clock: clock, actor: actor,
                                                        on: db) ? 1 : 0
                    }
                    inspection += 1
                    counts.inspections += 1
                }
            }
            return counts
        }

        /// The agency reports within the deadline and the office accepts (some after a return); of this year's, one in
        /// six is left overdue and one in six awaits acceptance. Returns whether it is left overdue.
        private func rectify(_ finding: EnforcementFinding, returned: Bool, serial: Int, clock: RectificationClock, actor: AuditActor,
                             on db: Database) async throws -> Bool {
            let notified = CivilDate(string: finding.notifiedOn)!, due = CivilDate(string: finding.dueOn)!
            let reportedOn = notified.adding(days: 12 + serial % 15)
            guard reportedOn < today else { return false }
            if year == today.year && serial % 6 == 0 { return due < today }
            try await EnforcementWork.report(.init(reportedOn: reportedOn.description, report: "已对照问题逐项整改，完善了相关制度并组织执法人员专题学习。"),
                                             finding: finding, today: today, actor: actor, on: db)
            if year == today.year && serial % 6 == 2 { return false }
            var reviewedOn = reportedOn.adding(days: 5)
            guard reviewedOn <= today else { return false }
            if returned {
                try await EnforcementWork.review(.init(reviewedOn: reviewedOn.description, accept: false, comment: "整改材料不完整，请补充制度文件和培训记录。"),
                                                 finding: finding, today: today, clock: clock, actor: actor, on: db)
                let again = reviewedOn.adding(days: 7)
                guard again.adding(days: 5) <= today else { return false }
                try await EnforcementWork.report(.init(reportedOn: again.description, report: "已补充制度文件和培训签到记录。"),
                                                 finding: finding, today: today, actor: actor, on: db)
                reviewedOn = again.adding(days: 5)
            }
            try await EnforcementWork.review(.init(reviewedOn: reviewedOn.description, accept: true, comment: "整改到位。"),
                                             finding: finding, today: today, clock: clock, actor: actor, on: db)
            return false
        }
    }

    /// The streets' empowered matters (delegated three years before) and last year's evaluation of each: 47 items in 18
    /// categories proposed for recall, the others kept. Returns the items proposed for recall.
    private func loadRecall(bureau: UUID, actor: AuditActor, scale: Double) async throws -> Int {
        let matters = EnforcementSupervisionBooks.empoweredMatters, evaluations = EnforcementSupervisionBooks.evaluations
        let total = max(1, Int((120 * scale).rounded())), recalled = min(total, max(1, Int((47 * scale).rounded())))
        let categories = Self.recallCategories, streets = DemoData.streets, year = demo.today.year - 1
        var register: [SheetValidator.Row] = [], verdicts: [SheetValidator.Row] = []
        for index in 0..<total {
            let category = categories[index % categories.count], street = streets[index % streets.count]
            let name = "\(category.dropLast())事项第\(index / categories.count + 1)项"
            let matter = ["name": name, "category": category, "street": street, "basis": "《天津市街道综合执法暂行办法》及赋权清单",
                          "activeFrom": "\(year - 3)-06-01"]
            register.append(SheetValidator.Row(number: index + 1, values: matter, naturalKey: matters.naturalKey(of: matter)))
            let recall = index < recalled
            let verdict = ["occurredOn": "\(year)-11-\(10 + index % 15)", "category": category, "title": name, "street": street,
                           "quantity": String(recall ? index % 3 : 5 + index % 70), "result": recall ? EnforcementMetrics.recall : EnforcementMetrics.keep,
                           "reasons": recall ? "评估期内行使次数少，街道缺乏专业执法力量和技术手段" : "街道行使情况良好，承接能力与事项相匹配"]
            verdicts.append(SheetValidator.Row(number: index + 1, values: verdict, naturalKey: evaluations.naturalKey(of: verdict)))
        }
        let filed = (register, verdicts)
        try await demo.db.transaction { tx in
            try await BookWriter(db: tx, kind: matters, org: bureau, actor: actor).insertLogged(filed.0)
            try await BookWriter(db: tx, kind: evaluations, org: bureau, actor: actor).insertLogged(filed.1)
        }
        return recalled
    }

    /// Each station's coordination supervision in its street, about once a quarter.
    private func loadStations(actor: AuditActor, random: inout DemoRandom) async throws -> Int {
        let kind = EnforcementSupervisionBooks.stationSupervision, today = demo.today
        let stations = try await Org.query(on: demo.db).filter(\.$kind == .judicialStation).sort(\.$code).all()
        var byStation: [(UUID, [SheetValidator.Row])] = []
        for station in stations {
            var rows: [SheetValidator.Row] = []
            for year in [today.year - 1, today.year] {
                for quarter in 0..<4 {
                    let day = CivilDate(year: year, month: quarter * 3 + 2, day: random.int(5...25))!
                    guard day <= today else { continue }
                    let values = ["occurredOn": day.description, "title": random.pick(["街道综合执法队行政处罚案卷评查", "街道行政检查现场监督", "赋权事项实施情况走访"]),
                                  "quantity": String(random.int(3...15)), "referred": String(random.int(0...2)), "note": ""]
                    rows.append(SheetValidator.Row(number: rows.count + 1, values: values, naturalKey: kind.naturalKey(of: values)))
                }
            }
            byStation.append((station.id!, rows))
        }
        let filed = byStation
        try await demo.db.transaction { tx in
            for (station, rows) in filed {
                try await BookWriter(db: tx, kind: kind, org: station, actor: actor).insertLogged(rows)
            }
        }
        return filed.map(\.1.count).reduce(0, +)
    }
}
