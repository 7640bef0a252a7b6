import Fluent
import FazhiCore
import Vapor

/// 旁听庭审: how much of each unit's state employees the court-attendance batches have covered after each batch, against
/// the unit's staff in the law exam's latest count up to the year's end (`publicity.examUnit`). The 2025 plan's goal is
/// every employee by the last batch. Counted here once, for this page (by name, `publicity.courtAttendee`: distinct
/// people, so one who attends twice counts once) and for the overview (by number, `publicity.courtAttendance`): only the
/// units with a staff count are in the coverage — numerator and denominator alike — so it never counts people against a
/// staff they are not part of; the attendees of units without a staff count are shown apart, not dropped.
enum CourtCoverage {
    struct Unit: Content {
        let unit: String
        /// The unit's state employees (the exam's count); nil when none is recorded.
        let staff: Int?
        /// Employees who attended this batch or an earlier one, after each batch in `Model.batches`.
        let attended: [Int]
        /// `attended` / `staff`, per cent with one decimal; nil without a staff count.
        let coverage: [Double?]
    }

    struct Model: Content {
        let year: Int
        /// In the order held (by the first day of each).
        let batches: [String]
        let units: [Unit]
        /// The staff of the units that have a staff count, together.
        let staff: Int
        /// Those units' attendees after each batch, and their coverage of `staff`.
        let attended: [Int]
        let coverage: [Double?]
        /// The attendees after each batch of the units without a staff count (`unstaffedUnits`): in no coverage, since
        /// there is nothing to measure them against.
        let unstaffedAttended: [Int]
        let unstaffedUnits: [String]
    }

    /// One row of attendance: a named person (counted once in a unit however often they attend) or, without a name, a
    /// number of attendees.
    struct Attendance: Sendable {
        let batch: String
        let day: String
        let unit: String
        let person: String?
        let count: Int
    }

    static func percent(_ count: Int, of staff: Int) -> Double? {
        staff == 0 ? nil : (Double(count) * 1000 / Double(staff)).rounded() / 10
    }

    /// Each unit's latest staff count up to the year's end (the exam counts last year's staff, this year's batches use it);
    /// a count of 0 is no count.
    static func staff(_ orgIDs: [UUID], year: Int, on db: Database) async throws -> [String: Int] {
        guard !orgIDs.isEmpty else { return [:] }
        var staff: [String: (day: String, count: Int)] = [:]
        for entry in try await LedgerEntry.query(on: db).filter(\.$kind == PublicityBooks.examUnits.code).filter(\.$org.$id ~~ orgIDs)
            .filter(\.$occurredOn <= "\(year)-12-31").all() {
            if let known = staff[entry.title], (known.day, known.count) >= (entry.occurredOn, entry.quantity) { continue }
            staff[entry.title] = (entry.occurredOn, entry.quantity)
        }
        return staff.compactMapValues { $0.count > 0 ? $0.count : nil }
    }

    /// The coverage of `rows` against `staff`, batch by batch, lowest coverage after the last batch first (a unit without a
    /// staff count before all).
    static func tally(_ rows: [Attendance], staff: [String: Int], year: Int) -> Model {
        let firstDay = Dictionary(rows.map { ($0.batch, $0.day) }, uniquingKeysWith: min)
        let batches = firstDay.keys.sorted { (firstDay[$0]!, $0) < (firstDay[$1]!, $1) }
        let byUnit = Dictionary(grouping: rows, by: \.unit)
        var attended = Array(repeating: 0, count: batches.count), unstaffed = attended
        var units: [Unit] = []
        for unit in Set(byUnit.keys).union(staff.keys).sorted() {
            var people = Set<String>(), counted = 0, series: [Int] = []
            for (index, batch) in batches.enumerated() {
                for row in byUnit[unit] ?? [] where row.batch == batch {
                    if let person = row.person { people.insert(person) } else { counted += row.count }
                }
                series.append(people.count + counted)
                if staff[unit] == nil { unstaffed[index] += series[index] } else { attended[index] += series[index] }
            }
            let count = staff[unit]
            units.append(Unit(unit: unit, staff: count, attended: series, coverage: series.map { people in count.flatMap { percent(people, of: $0) } }))
        }
        func last(_ unit: Unit) -> Double { (unit.coverage.last ?? nil) ?? -1 }
        units.sort { (last($0), $0.unit) < (last($1), $1.unit) }
        let allStaff = staff.values.reduce(0, +)
        return Model(year: year, batches: batches, units: units, staff: allStaff, attended: attended,
                     coverage: attended.map { percent($0, of: allStaff) }, unstaffedAttended: unstaffed,
                     unstaffedUnits: units.filter { $0.staff == nil && ($0.attended.last ?? 0) > 0 }.map(\.unit))
    }

    /// The year's coverage by name within the scope.
    static func model(_ scope: Scope, year: Int, on db: Database) async throws -> Model {
        let orgIDs = Array(scope.readableOrgIDs(.publicity))
        let rows = orgIDs.isEmpty ? [] : try await LedgerEntry.query(on: db).filter(\.$kind == PublicityBooks.courtAttendees.code)
            .filter(\.$org.$id ~~ orgIDs).filter(\.$occurredOn >= "\(year)-01-01").filter(\.$occurredOn <= "\(year)-12-31").all()
        let attendance = rows.map { entry in
            let fields = LedgerFields.decode(entry.fields)
            return Attendance(batch: entry.title, day: entry.occurredOn, unit: fields["unit"] ?? "", person: fields["person"] ?? "", count: 1)
        }
        return tally(attendance, staff: try await staff(orgIDs, year: year, on: db), year: year)
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
                    : "截至\(model.batches.last!)，有应考人数的单位\(model.attended.last ?? 0)名国家工作人员旁听庭审，占应考人数\(model.staff)人的\(PublicityOverview.percent(model.coverage.last ?? nil))。"
                    + (model.unstaffedUnits.isEmpty ? "" : "另有\(model.unstaffedUnits.count)家未登记应考人数的单位\(model.unstaffedAttended.last ?? 0)人旁听，不计入覆盖率（\(model.unstaffedUnits.joined(separator: "、"))）。")
            }
            el("p") {
                el("a", .href("/ledgers/\(PublicityBooks.courtAttendees.code)")) { "旁听庭审人员台账（导入、登记）" }
                " "
                el("a", .href("/ledgers/\(PublicityBooks.examUnits.code)")) { "各单位应考人数" }
            }
            dataTable(caption: "各单位累计旁听人数及覆盖率（按最近一批的覆盖率由低到高；同一人多次旁听只计一次）",
                      headers: ["单位", "应考人数"] + model.batches.map { "截至\($0)" },
                      rows: [[.text("合计（有应考人数的单位）"), .text(String(model.staff))] + zip(model.attended, model.coverage).map { cell($0, $1) }]
                          + (model.unstaffedUnits.isEmpty ? [] : [[.text("未登记应考人数的单位（不计入覆盖率）"), .text("—")]
                              + model.unstaffedAttended.map { .text(String($0)) }])
                          + model.units.map { unit in
                              [.text(unit.unit), .text(unit.staff.map(String.init) ?? "—")] + zip(unit.attended, unit.coverage).map { cell($0, $1) }
                          },
                      empty: "本年度尚无旁听庭审人员")
        }
    }
}
