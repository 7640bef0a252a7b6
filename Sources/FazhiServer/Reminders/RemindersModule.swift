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
}
