import Fluent
import FazhiCore
import Vapor

/// The demo's publicity at the reference report's scale for last year — about 105 events, 4,319 state employees of 72
/// units completing the law exam, 899 法律明白人 active at year end holding 2,432 activities — with the units' staff
/// counts (a few units below target), the 谁执法谁普法 review and this year's court-attendance batches; written through
/// `BookWriter`, the import's own write path, one transaction per book.
struct PublicityDemo {
    static let officer = "pufa"
    /// The market regulator's officer of the line, who submits its duty report.
    static let agencyOfficer = "pufa-shijian"

    let demo: DemoCases

    static let eventTypes = PublicityBooks.eventTypes.seed
    static func dutyReportText(_ agency: String, year: Int) -> String {
        """
        \(year)年，\(agency)认真落实“谁执法谁普法”普法责任制，制定普法责任清单，明确普法内容、对象和责任科室。
        结合执法办案开展以案释法，在执法过程中向当事人和社会公众释法说理；组织本系统国家工作人员参加学法用法考试和旁听庭审。
        下一步将进一步扩大普法宣传覆盖面，完善普法工作考核机制。
        """
    }

    /// The demo's photo of an event: a real PNG (24 × 16, the bureau's red), small enough to keep in the source.
    static let photo = [UInt8](Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAAGklEQVR42mM4oaFBFcQwatCoQaMGjRpEGQIATMGkEOEozAAAAAAASUVORK5CYII=")!)
    static let unitKinds = ["局", "委员会", "中心", "街道办事处", "管理所", "服务中心"]

    func load(random: inout DemoRandom) async throws -> [String] {
        let db = demo.db, today = demo.today, scale = demo.scale
        guard let bureau = try await Org.query(on: db).filter(\.$code == DemoData.bureauCode).first() else { return [] }
        let actor = AuditActor.user(try await demo.user(Self.officer))
        let year = today.year - 1
        func day(_ index: Int, of count: Int, in year: Int) -> CivilDate {
            CivilDate(year: year, month: 1, day: 1)!.adding(days: min(363, index * 364 / max(1, count)))
        }
        func row(_ kind: LedgerKind, _ number: Int, _ values: [String: String]) -> SheetValidator.Row {
            SheetValidator.Row(number: number, values: values, naturalKey: kind.naturalKey(of: values))
        }
        func rows(_ kind: RegisterKind, _ number: Int, _ values: [String: String]) -> SheetValidator.Row {
            SheetValidator.Row(number: number, values: values, naturalKey: kind.naturalKey(of: values))
        }
        var books: [(any BookKind, [SheetValidator.Row])] = []

        // Events: about 105 last year, this year's through today.
        var events: [SheetValidator.Row] = []
        for (eventYear, count) in [(year, Int((105 * scale).rounded())), (today.year, Int((100 * scale).rounded()))] {
            for index in 0..<count {
                let date = day(index, of: count, in: eventYear)
                guard date <= today else { break }
                let type = Self.eventTypes[index % Self.eventTypes.count], street = DemoData.streets[index % DemoData.streets.count]
                events.append(row(PublicityBooks.events, events.count + 1, [
                    "occurredOn": date.description, "title": "\(type)·\(street)第\(index / DemoData.streets.count + 1)场", "type": type,
                    "organizer": index % 3 == 0 ? "法治宣传科" : "\(street)司法所", "place": "\(street)社区服务中心",
                    "audience": ["社区居民", "中小学生", "企业职工", "老年人"][index % 4], "quantity": String(random.int(40...400)),
                ]))
            }
        }
        books.append((PublicityBooks.events, events))

        // The exam: 72 units, 4,319 completed (and a few who sat it without completing), each unit's staff.
        let unitCount = max(1, Int((72 * scale).rounded())), people = Int((4319 * scale).rounded())
        let agencyNames = DemoData.agencies.map(\.1)
        let units = (0..<unitCount).map { index in
            index < agencyNames.count ? agencyNames[index] : "河东区第\(index + 1)\(Self.unitKinds[index % Self.unitKinds.count])"
        }
        var results: [SheetValidator.Row] = [], staff: [SheetValidator.Row] = [], unitPeople: [String: [String]] = [:]
        let examDay = CivilDate(year: year, month: 10, day: 20)!.description
        for (index, unit) in units.enumerated() {
            let done = people / unitCount + (index < people % unitCount ? 1 : 0)
            let notDone = index % 9 == 0 ? random.int(3...8) : random.int(0...1)
            for person in 0..<(done + notDone) {
                let name = String(DemoPeople.surnames[person % DemoPeople.surnames.count])
                    + DemoPeople.given[(person / DemoPeople.surnames.count) % DemoPeople.given.count] + (person >= 400 ? String(person) : "")
                unitPeople[unit, default: []].append(name)
                results.append(row(PublicityBooks.examResults, results.count + 1, [
                    "occurredOn": examDay, "title": unit, "person": name, "score": String(person < done ? random.int(70...100) : random.int(0...59)),
                    "completed": person < done ? "是" : "否",
                ]))
            }
            staff.append(row(PublicityBooks.examUnits, staff.count + 1, ["occurredOn": "\(year)-01-05", "title": unit,
                                                                          "quantity": String(done + notDone + random.int(0...2))]))
        }
        books.append((PublicityBooks.examResults, results))
        books.append((PublicityBooks.examUnits, staff))

        // 谁执法谁普法: the review's scores, drawn here (after the exam's) so the rest of the demo draws what it always did; the
        // reports are submitted and reviewed below, through `DutyReports`.
        let dutyScores = agencyNames.map { _ in random.int(78...98) }

        // Court attendance: this year's batches of the plan to bring every state employee to a hearing, each unit's count and
        // who attended by name (the exam's people of the unit, from a different third in each batch; a batch larger than a third
        // brings some back, who count once).
        var attendance: [SheetValidator.Row] = [], attendees: [SheetValidator.Row] = []
        for (batch, month) in [("第一批", 4), ("第二批", 7), ("第三批", 10)] {
            guard let date = CivilDate(year: today.year, month: month, day: 18), date <= today else { continue }
            for unit in units.prefix(24) {
                let count = random.int(8...30)
                attendance.append(row(PublicityBooks.courtAttendance, attendance.count + 1, [
                    "occurredOn": date.description, "title": "\(today.year)年\(batch)", "unit": unit, "quantity": String(count),
                    "hearing": "河东区人民法院行政诉讼案件公开庭审",
                ]))
                let staffOfUnit = unitPeople[unit] ?? [], third = (month - 4) / 3
                for person in 0..<min(count, staffOfUnit.count) {
                    let index = (third * staffOfUnit.count / 3 + person) % staffOfUnit.count
                    let values = ["occurredOn": date.description, "title": "\(today.year)年\(batch)", "unit": unit, "person": staffOfUnit[index],
                                  "hearing": "河东区人民法院行政诉讼案件公开庭审"]
                    attendees.append(row(PublicityBooks.courtAttendees, attendees.count + 1, values))
                }
            }
        }
        books.append((PublicityBooks.courtAttendance, attendance))
        // One row per person and batch (the kind's key): a repeat within the batch is left out.
        var attendeeKeys = Set<String>()
        books.append((PublicityBooks.courtAttendees, attendees.filter { attendeeKeys.insert($0.naturalKey).inserted }))

        // 法律明白人: 899 active at last year's end in the streets' communities (a few more who left), 2,432 activities.
        let communities = DemoData.streets.flatMap { street in (1...8).map { "\(street)第\($0)社区" } }
        let active = Int((899 * scale).rounded()), leaving = Int((30 * scale).rounded())
        var liaisons: [SheetValidator.Row] = [], names: [(String, String)] = []
        for index in 0..<(active + leaving) {
            let community = communities[index % communities.count], serial = index / communities.count
            let name = String(DemoPeople.surnames[(index * 7) % DemoPeople.surnames.count]) + DemoPeople.given[serial % DemoPeople.given.count]
                + (serial >= DemoPeople.given.count ? String(serial) : "")
            var values = ["name": name, "community": community, "activeFrom": "\(year - 1)-0\(1 + index % 9)-01"]
            if index >= active { values["activeTo"] = "\(year)-0\(1 + index % 9)-15" } else { names.append((name, community)) }
            liaisons.append(rows(PublicityBooks.liaisons, liaisons.count + 1, values))
        }
        let activityCount = Int((2432 * scale).rounded())
        var activities: [SheetValidator.Row] = []
        for index in 0..<activityCount where !names.isEmpty {
            let (name, community) = names[index % names.count]
            activities.append(row(PublicityBooks.liaisonActivities, activities.count + 1, [
                "occurredOn": day((index * 37) % activityCount, of: activityCount, in: year).description, "liaison": name,
                "title": ["民法典进家庭宣讲", "反电诈宣传", "矛盾纠纷排查化解", "法律援助政策宣传"][(index / names.count) % 4], "community": community,
                "quantity": String(random.int(10...60)),
            ]))
        }
        books.append((PublicityBooks.liaisons, liaisons))
        books.append((PublicityBooks.liaisonActivities, activities))

        let filed = books
        let eventIDs = try await db.transaction { tx -> [UUID] in
            var eventIDs: [UUID] = []
            for (kind, rows) in filed where !rows.isEmpty {
                let ids = try await BookWriter(db: tx, kind: kind, org: bureau.id!, actor: actor).insertLogged(rows)
                if kind.code == PublicityBooks.events.code { eventIDs = ids.compactMap { $0 } }
            }
            return eventIDs
        }
        // 谁执法谁普法: every agency reported on last year and was reviewed at year end; this year the market regulator has
        // reported and awaits review — submitted and reviewed as on the duty-report pages.
        let agencies = try await Org.query(on: db).filter(\.$kind == .agency).filter(\.$path =~ bureau.path).sort(\.$code).all()
        let comments = ["普法责任清单落实到位", "以案释法有特色", "普法宣传覆盖面有待扩大"]
        for (index, agency) in agencies.enumerated() {
            let report = try await DutyReports.submit(
                try DutyReportRules.submission(year: String(year), title: "\(agency.name)\(year)年度“谁执法谁普法”履职报告",
                                               text: Self.dutyReportText(agency.name, year: year), today: today),
                file: nil, agency: agency, by: .agency, on: CivilDate(year: year, month: 12, day: 1)!, actor: actor, on: db)
            try await DutyReports.review(try DutyReportRules.review(score: String(dutyScores[index % dutyScores.count]), comments: comments[index % 3]),
                                         of: report.id!, office: agency.$parent.id ?? bureau.id!, on: CivilDate(year: year, month: 12, day: 10)!,
                                         actor: actor, on: db)
        }
        if let market = agencies.first(where: { $0.code.hasSuffix("-AG-SJ") }), today.month > 1 {
            _ = try await DutyReports.submit(
                try DutyReportRules.submission(year: String(today.year), title: "\(market.name)\(today.year)年度“谁执法谁普法”履职报告（上半年）",
                                               text: Self.dutyReportText(market.name, year: today.year), today: today),
                file: nil, agency: market, by: .agency, on: today, actor: AuditActor.user(try await demo.user(Self.agencyOfficer)), on: db)
        }
        // A photo with the first events of last year, checked and stored as an upload on the event's page is.
        let photo = Self.photo
        let type = try UploadType.check(filename: "活动现场.png", bytes: photo, accepted: PublicityBooks.events.attachmentTypes)
        let photographed = eventIDs.prefix(max(1, Int((12 * scale).rounded())))
        for id in photographed {
            _ = try await EntryAttachments.store(Data(photo), filename: "活动现场.png", type: type, kind: PublicityBooks.events,
                                                 entry: id, org: bureau.id!, actor: actor, on: db)
        }
        return ["普法活动 \(events.count) 场次（\(photographed.count) 场附现场照片）", "“谁执法谁普法”履职报告 \(agencies.count) 份已评议", "学法考试成绩 \(results.count) 人（\(unitCount) 家单位）",
                "法律明白人 \(liaisons.count) 名、活动 \(activities.count) 场次"]
    }
}
