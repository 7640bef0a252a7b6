import Fluent
import FazhiCore
import SQLKit
import Vapor

/// 预约到场: the half-day a resident books with an application whose office receives them in person (one that
/// checks the originals, such as a 公证处). A line asks for it by giving its application an `AppointmentPolicy`; the half-days
/// offered are the bureau's working days (the deadline engine's calendar: holidays skipped, make-up days included), each
/// office taking so many visitors per half-day. A booking holds one numbered seat of its half-day, and a unique key on
/// the seat means two residents racing for the last one cannot both have it.
struct AppointmentPolicy: Sendable {
    /// Visitors an office takes per half-day, unless the setting `portal.appointments.capacity` says otherwise.
    let capacity: Int
    /// How many working days ahead a visit may be booked, from the next working day.
    let workingDaysAhead: Int
    /// What the resident does at the visit, shown with the booking (e.g. 携带身份证件和材料原件到公证处办理).
    let purpose: String
}

final class PortalAppointment: Model, @unchecked Sendable {
    static let schema = "portal_appointments"

    @ID(key: .id) var id: UUID?
    @Field(key: "office_id") var officeID: UUID
    @Field(key: "slot_day") var slotDay: String
    @Field(key: "period") var period: String
    /// 1…capacity within the half-day at the office.
    @Field(key: "seat") var seat: Int
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "booked_at") var bookedAt: Date

    init() {}

    var slot: AppointmentSlot? { AppointmentSlot(code: "\(slotDay)-\(period)") }
}

/// 2026-12-05: the visits residents book with their applications.
struct CreatePortalAppointments: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(PortalAppointment.schema)
            .id()
            .field("office_id", .uuid, .required, .references("orgs", "id"))
            .field("slot_day", .string, .required)
            .field("period", .string, .required)
            .field("seat", .int, .required)
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("account_id", .uuid, .required, .references(PortalAccount.schema, "id"))
            .field("booked_at", .datetime, .required)
            .unique(on: "office_id", "slot_day", "period", "seat")
            .unique(on: "case_id")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema(PortalAppointment.schema).delete()
    }
}

enum PortalAppointments {
    static let capacitySetting = "portal.appointments.capacity"
    /// The places per half-day a bureau may set.
    static let capacityRange = 1...500

    /// A half-day offered, with the seats still free at the office.
    struct Offer: Sendable {
        let slot: AppointmentSlot
        let free: Int
    }

    static func capacity(_ policy: AppointmentPolicy, on db: Database) async throws -> Int {
        guard let text = try await Setting.value(capacitySetting, on: db), let value = Int(text), capacityRange.contains(value) else {
            return max(1, policy.capacity)
        }
        return value
    }

    /// The bookings that hold a place: a case closed before its visit (refused, withdrawn) no longer does.
    private static let holding: SQLQueryString = """
        EXISTS (SELECT 1 FROM cases WHERE cases.id = portal_appointments.case_id AND cases.is_open = \(bind: true))
        """

    /// The half-days bookable today at `office`, each with its free seats (full ones included, with 0).
    static func offers(_ policy: AppointmentPolicy, office: UUID, today: CivilDate, calendar: WorkingCalendar, on db: Database) async throws
        -> [Offer] {
        let slots = AppointmentSlot.bookable(from: today, workingDays: policy.workingDaysAhead, calendar: calendar)
        guard let first = slots.first, let last = slots.last else { return [] }
        let capacity = try await capacity(policy, on: db)
        var taken: [String: Int] = [:]
        for row in try await db.sql.raw("""
            SELECT slot_day, period, COUNT(*) AS n FROM portal_appointments WHERE office_id = \(bind: office) \
            AND slot_day >= \(bind: first.day.description) AND slot_day <= \(bind: last.day.description) AND \(holding) \
            GROUP BY slot_day, period
            """).all() {
            taken["\(try row.decode(column: "slot_day", as: String.self))-\(try row.decode(column: "period", as: String.self))"] =
                try row.decode(column: "n", as: Int.self)
        }
        return slots.map { Offer(slot: $0, free: max(0, capacity - (taken[$0.code] ?? 0))) }
    }

    private static func refusal(_ message: String) -> ValidationErrors {
        ValidationErrors([FieldError(field: "appointment", message: message)])
    }

    /// Books `code` at `office` for the case (replacing the case's booking, if it has one), within the caller's
    /// transaction; throws `ValidationErrors` under `appointment` for a half-day not offered or full. A place is taken
    /// by an insert that does nothing when another booking holds that place number (the unique key), trying the free
    /// ones in turn: two residents racing for places never fail while one is free, on either database, and never both
    /// have the last.
    @discardableResult
    static func book(_ code: String?, policy: AppointmentPolicy, office: UUID, caseID: UUID, account: UUID, today: CivilDate,
                     calendar: WorkingCalendar, on db: Database) async throws -> PortalAppointment {
        let slot = try checkedSlot(code, policy: policy, today: today, calendar: calendar)
        let sql = try db.sql
        try await sql.raw("DELETE FROM portal_appointments WHERE case_id = \(bind: caseID)").run()
        // Places held by cases closed before their visit are free again.
        try await sql.raw("""
            DELETE FROM portal_appointments WHERE office_id = \(bind: office) AND slot_day = \(bind: slot.day.description) \
            AND period = \(bind: slot.period.rawValue) AND NOT \(holding)
            """).run()
        let capacity = try await capacity(policy, on: db)
        let held = Set(try await PortalAppointment.query(on: db).filter(\.$officeID == office).filter(\.$slotDay == slot.day.description)
            .filter(\.$period == slot.period.rawValue).all().map(\.seat))
        let appointment = PortalAppointment()
        appointment.id = UUID()
        appointment.officeID = office
        appointment.slotDay = slot.day.description
        appointment.period = slot.period.rawValue
        appointment.caseID = caseID
        appointment.accountID = account
        appointment.bookedAt = Date()
        for seat in (1...capacity) where !held.contains(seat) {
            let inserted = try await sql.raw("""
                INSERT INTO portal_appointments (id, office_id, slot_day, period, seat, case_id, account_id, booked_at) \
                VALUES (\(bind: appointment.id!), \(bind: office), \(bind: appointment.slotDay), \(bind: appointment.period), \(bind: seat), \
                \(bind: caseID), \(bind: account), \(bind: appointment.bookedAt)) \
                ON CONFLICT (office_id, slot_day, period, seat) DO NOTHING RETURNING id
                """).all()
            if !inserted.isEmpty {
                appointment.seat = seat
                return appointment
            }
        }
        throw refusal("\(slot.label)已约满，请另选时间")
    }

