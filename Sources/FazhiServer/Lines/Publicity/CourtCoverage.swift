import Fluent
import FazhiCore
import Vapor

/// 旁听庭审 by employee: who of each unit attended which batch (`publicity.courtAttendee`), and how much of the unit's
/// state employees that covers after each batch — distinct people, so one who attends twice counts once — against the
/// unit's staff in the law exam's latest count up to the year's end (`publicity.examUnit`). The 2025 plan's goal is every
/// employee by the last batch.
enum CourtCoverage {
    struct Unit: Content {
        let unit: String
        /// The unit's state employees (the exam's count); nil when none is recorded.
        let staff: Int?
        /// Distinct employees who attended this batch or an earlier one, after each batch in `Model.batches`.
        let attended: [Int]
        /// `attended` / `staff`, per cent with one decimal; nil without a staff count.
        let coverage: [Double?]
    }

    struct Model: Content {
        let year: Int
        /// In the order held (by the first day of each).
        let batches: [String]
        let units: [Unit]
        /// All the units' staff together.
        let staff: Int
        /// All units' distinct attendees after each batch, and their coverage of `staff`.
        let attended: [Int]
        let coverage: [Double?]
    }

    static func percent(_ count: Int, of staff: Int) -> Double? {
        staff == 0 ? nil : (Double(count) * 1000 / Double(staff)).rounded() / 10
    }

    /// The year's coverage within the scope, lowest coverage after the last batch first.
    static func model(_ scope: Scope, year: Int, on db: Database) async throws -> Model {
        let orgIDs = Array(scope.readableOrgIDs(.publicity))
        func entries(_ kind: LedgerKind) async throws -> [LedgerEntry] {
            guard !orgIDs.isEmpty else { return [] }
            return try await LedgerEntry.query(on: db).filter(\.$kind == kind.code).filter(\.$org.$id ~~ orgIDs)
                .filter(\.$occurredOn >= "\(year)-01-01").filter(\.$occurredOn <= "\(year)-12-31").all()
        }
        // Each unit's latest staff count up to the year's end: the exam counts last year's staff, this year's batches use it.
        var staff: [String: (day: String, count: Int)] = [:]
        if !orgIDs.isEmpty {
            for entry in try await LedgerEntry.query(on: db).filter(\.$kind == PublicityBooks.examUnits.code).filter(\.$org.$id ~~ orgIDs)
                .filter(\.$occurredOn <= "\(year)-12-31").all() {
                if let known = staff[entry.title], (known.day, known.count) >= (entry.occurredOn, entry.quantity) { continue }
                staff[entry.title] = (entry.occurredOn, entry.quantity)
            }
        }
        let attendees = try await entries(PublicityBooks.courtAttendees).map { entry -> (batch: String, day: String, unit: String, person: String) in
            let fields = LedgerFields.decode(entry.fields)
            return (entry.title, entry.occurredOn, fields["unit"] ?? "", fields["person"] ?? "")
        }
        let firstDay = Dictionary(attendees.map { ($0.batch, $0.day) }, uniquingKeysWith: min)
        let batches = firstDay.keys.sorted { (firstDay[$0]!, $0) < (firstDay[$1]!, $1) }
        let byUnit = Dictionary(grouping: attendees, by: \.unit)
        var totals = Array(repeating: 0, count: batches.count)
        var units: [Unit] = []
        for unit in Set(byUnit.keys).union(staff.keys).sorted() {
            var seen = Set<String>(), attended: [Int] = []
            for (index, batch) in batches.enumerated() {
                for row in byUnit[unit] ?? [] where row.batch == batch { seen.insert(row.person) }
                attended.append(seen.count)
                totals[index] += seen.count
            }
            let count = staff[unit]?.count
            let coverage: [Double?] = attended.map { attendees in count.flatMap { percent(attendees, of: $0) } }
            units.append(Unit(unit: unit, staff: count, attended: attended, coverage: coverage))
        }
        // Lowest coverage after the last batch first; a unit without a staff count before all.
        func last(_ unit: Unit) -> Double { (unit.coverage.last ?? nil) ?? -1 }
        units.sort { (last($0), $0.unit) < (last($1), $1.unit) }
        let allStaff = staff.values.map(\.count).reduce(0, +)
        return Model(year: year, batches: batches, units: units, staff: allStaff, attended: totals, coverage: totals.map { percent($0, of: allStaff) })
    }

    static func routes(_ routes: RoutesBuilder) {
        routes.get("api", "v1", "publicity", "court-attendance") { req async throws -> Model in
            try await model(try PublicityOverview.readable(req), year: try PublicityOverview.parameters(req).year, on: req.db)
        }.openAPI("旁听庭审覆盖情况：各单位各批次累计旁听人数（同一人只计一次）及占应考人数的比例（year）", tag: "publicity",
                  responses: [200: "成功", 400: "参数有误", 403: "无权限"])
        routes.get("publicity", "court-attendance", use: page)
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        let year = try PublicityOverview.parameters(req).year
        let model = try await model(try PublicityOverview.readable(req), year: year, on: req.db)
        func cell(_ count: Int, _ coverage: Double?) -> Markup { .text("\(count)（\(PublicityOverview.percent(coverage))）") }
        return try await req.page("旁听庭审覆盖情况（\(year)年）") {
            el("form", Attribute("method", "get"), .class("inline")) {
                textField("year", label: "年度", state: FormState(values: ["year": String(year)]), type: "number")
                submitButton("查看")
            }
            el("p", .class("lead")) {
                model.batches.isEmpty ? "本年度尚未登记旁听庭审人员。"
                    : "截至\(model.batches.last!)，\(model.attended.last ?? 0)名国家工作人员旁听庭审，占应考人数\(model.staff)人的\(PublicityOverview.percent(model.coverage.last ?? nil))。"
            }
            el("p") {
                el("a", .href("/ledgers/\(PublicityBooks.courtAttendees.code)")) { "旁听庭审人员台账（导入、登记）" }
                " "
                el("a", .href("/ledgers/\(PublicityBooks.examUnits.code)")) { "各单位应考人数" }
            }
            dataTable(caption: "各单位累计旁听人数及覆盖率（按最近一批的覆盖率由低到高；同一人多次旁听只计一次）",
                      headers: ["单位", "应考人数"] + model.batches.map { "截至\($0)" },
                      rows: [[.text("合计"), .text(String(model.staff))] + zip(model.attended, model.coverage).map { cell($0, $1) }]
                          + model.units.map { unit in
                              [.text(unit.unit), .text(unit.staff.map(String.init) ?? "—")] + zip(unit.attended, unit.coverage).map { cell($0, $1) }
                          },
                      empty: "本年度尚无旁听庭审人员")
        }
    }
}
