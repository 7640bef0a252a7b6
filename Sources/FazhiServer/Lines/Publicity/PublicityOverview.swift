import Fluent
import FazhiCore
import Vapor

/// The publicity office's year on one page, counted from its books within the user's scope: events by type, the law
/// exam's completion per unit against its staff (the units below target), the 谁执法谁普法 ranking (the duty reports of
/// the year, `DutyReports.ranking`), the court-attendance batches' coverage of the state employees (`CourtCoverage.tally`),
/// and the 法律明白人 per community (those below target).
enum PublicityOverview {
    struct EventType: Content {
        let type: String
        let events: Int
        let reach: Int
    }

    struct ExamUnit: Content {
        let unit: String
        let staff: Int
        let sat: Int
        let completed: Int
        /// Completed / staff, in per cent with one decimal; nil without a staff count.
        let rate: Double?
        /// Below the target, or no staff count to measure it against.
        let belowTarget: Bool
    }

    struct Ranked: Content {
        let rank: Int
        let unit: String
        let score: Int
        let comments: String
    }

    struct Batch: Content {
        let batch: String
        let units: Int
        let attendees: Int
        /// Attendees so far (this batch and those before) of the units with a staff count / their staff, per cent
        /// (`CourtCoverage.tally`).
        let cumulativeCoverage: Double?
        /// Attendees so far of the units without a staff count: in no coverage.
        let unstaffedAttendees: Int
    }

    struct Community: Content {
        let community: String
        let liaisons: Int
        let activities: Int
        let belowTarget: Bool
    }

    struct Model: Content {
        let year: Int
        let examTarget: Int
        let liaisonTarget: Int
        let events: Int
        let eventTypes: [EventType]
        let examUnits: [ExamUnit]
        let examPeople: Int
        let staff: Int
        let ranking: [Ranked]
        /// The staff the court-attendance coverage is counted against (`CourtCoverage.staff`).
        let courtStaff: Int
        let batches: [Batch]
        let communities: [Community]
    }

