import Fluent
import Vapor

/// The platform: orgs, users, roles, sessions, audit, operations.
enum PlatformModule: Module {
    static var migrations: [any Migration] {
        [CreatePlatformTables(), IndexPlatformLookups(), AddSecondFactorAndThrottle(), AddReadAfterToSessions(), AddTenancyKey(), KeyAuditLogByBureau()]
    }

    static var navigation: [NavItem] {
        [
            NavItem(section: "工作台", title: "首页", path: "/", isVisible: { _ in true }),
            NavItem(section: "工作台", title: "账户安全", path: AccountController.path, isVisible: { _ in true }),
            NavItem(section: "系统管理", title: "组织机构", path: "/admin/orgs", isVisible: { $0.isAdmin }),
            NavItem(section: "系统管理", title: "用户管理", path: "/admin/users", isVisible: { $0.isAdmin }),
            NavItem(section: "系统管理", title: "审计日志", path: "/admin/audit", isVisible: { $0.isSystemAdmin }),
        ]
    }

    static func publicRoutes(_ routes: RoutesBuilder) {
        OperationsController.publicRoutes(routes)
        SessionController.publicRoutes(routes)
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        HomeController.staffRoutes(routes)
        SessionController.staffRoutes(routes)
        AccountController.staffRoutes(routes)
        OrgController.staffRoutes(routes)
        UserController.staffRoutes(routes)
        AuditController.staffRoutes(routes)
    }
}
