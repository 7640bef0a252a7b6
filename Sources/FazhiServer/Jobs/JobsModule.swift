import Fluent
import Vapor

/// The scheduled jobs' records and the admin's view of them (`/admin/jobs`); the jobs themselves are declared by the
/// modules that own the work (`Module.jobs`).
enum JobsModule: Module {
    static var migrations: [any Migration] { [CreateJobRuns(), IndexJobRunsByStart()] }

    static var jobs: [ScheduledJob] { [prune] }

    /// Records of runs are kept 90 days, messages sent 180 days (the evidence that a reminder went out).
    static let prune = ScheduledJob(key: "jobs.prune", title: "清理 90 天前的运行记录和 180 天前已发出的邮件短信", schedule: .daily(hour: 3, minute: 0)) { context in
        let runs = try await JobRun.query(on: context.db).filter(\.$startedAt < context.now.addingTimeInterval(-90 * 86_400)).count()
        try await JobRun.query(on: context.db).filter(\.$startedAt < context.now.addingTimeInterval(-90 * 86_400)).delete()
        let sentBefore = context.now.addingTimeInterval(-180 * 86_400)
        let messages = try await OutboxMessage.query(on: context.db).filter(\.$sentAt < sentBefore).count()
        try await OutboxMessage.query(on: context.db).filter(\.$sentAt < sentBefore).delete()
        return "删除运行记录 \(runs) 条、已发出的消息 \(messages) 条"
    }

    static var navigation: [NavItem] {
        [NavItem(section: "系统管理", title: "后台任务", path: JobPages.path, isVisible: { $0.isSystemAdmin })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        JobPages.staffRoutes(routes)
    }
}
