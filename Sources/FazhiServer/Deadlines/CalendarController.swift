import FazhiCore
import Vapor

/// 节假日安排: the years in force, and the admin's import of a new or corrected year (JSON as in Calendar/Data).
struct CalendarController {
    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("admin", "calendar", use: page)
        routes.post("admin", "calendar", use: importFromForm)
        routes.get("api", "v1", "calendar", "years", use: list).openAPI("已录入的节假日安排年度", tag: "calendar")
        routes.put("api", "v1", "calendar", "years", ":year", use: importYear).openAPI(
            "导入或更正一个年度的节假日安排（管理员），并重新计算期限", tag: "calendar",
            body: ["type": "object", "required": ["year", "notice", "holidays", "workdays"]],
            responses: [200: "已导入", 422: "数据有误（field 指明字段）"])
    }

    struct YearBody: Content {
        let year: Int
        let notice: String
        let source: CalendarStore.Source
        let holidays: [Holiday]
        let workdays: [CivilDate]
        let importedBy: String?
        let importedAt: Date?
    }

    struct ImportBody: Content {
        let year: YearBody
        let replaced: Bool
        let recomputedDeadlines: Int
    }

    static func body(_ year: CalendarStore.Year) -> YearBody {
        YearBody(year: year.notice.year, notice: year.notice.notice, source: year.source, holidays: year.notice.holidays,
                 workdays: year.notice.workdays, importedBy: year.importedBy, importedAt: year.importedAt)
    }

    static func list(_ req: Request) async throws -> [YearBody] {
        try await req.calendarStore.years().map(body)
    }

    /// `PUT /api/v1/calendar/years/{year}` with the year's JSON as the body.
    static func importYear(_ req: Request) async throws -> ImportBody {
        try req.scope.requireSystemAdmin()
        guard let year = req.parameters.get("year", as: Int.self) else {
            throw FieldError(field: "year", message: "年份须为四位数字")
        }
        guard let buffer = req.body.data else { throw FieldError(field: "body", message: "请求体应为该年度节假日安排的 JSON") }
        let result = try await req.calendarStore.importYear(Data(buffer: buffer), file: "请求体", expectedYear: year,
                                                            actor: try req.requireCurrent().actor, recomputing: req.modules)
        let stored = try await req.calendarStore.years().first { $0.notice.year == year }!
        return ImportBody(year: body(stored), replaced: result.replaced, recomputedDeadlines: result.recomputed)
    }

    static func page(_ req: Request) async throws -> Response {
        try req.scope.requireSystemAdmin()
        return try await render(req, state: FormState(), message: nil)
    }

    static func importFromForm(_ req: Request) async throws -> Response {
        try req.scope.requireSystemAdmin()
        struct Form: Content { var data: String?; var file: File? }
        let form = try req.content.decode(Form.self)
        var text = form.data ?? ""
        if let file = form.file, file.data.readableBytes > 0 { text = String(buffer: file.data) }
        var state = FormState(values: ["data": form.data ?? ""])
        do {
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw FieldError(field: "data", message: "请粘贴或上传该年度节假日安排的 JSON")
            }
            let result = try await req.calendarStore.importYear(Data(text.utf8), file: form.file?.filename ?? "粘贴内容",
                                                                actor: try req.requireCurrent().actor, recomputing: req.modules)
            let message = "已\(result.replaced ? "更新" : "导入") \(result.year.year) 年节假日安排（\(result.year.notice)），重新计算期限 \(result.recomputed) 个。"
            return try await render(req, state: FormState(), message: message)
        } catch let error as DomainError {
            state.errors.add("data", error.message, code: error.code)
            return try await render(req, state: state, message: nil, status: .unprocessableEntity)
        }
    }

    private static func render(_ req: Request, state: FormState, message: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let years = try await req.calendarStore.years()
        return try await req.page("节假日安排", status: status) {
            if let message { notice(message, tone: "ok") }
            el("p") { "工作日计算依据国务院办公厅每年发布的节假日安排通知。未录入年份的期限仅按周末推算，并标注为“暂定”，录入后自动重新计算。" }
            dataTable(caption: "已录入年份", headers: ["年份", "通知文号", "放假", "调休上班日", "来源"], rows: years.map { year in
                [.text(String(year.notice.year)), .text(year.notice.notice),
                 .text(year.notice.holidays.map { "\($0.name) \($0.from)–\($0.to)" }.joined(separator: "；")),
                 .text(year.notice.workdays.map(\.description).joined(separator: "、")),
                 year.source == .bundled ? badge("随系统发布") : badge("管理员导入：\(year.importedBy ?? "")", tone: "info")]
            })
            el("section", .class("card")) {
                el("h2") { "导入或更正一个年度" }
                el("form", Attribute("method", "post"), Attribute("action", "/admin/calendar"),
                   Attribute("enctype", "multipart/form-data"), Attribute("novalidate", nil)) {
                    errorSummary(state)
                    csrfField(current.session.csrfToken)
                    textArea("data", label: "节假日安排 JSON（格式同系统自带的 2026.json）", state: state, rows: 10)
                    el("div", .class("field")) {
                        el("label", .for("f-file")) { "或上传 JSON 文件" }
                        el("input", .type("file"), .id("f-file"), .name("file"), Attribute("accept", "application/json,.json"))
                    }
                    submitButton("导入")
                }
                el("p", .class("hint")) {
                    "示例：{\"year\":2027,\"notice\":\"国办发明电〔2026〕X号\",\"holidays\":[{\"name\":\"元旦\",\"from\":\"2027-01-01\",\"to\":\"2027-01-03\"}],\"workdays\":[\"2027-01-04\"]}"
                }
            }
        }
    }
}
