import FazhiCore
import Vapor

/// 期限计算器: the deadline engine for staff (page) and scripts (API), with the calendar in force.
struct CalculatorController {
    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("deadlines", "calculator", use: page)
        routes.get("api", "v1", "deadlines", "rules", use: rules).openAPI("期限规则目录（期限、计算方式、法律依据）", tag: "deadlines")
        routes.get("api", "v1", "deadlines", "compute", use: compute).openAPI(
            "计算期限届满日：from，rule 或 days（+working），pause=A..B 可重复，extend", tag: "deadlines",
            responses: [200: "届满日、是否暂定、计算说明与依据", 422: "输入有误（field 指明字段）"])
    }

    /// The calculator's inputs as they arrive in a query string. `pause` repeats in the API; the page sends
    /// `pauses`, one period per line.
    struct Query: Content {
        var from: String?
        var days: String?
        var working: String?
        var rule: String?
        var pause: [String]?
        var pauses: String?
        var extend: String?

        var request: DeadlineRequest {
            let lines = (pauses ?? "").split(whereSeparator: \.isNewline).map { String($0) }
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            return DeadlineRequest(from: from, days: days, working: ["1", "true", "on"].contains(working ?? ""),
                                   rule: rule, pauses: (pause ?? []) + lines, extend: extend)
        }

        var isEmpty: Bool { from == nil && days == nil && rule == nil }
    }

    struct RuleBody: Content {
        let key: String
        let title: String
        let trigger: String
        let limit: Int
        let unit: String
        let extensionLimit: Int?
        let kind: String
        let direction: String
        let basis: String
        let note: String?
        let unverified: Bool
    }

    struct ResultBody: Content {
        let due: String
        let dueChinese: String
        let provisional: Bool
        let missingYears: [Int]
        let rule: String?
        let basis: String?
        let explanation: [String]
    }

    static func rules(_ req: Request) -> [RuleBody] {
        req.modules.deadlineCatalogue.all.map {
            RuleBody(key: $0.key, title: $0.title, trigger: $0.trigger, limit: $0.limit, unit: $0.unit.rawValue,
                     extensionLimit: $0.extensionLimit, kind: $0.kind.rawValue, direction: $0.direction.rawValue,
                     basis: $0.basis, note: $0.note, unverified: $0.unverified)
        }
    }

    static func compute(_ req: Request) async throws -> ResultBody {
        let query = try req.query.decode(Query.self)
        let (computation, explanation) = try query.request.compute(calendar: try await req.calendarStore.calendar(), catalogue: req.modules.deadlineCatalogue)
        let rule = query.request.rule.flatMap { try? req.modules.deadlineCatalogue.rule($0) }
        return ResultBody(due: computation.due.description, dueChinese: computation.due.chinese,
                          provisional: computation.provisional, missingYears: computation.missingYears,
                          rule: rule?.key, basis: rule?.basis, explanation: explanation.lines)
    }

    static func page(_ req: Request) async throws -> Response {
        let query = try req.query.decode(Query.self)
        var state = FormState(values: [
            "from": query.from ?? "", "days": query.days ?? "", "rule": query.rule ?? "",
            "pauses": ((query.pause ?? []) + [query.pauses ?? ""]).filter { !$0.isEmpty }.joined(separator: "\n"),
            "extend": query.extend ?? "", "working": query.request.working ? "on" : "",
        ])
        var result: (DeadlineComputation, DeadlineExplanation, DeadlineRule?)?
        if !query.isEmpty {
            do {
                let (computation, explanation) = try query.request.compute(calendar: try await req.calendarStore.calendar(), catalogue: req.modules.deadlineCatalogue)
                result = (computation, explanation, query.request.rule.flatMap { try? req.modules.deadlineCatalogue.rule($0) })
            } catch let error as DeadlineError {
                state.errors.add(error.invalidField ?? "from", error.message, code: error.code)
            }
        }
        let ruleOptions = req.modules.deadlineCatalogue.all.map { ($0.key, "\($0.title)（\($0.limitText)）") }
        return try await req.page("期限计算器", status: state.errors.isEmpty ? .ok : .unprocessableEntity) {
            el("p", .class("lead")) { "按国务院办公厅节假日安排计算法定期限：选择期限规则，或直接输入天数。" }
            el("form", Attribute("method", "get"), Attribute("action", "/deadlines/calculator"), .class("card"), Attribute("novalidate", nil)) {
                errorSummary(state)
                textField("from", label: "起算日（事件发生当日，不计入）", state: state, type: "date", required: true)
                selectField("rule", label: "期限规则", options: ruleOptions, state: state, blank: "（不选规则，按下方天数计算）")
                textField("days", label: "天数", state: state, type: "number", hint: "不选规则时填写")
                el("div", .class("field checkbox")) {
                    el("input", .type("checkbox"), .id("f-working"), .name("working"), .flag("checked", state["working"] == "on"))
                    el("label", .for("f-working")) { "按工作日计算（不含周末与法定节假日，含调休上班日）" }
                }
                textArea("pauses", label: "不计入期间（中止、鉴定、补正等），每行一段：YYYY-MM-DD..YYYY-MM-DD", state: state)
                textField("extend", label: "延长天数", state: state, type: "number", hint: "如经批准延长审理期限30日")
                submitButton("计算")
            }
            if let (computation, explanation, rule) = result {
                el("section", .class("card"), .aria("live", "polite")) {
                    el("h2") { "计算结果" }
                    if computation.provisional {
                        notice("暂定结果：\(computation.missingYears.map(String.init).joined(separator: "、"))年的节假日安排尚未录入，仅按周末推算；录入后将重新计算。", tone: "warn")
                    }
                    el("p", .class("due")) { "\(computation.due.chinese)（\(computation.due)，\(computation.due.weekdayChinese)）" }
                    if let rule {
                        el("p") { "依据：\(rule.basis)" }
                        if rule.unverified { el("p", .class("hint")) { DeadlineRule.unverifiedNote } }
                    }
                    DeadlineViews.explanation(explanation.lines)
                }
            }
        }
    }
}
