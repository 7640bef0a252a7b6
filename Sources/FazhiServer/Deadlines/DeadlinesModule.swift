import Fluent
import Vapor

/// The working calendar and the deadline calculator, shared by every work line.
enum DeadlinesModule: Module {
    static var migrations: [any Migration] { [CreateCalendarYears()] }

    static var navigation: [NavItem] {
        [
            NavItem(section: "工作台", title: "期限计算器", path: "/deadlines/calculator", isVisible: { _ in true }),
            NavItem(section: "系统管理", title: "节假日安排", path: "/admin/calendar", isVisible: { $0.isSystemAdmin }),
        ]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        CalculatorController.staffRoutes(routes)
        CalendarController.staffRoutes(routes)
    }
}