    static func model(_ scope: Scope, year: Int, examTarget: Int, liaisonTarget: Int, on db: Database) async throws -> Model {
        let orgIDs = Array(scope.readableOrgIDs(.publicity))
        let from = "\(year)-01-01", through = "\(year)-12-31"
        func entries(_ kind: LedgerKind) async throws -> [LedgerEntry] {
            guard !orgIDs.isEmpty else { return [] }
            return try await LedgerEntry.query(on: db).filter(\.$kind == kind.code).filter(\.$org.$id ~~ orgIDs)
                .filter(\.$occurredOn >= from).filter(\.$occurredOn <= through).all()
        }
        let events = try await entries(PublicityBooks.events)
        var byType: [String: (events: Int, reach: Int)] = [:]
        for event in events {
            let type = LedgerFields.decode(event.fields)["type"] ?? ""
            let key = type.isEmpty ? "其他" : type
            byType[key, default: (0, 0)].events += 1
            byType[key, default: (0, 0)].reach += event.quantity
        }
        let types: [EventType] = byType.map { EventType(type: $0.key, events: $0.value.events, reach: $0.value.reach) }
            .sorted { $0.events != $1.events ? $0.events > $1.events : $0.type < $1.type }

        var staff: [String: Int] = [:]
        for entry in try await entries(PublicityBooks.examUnits) { staff[entry.title] = max(staff[entry.title] ?? 0, entry.quantity) }
        var sat: [String: Int] = [:], completed: [String: Int] = [:]
        for entry in try await entries(PublicityBooks.examResults) {
            sat[entry.title, default: 0] += 1
            if entry.fields.contains(PublicityMetrics.completedField) { completed[entry.title, default: 0] += 1 }
        }
        let units = Set(staff.keys).union(sat.keys).sorted().map { unit -> ExamUnit in
            let done = completed[unit] ?? 0, count = staff[unit] ?? 0
            let rate = count == 0 ? nil : (Double(done) * 1000 / Double(count)).rounded() / 10
            return ExamUnit(unit: unit, staff: count, sat: sat[unit] ?? 0, completed: done, rate: rate,
                            belowTarget: rate.map { $0 < Double(examTarget) } ?? true)
        }.sorted { ($0.rate ?? -1) < ($1.rate ?? -1) }

        // The duty reports of the year by their own year, ranked as the duty-report page ranks them.
        let ranking = try await DutyReports.ranking(scope, year: year, on: db).ranked.map { report in
            Ranked(rank: report.rank ?? 0, unit: report.agency, score: report.score ?? 0, comments: report.comments ?? "")
        }

        // The batches by number of attendees, their coverage counted as the court-attendance page counts it.
        let attendance = try await entries(PublicityBooks.courtAttendance).map { entry in
            CourtCoverage.Attendance(batch: entry.title, day: entry.occurredOn, unit: LedgerFields.decode(entry.fields)["unit"] ?? "",
                                     person: nil, count: entry.quantity)
        }
        let coverage = CourtCoverage.tally(attendance, staff: try await CourtCoverage.staff(orgIDs, year: year, on: db), year: year)
        let batches = coverage.batches.enumerated().map { index, batch in
            let rows = attendance.filter { $0.batch == batch }
            return Batch(batch: batch, units: Set(rows.map(\.unit)).count, attendees: rows.map(\.count).reduce(0, +),
                         cumulativeCoverage: coverage.coverage[index], unstaffedAttendees: coverage.unstaffedAttended[index])
        }

        var liaisons: [String: Int] = [:], activities: [String: Int] = [:]
        if !orgIDs.isEmpty {
            let active = try await RegisterEntry.query(on: db).filter(\.$kind == PublicityBooks.liaisons.code).filter(\.$org.$id ~~ orgIDs)
                .filter(\.$activeFrom <= through).group(.or) { $0.filter(\.$activeTo == nil).filter(\.$activeTo > through) }.all(\.$fields)
            for fields in active { liaisons[LedgerFields.decode(fields)["community"] ?? "", default: 0] += 1 }
        }
        for entry in try await entries(PublicityBooks.liaisonActivities) {
            activities[LedgerFields.decode(entry.fields)["community"] ?? "", default: 0] += 1
        }
        let communities = Set(liaisons.keys).union(activities.keys).filter { !$0.isEmpty }.sorted().map { name in
            Community(community: name, liaisons: liaisons[name] ?? 0, activities: activities[name] ?? 0, belowTarget: (liaisons[name] ?? 0) < liaisonTarget)
        }.sorted { $0.liaisons != $1.liaisons ? $0.liaisons < $1.liaisons : $0.community < $1.community }

        return Model(year: year, examTarget: examTarget, liaisonTarget: liaisonTarget, events: events.count, eventTypes: types, examUnits: units,
                     examPeople: completed.values.reduce(0, +), staff: staff.values.reduce(0, +), ranking: ranking, courtStaff: coverage.staff,
                     batches: batches, communities: communities)
    }