    /// The half-day `code` names, if it is one offered today; throws under `appointment` otherwise.
    static func checkedSlot(_ code: String?, policy: AppointmentPolicy, today: CivilDate, calendar: WorkingCalendar) throws -> AppointmentSlot {
        guard let code, !code.isEmpty else { throw refusal("请选择预约到场时间") }
        guard let slot = AppointmentSlot(code: code),
              AppointmentSlot.bookable(from: today, workingDays: policy.workingDaysAhead, calendar: calendar).contains(slot) else {
            throw refusal("预约到场时间须为今后\(policy.workingDaysAhead)个工作日内的上午或下午，节假日不办理")
        }
        return slot
    }

    static func of(caseID: UUID, on db: Database) async throws -> PortalAppointment? {
        try await PortalAppointment.query(on: db).filter(\.$caseID == caseID).first()
    }

    /// The field the application form shows: the half-days offered at `office`, each with its free seats; full ones
    /// are shown but cannot be chosen.
    static func field(_ offers: [Offer], policy: AppointmentPolicy, state: FormState, residentChoosesOffice: Bool) -> Markup {
        let message = state.errors.message(for: "appointment")
        return el("div", .class(message == nil ? "field" : "field invalid")) {
            el("label", .for("f-appointment")) { "预约到场时间"; el("span", .class("required")) { "（必填）" } }
            el("p", .class("hint"), .id("f-appointment-hint")) {
                "\(policy.purpose)。可预约今后\(policy.workingDaysAhead)个工作日，节假日不办理"
                residentChoosesOffice ? "；剩余名额按所选机构计算，换机构后请保存草稿刷新。" : "。"
            }
            if let message { el("p", .class("error"), .id("f-appointment-error")) { message } }
            el("select", .id("f-appointment"), .name("appointment"), .aria("describedby", "f-appointment-hint")) {
                el("option", .value("")) { "请选择" }
                for offer in offers {
                    el("option", .value(offer.slot.code), .flag("selected", state["appointment"] == offer.slot.code), .flag("disabled", offer.free == 0)) {
                        "\(offer.slot.label)（\(offer.free == 0 ? "已约满" : "余\(offer.free)个名额")）"
                    }
                }
            }
        }
    }

    // MARK: Staff: the day's visitors

    /// `/appointments?day=`: the visitors booked for one day (today unless chosen), at the offices where the user reads
    /// the line of the application that booked them; each booking read with its case, for that line only.
    static func dayList(_ req: Request) async throws -> Response {
        let scope = try req.scope
        let dayText = req.query[String.self, at: "day"] ?? ""
        guard let day = dayText.isEmpty ? ChinaTime.today : CivilDate(string: dayText) else {
            throw QueryParameterError(field: "day", message: "day（日期）格式应为 YYYY-MM-DD")
        }
        let readable = req.modules.portalApplications.filter { $0.appointments != nil }
            .map { (line: $0.line, offices: Array(scope.readableOrgIDs($0.line))) }.filter { !$0.offices.isEmpty }
        var visits: [(PortalAppointment, CaseRecord)] = []
        if !readable.isEmpty {
            let rows = try await PortalAppointment.query(on: req.db)
                .join(CaseRecord.self, on: \PortalAppointment.$caseID == \CaseRecord.$id)
                .filter(\.$slotDay == day.description)
                .group(.or) { either in
                    for (line, offices) in readable {
                        either.group(.and) { $0.filter(CaseRecord.self, \.$line == line).filter(\.$officeID ~~ offices) }
                    }
                }
                .sort(\.$period).sort(\.$seat).all()
            visits = try rows.map { ($0, try $0.joined(CaseRecord.self)) }
        }
        let offices = Dictionary(uniqueKeysWithValues: try await Org.query(on: req.db).filter(\.$id ~~ Set(visits.map(\.0.officeID))).all()
            .map { ($0.id!, $0.name) })
        return try await req.page("网上预约到场（\(day.year)年\(day.month)月\(day.day)日 \(day.weekdayChinese)）") {
            el("form", Attribute("method", "get"), .class("filters")) {
                el("label", .for("day")) { "日期" }
                el("input", .type("date"), .id("day"), .name("day"), .value(day.description))
                el("button", .type("submit")) { "查看" }
            }
            dataTable(headers: ["时段", "序号", "机构", "案号", "事项", "状态"], rows: visits.map { appointment, record in
                [.text(appointment.slot?.period.label ?? appointment.period), .text("\(appointment.seat)"), .text(offices[appointment.officeID] ?? ""),
                 el("a", .href("/\(record.line.rawValue)/\(record.id!)")) { record.caseNumber }, .text(record.title), .text(record.stateLabel)]
            }, empty: "当天没有网上预约")
        }
    }
}
