import FazhiCore
import Vapor

/// Draws a `CasePageModel`: status and facts, deadlines, the events to record, documents, handler, attachments,
/// parties and the timeline. Nothing here queries or decides.
enum CasePageView {
    static func page(_ req: Request, _ model: CasePageModel, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let record = model.record
        let csrf = try req.requireCurrent().session.csrfToken
        let base = model.base
        return try await req.page(model.title, status: status) {
            if let error { notice(error, tone: "error") }
            if let warning = model.warning { notice(warning, tone: "warn") }
            el("dl", .class("facts")) {
                el("dt") { "状态" }; el("dd") { badge(record.stateLabel, tone: record.isOpen ? "info" : "ok") }
                for fact in model.facts {
                    el("dt") { fact.label }; el("dd") { fact.value }
                }
                el("dt") { "承办人" }; el("dd") { model.handlerName ?? "未指定" }
                el("dt") { "版本" }; el("dd") { String(record.version) }
            }
            CaseViews.deadlines(model.deadlines)
            for panel in model.panels { panel }
            if model.canAct {
                el("section", .class("card")) {
                    el("h2") { "办理" }
                    for action in model.actions {
                        CaseViews.actionForm(action, post: "\(base)/\(model.caseID)/events", version: record.version, csrf: csrf,
                                             today: ChinaTime.today)
                    }
                }
            }
            InstrumentViews.list(model.instruments, caseID: model.caseID, base: base, kinds: model.issuable.map { ($0.kind, $0.title) },
                                 unissued: model.unissued, unserved: model.unserved, writable: model.writable, csrf: csrf)
            if model.canAssign {
                el("section", .class("card")) {
                    el("h2") { "指定承办人" }
                    el("form", Attribute("method", "post"), Attribute("action", "\(base)/\(model.caseID)/assign")) {
                        csrfField(csrf)
                        el("input", .type("hidden"), .name("version"), .value(String(record.version)))
                        selectField("handlerID", label: "承办人", options: model.handlers,
                                    state: FormState(values: ["handlerID": record.$handler.id?.uuidString ?? ""]), required: true)
                        submitButton("指定")
                    }
                }
            }
            Attachments.list(model.attachments, post: model.canAct ? "\(base)/\(model.caseID)/attachments" : nil, csrf: csrf)
            CaseViews.parties(model.parties, revealLink: model.canAct && !model.revealed ? "\(base)/\(model.caseID)?reveal=1" : nil)
            CaseViews.timeline(model.events)
        }
    }
}