    static func parameters(_ req: Request) throws -> (year: Int, examTarget: Int, liaisonTarget: Int) {
        func number(_ name: String, _ range: ClosedRange<Int>, default value: Int, _ message: String) throws -> Int {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return value }
            guard let number = Int(text), range.contains(number) else { throw QueryParameterError(field: name, message: message) }
            return number
        }
        return (try number("year", 2000...2100, default: ChinaTime.today.year, "年份须为2000至2100之间的整数"),
                try number("examTarget", 1...100, default: 95, "考试完成率目标须为1至100之间的整数（%）"),
                try number("liaisonTarget", 1...1000, default: 8, "每个社区“法律明白人”目标人数须为1至1000之间的整数"))
    }

    static func routes(_ routes: RoutesBuilder) {
        routes.get("api", "v1", "publicity", "overview") { req async throws -> Model in
            let scope = try readable(req)
            let (year, examTarget, liaisonTarget) = try parameters(req)
            return try await model(scope, year: year, examTarget: examTarget, liaisonTarget: liaisonTarget, on: req.db)
        }.openAPI("普法年度情况：活动按类型、学法考试各单位完成率及未达标单位、“谁执法谁普法”评议排名、旁听庭审各批次覆盖率、各社区“法律明白人”（year、examTarget、liaisonTarget）",
                  tag: "publicity", responses: [200: "成功", 400: "参数有误", 403: "无权限"])
        routes.get("publicity", use: page)
    }

    static func readable(_ req: Request) throws -> Scope {
        let scope = try req.scope
        guard scope.canRead(.publicity) else { throw Abort(.forbidden, reason: "您没有查看普法工作的权限") }
        return scope
    }

    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0) } ?? "—" }

    @Sendable static func page(_ req: Request) async throws -> Response {
        let scope = try readable(req)
        let (year, examTarget, liaisonTarget) = try parameters(req)
        let model = try await model(scope, year: year, examTarget: examTarget, liaisonTarget: liaisonTarget, on: req.db)
        let below = model.examUnits.filter(\.belowTarget)
        return try await req.page("普法工作（\(year)年）") {
            el("form", Attribute("method", "get"), .class("inline")) {
                textField("year", label: "年度", state: FormState(values: ["year": String(year)]), type: "number")
                textField("examTarget", label: "考试完成率目标（%）", state: FormState(values: ["examTarget": String(examTarget)]), type: "number")
                textField("liaisonTarget", label: "每社区“法律明白人”目标（名）", state: FormState(values: ["liaisonTarget": String(liaisonTarget)]), type: "number")
                submitButton("查看")
            }
            el("p", .class("lead")) {
                "\(year)年开展法治宣传活动\(model.events)场次；\(model.examUnits.filter { $0.completed > 0 }.count)家单位\(model.examPeople)名国家工作人员完成学法用法考试，"
                    + "\(below.count)家单位未达到\(examTarget)%的完成率目标。"
            }
            el("p") {
                for (path, title) in [("/ledgers/publicity.examResult/import", "导入考试成绩表"), ("/ledgers/publicity.examUnit", "各单位应考人数"),
                                      ("/ledgers/publicity.event", "普法活动台账"), ("/registers/liaison", "法律明白人名册"),
                                      ("/publicity/duty-reports?year=\(year)", "履职报告提交与评议"),
                                      ("/publicity/court-attendance?year=\(year)", "旁听庭审覆盖情况")] {
                    el("a", .href(path)) { title }
                    " "
                }
            }
            dataTable(caption: "普法活动按类型", headers: ["活动类型", "场次", "参与人数"], rows: model.eventTypes.map {
                [.text($0.type), .text(String($0.events)), .text(String($0.reach))]
            }, empty: "本年度尚无普法活动")
            dataTable(caption: "学法用法考试完成情况（完成率由低到高）", headers: ["单位", "应考人数", "参考人数", "完成人数", "完成率", ""],
                      rows: model.examUnits.map { unit in
                [.text(unit.unit), .text(unit.staff == 0 ? "—" : String(unit.staff)), .text(String(unit.sat)), .text(String(unit.completed)),
                 .text(percent(unit.rate)),
                 unit.staff == 0 ? badge("未设应考人数", tone: "warn") : unit.belowTarget ? badge("未达标", tone: "danger") : badge("达标", tone: "ok")]
            }, empty: "本年度尚未导入考试成绩")
            dataTable(caption: "“谁执法谁普法”履职报告评议排名", headers: ["名次", "单位", "评议得分", "评议意见"], rows: model.ranking.map {
                [.text(String($0.rank)), .text($0.unit), .text(String($0.score)), .text($0.comments)]
            }, empty: "本年度尚无评议")
            dataTable(caption: "旁听庭审（覆盖率按有应考人数的单位合计\(model.courtStaff)人计）",
                      headers: ["批次", "单位", "旁听人数", "累计覆盖率", "未登记应考人数单位累计旁听（不计入覆盖率）"], rows: model.batches.map {
                [.text($0.batch), .text(String($0.units)), .text(String($0.attendees)), .text(percent($0.cumulativeCoverage)),
                 .text(String($0.unstaffedAttendees))]
            }, empty: "本年度尚无旁听庭审")
            dataTable(caption: "各社区“法律明白人”（年末在册；少于\(liaisonTarget)名的标出）", headers: ["社区", "法律明白人", "本年活动", ""],
                      rows: model.communities.map {
                [.text($0.community), .text(String($0.liaisons)), .text(String($0.activities)),
                 $0.belowTarget ? badge("低于目标", tone: "warn") : .text("")]
            }, empty: "名册中尚无法律明白人")
        }
    }
}
