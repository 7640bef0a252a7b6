import Fluent
import Vapor

/// The scheduled jobs' records and the admin's view of them (`/admin/jobs`); the jobs themselves are declared by the
/// modules that own the work (`Module.jobs`).
enum JobsModule: Module {
    static var migrations: [any Migration] { [CreateJobRuns()] }

    static var navigation: [NavItem] {
        [NavItem(section: "系统管理", title: "后台任务", path: JobPages.path, isVisible: { $0.isSystemAdmin })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        JobPages.staffRoutes(routes)
    }
}
