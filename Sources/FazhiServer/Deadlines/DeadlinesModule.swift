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

    static var apiEndpoints: [OpenAPIDocument.Endpoint] {
        [
            .init(method: "get", path: "/api/v1/deadlines/rules", summary: "期限规则目录（期限、计算方式、法律依据）", tag: "deadlines"),
            .init(method: "get", path: "/api/v1/deadlines/compute",
                  summary: "计算期限届满日：from，rule 或 days（+working），pause=A..B 可重复，extend", tag: "deadlines",
                  responses: [200: "届满日、是否暂定、计算说明与依据", 422: "输入有误（field 指明字段）"]),
            .init(method: "get", path: "/api/v1/calendar/years", summary: "已录入的节假日安排年度", tag: "calendar"),
            .init(method: "put", path: "/api/v1/calendar/years/{year}", summary: "导入或更正一个年度的节假日安排（管理员），并重新计算期限",
                  tag: "calendar", body: ["type": "object", "required": ["year", "notice", "holidays", "workdays"]],
                  responses: [200: "已导入", 422: "数据有误（field 指明字段）"]),
        ]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        CalculatorController.staffRoutes(routes)
        CalendarController.staffRoutes(routes)
    }
}
