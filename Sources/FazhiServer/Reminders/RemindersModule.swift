import Fluent
import Vapor

/// Reminders that reach people (issue 18): the inbox, each user's channels, the outbox and its delivery, and the
/// daily digest with its escalation. Platform machinery: the deadlines it reads are every case line's.
enum RemindersModule: Module {
    static var migrations: [any Migration] { [CreateReminderTables()] }

    static var navigation: [NavItem] {
        [NavItem(section: "工作台", title: "消息提醒", path: ReminderPages.inboxPath, isVisible: { _ in true }),
         NavItem(section: "工作台", title: "提醒方式", path: ReminderPages.channelsPath, isVisible: { _ in true })]
    }

    static var settings: [SettingDeclaration] {
        [SettingDeclaration(key: "reminders.officeHead.<org>",
                            meaning: "该机构（科室）负责人的用户名：该机构有法定期限超期时，每个工作日收到超期督办（未设置时用上级机构设置的负责人，再无则为局领导）",
                            rule: .username)]
    }

    static var jobs: [ScheduledJob] { [DailyReminders.job, Outbox.job] }

    static func staffRoutes(_ routes: RoutesBuilder) {
        ReminderPages.staffRoutes(routes)
    }

    /// The demo's inboxes: the last working day's digests and escalations, posted by the daily job's own code over the
    /// caseload the lines have just loaded (so this module loads after them).
    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        var day = demo.today
        while !demo.calendar.isWorkingDay(day) { day = day.adding(days: -1) }
        let morning = day.startInChina.addingTimeInterval(8 * 3600)
        let digests = try await DailyReminders.postDigests(on: demo.db, modules: demo.modules, today: day, calendar: demo.calendar, now: morning)
        let escalations = try await DailyReminders.postEscalations(on: demo.db, modules: demo.modules, today: day, now: morning)
        return ["\(day.month)月\(day.day)日的每日提醒 \(digests) 份、超期督办 \(escalations) 份"]
    }
}
