import Fluent
import FazhiCore
import Vapor

/// What a line's demo form is filled in with: the office applied to and the day the resident applies.
struct PortalDemoContext: Sendable {
    let db: Database
    let office: UUID
    let day: CivilDate
}

/// The demo's residents applying online in the last few working days, through the portal's own write paths: an account opened
/// for a mobile number, its profile, a draft of each line's demo form (`PortalApplication.demoForm`), the visit booked
/// where the application asks for one, and the submission that opens the case in the line's 待受理 queue, marked
/// 网上申请. Loaded after the lines' own caseloads, so their case numbers follow the counter's.
struct PortalDemo {
    let demo: DemoCases

    /// Applications per kind for a full demo year.
    static let perKind = 6

    func load(random: inout DemoRandom) async throws -> [String] {
        let db = demo.db
        let applications = demo.modules.portalApplications.filter { $0.demoForm != nil }
        let count = max(1, Int((Double(Self.perKind) * demo.scale).rounded()))
        // The last four working days, today included: recent enough that each is still waiting for its office's review,
        // as an office that keeps up with its intake would have it.
        var days: [CivilDate] = []
        var day = demo.today
        while days.count < 4 {
            if demo.calendar.isWorkingDay(day) { days.append(day) }
            day = day.adding(days: -1)
        }
        var submitted = 0, booked = 0, number = 0
        for application in applications {
            var offices: [UUID] = []
            if let choices = application.offices {
                offices = try await choices(db).map(\.id)
            } else if let intake = try await PortalIntake.office(for: application.line, on: db) {
                offices = [intake]
            }
            guard !offices.isEmpty, let demoForm = application.demoForm else { continue }
            for _ in 0..<count {
                number += 1
                let day = random.pick(days)
                let office = random.pick(offices)
                let at = ChinaTime.calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: random.int(8...21),
                                                                      minute: random.int(0...59))).map { min($0, Date()) } ?? Date()
                let account = try await PortalAccount.open(phone: String(format: "1360022%04d", number), protection: demo.protection, at: at, on: db)
                try await PortalProfile.record(kind: "person", name: DemoPeople.personName(&random), idNumber: DemoPeople.idNumber(&random),
                                               creditCode: nil, authorisedPerson: nil, of: account, protection: demo.protection, on: db)
                var values = try await demoForm(&random, PortalDemoContext(db: db, office: office, day: day))
                if application.offices != nil { values["orgID"] = office.uuidString }
                values["serviceConsent"] = random.chance(0.85) ? "on" : ""
                if let policy = application.appointments {
                    // A half-day still to come where the day applied leaves one.
                    let slots = AppointmentSlot.bookable(from: day, workingDays: policy.workingDaysAhead, calendar: demo.calendar)
                    let coming = slots.filter { $0.day > demo.today }
                    values["appointment"] = random.pick(coming.isEmpty ? slots : coming).code
                }
                let draft = PortalApplicationRecord()
                draft.id = UUID()
                draft.$account.id = account.id!
                draft.kind = application.code
                draft.state = "draft"
                draft.values = values
                draft.createdAt = at
                draft.updatedAt = at
                try await draft.create(on: db)
                do {
                    guard try await PortalApplyPages.submit(draft, of: application, account: account, office: office, db: db,
                                                            calendar: demo.calendar, protection: demo.protection, today: day, at: at) else { continue }
                } catch let errors as ValidationErrors {
                    // A full half-day: the resident would choose another; the demo leaves the draft as a draft.
                    guard errors.errors.contains(where: { $0.field == "appointment" }) else { throw errors }
                    continue
                }
                submitted += 1
                if application.appointments != nil { booked += 1 }
            }
        }
        guard submitted > 0 else { return [] }
        return ["网上申请 \(submitted) 件（其中预约到场 \(booked) 件）"]
    }
}
