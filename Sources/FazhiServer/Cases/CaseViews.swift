import FazhiCore
import Vapor

/// Page pieces every case line shares: queue tabs and table, the deadlines with their chips, the timeline,
/// the parties, and the forms that record events.
enum CaseViews {
    static func queueTabs(base: String, queues: [CaseQueue], current: String) -> Markup {
        el("nav", .class("tabs"), .aria("label", "工作队列")) {
            for queue in queues {
                el("a", .href("\(base)?queue=\(queue.key)"), .aria("current", queue.key == current ? "page" : nil)) { queue.title }
            }
        }
    }

    static func chip(_ deadline: CaseDeadlineBody) -> Markup {
        let tone: String
        switch deadline.status {
        case "overdue", "missed": tone = deadline.kind == "target" ? "warn" : "danger"
        case "dueSoon": tone = "warn"
        case "paused": tone = "info"
        case "met": tone = "ok"
        default: tone = "neutral"
        }
        let label = deadline.statusLabel + (deadline.provisional ? "（暂定）" : "")
        let hover = (["依据：" + deadline.basis] + (deadline.explanation ?? [])).joined(separator: "\n")
        return el("span", .class("badge deadline " + tone), .title(hover)) {
            "\(label) \(deadline.due)"
            el("span", .class("sr-only")) { "，\(deadline.title)，依据：\(deadline.basis)" }
        }
    }

    static func queueTable(_ page: CaseQueuePage, base: String, agencyHeader: String) -> Markup {
        Markup.group {
            dataTable(caption: page.totalIsLowerBound ? "\(page.total) 件以上" : "共 \(page.total) 件", headers: ["案号", "案件", agencyHeader, "状态", "收到日期", "已等待", "下一期限", "承办人"],
                      rows: page.rows.map { row in
                          [el("a", .href("\(base)/\(row.id)")) { row.caseNumber },
                           row.viaPortal ? Markup.group { row.title; " "; badge("网上申请", tone: "info") } : .text(row.title),
                           .text(row.agencyName ?? ""),
                           badge(row.stateLabel, tone: "info"), .text(row.receivedOn), .text(row.daysWaiting > 0 ? "\(row.daysWaiting)天" : "—"),
                           nextDeadline(row.nextDeadline),
                           .text(row.handlerName ?? "未指定")]
                      })
            pager(page: page.page, total: page.total, pageSize: page.pageSize, base: base, query: ["queue": page.queue],
                  totalIsLowerBound: page.totalIsLowerBound, hasNextPage: page.hasNextPage)
        }
    }

    static func nextDeadline(_ deadline: CaseDeadlineBody?) -> Markup {
        guard let deadline else { return .text("—") }
        return Markup.group {
            el("span", .class("deadline-title")) { deadline.title }
            chip(deadline)
        }
    }

    static func deadlines(_ deadlines: [CaseDeadlineBody]) -> Markup {
        dataTable(caption: "期限", headers: ["事项", "起算", "届满", "状态", "依据"], rows: deadlines.map { deadline in
            [Markup.group {
                el("span") { deadline.title }
                if let explanation = deadline.explanation, !explanation.isEmpty {
                    el("details") {
                        el("summary") { "计算说明" }
                        DeadlineViews.explanation(explanation)
                    }
                }
             },
             .text(deadline.start), .text(deadline.due), chip(deadline),
             .text(deadline.basis)]
        }, empty: "暂无期限")
    }

    static func timeline(_ events: [CaseEventBody]) -> Markup {
        el("section", .class("card")) {
            el("h2") { "办理经过" }
            el("ol", .class("timeline")) {
                for event in events {
                    el("li") {
                        el("time", Attribute("datetime", event.date)) { event.date }
                        " "
                        event.summary
                        el("span", .class("hint")) { "（\(event.actor) 记录于 \(TableDateFormat.format(event.recordedAt, withTime: true))）" }
                    }
                }
            }
        }
    }

    static func parties(_ parties: [PartyView], revealLink: String?) -> Markup {
        Markup.group {
            dataTable(caption: "当事人", headers: ["身份", "姓名/名称", "身份证号/信用代码", "电话", "地址"], rows: parties.map { party in
                [.text(party.roleLabel), .text(party.name), .text(party.idNumber ?? party.creditCode ?? ""), .text(party.phone ?? ""),
                 .text(party.address ?? "")]
            })
            if let revealLink { el("p") { el("a", .href(revealLink)) { "显示完整个人信息（将记入审计日志）" } } }
        }
    }

    /// One input of an event form.
    enum Field {
        case date(String, String)
        case text(String, String, required: Bool = true)
        case number(String, String)
        /// A choice; `blank` is the empty first option that forces a choice (nil preselects the first option).
        case select(String, String, [(String, String)], blank: String? = "请选择", required: Bool = true)
        case checkbox(String, String)

        var name: String {
            switch self {
            case .date(let name, _), .text(let name, _, _), .number(let name, _), .select(let name, _, _, _, _), .checkbox(let name, _): name
            }
        }
    }

    /// A form that records one event kind (with the case's version, so a stale page gets a 409, not an overwrite).
    struct Action {
        let kind: String
        let title: String
        let fields: [Field]
        var confirm: String? = nil

        /// The action with the options of its choices named in `choices` replaced (options read from records).
        func choosing(from choices: [String: [(String, String)]]) -> Action {
            guard !choices.isEmpty else { return self }
            return Action(kind: kind, title: title, fields: fields.map { field in
                guard case .select(let name, let label, _, let blank, let required) = field, let options = choices[name] else { return field }
                return .select(name, label, options, blank: blank, required: required)
            }, confirm: confirm)
        }
    }

    static func actionForm(_ action: Action, post: String, version: Int, csrf: String, today: CivilDate) -> Markup {
        el("details", .class("action")) {
            el("summary") { action.title }
            el("form", attributes: [Attribute("method", "post"), Attribute("action", post), Attribute("data-confirm", action.confirm)]) {
                csrfField(csrf)
                el("input", .type("hidden"), .name("kind"), .value(action.kind))
                el("input", .type("hidden"), .name("version"), .value(String(version)))
                textField("date", label: "日期", state: FormState(values: ["date": today.description]), type: "date", required: true)
                for field in action.fields {
                    fieldMarkup(field)
                }
                submitButton(action.title)
            }
        }
    }

    private static func fieldMarkup(_ field: Field) -> Markup {
        switch field {
        case .date(let name, let label): textField(name, label: label, state: FormState(), type: "date", required: true)
        case .text(let name, let label, let required): textField(name, label: label, state: FormState(), required: required)
        case .number(let name, let label): textField(name, label: label, state: FormState(), type: "number", required: true)
        case .select(let name, let label, let options, let blank, let required):
            selectField(name, label: label, options: options, state: FormState(), required: required, blank: blank)
        case .checkbox(let name, let label):
            el("div", .class("field checkbox")) {
                el("input", .type("checkbox"), .id("f-" + name), .name(name))
                el("label", .for("f-" + name)) { label }
            }
        }
    }

    /// Turns a submitted event form into the event's JSON: numbers and checkboxes typed by the action's fields.
    static func eventJSON(from form: [String: String], action: Action) throws -> Data {
        var object: [String: Any] = ["kind": action.kind, "date": form["date"] ?? ""]
        for field in action.fields {
            switch field {
            case .number(let name, let label):
                guard let value = form[name].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
                    throw FieldError(field: name, message: "\(label)须为整数")
                }
                object[name] = value
            case .checkbox(let name, _):
                object[name] = ["on", "true", "1"].contains(form[name] ?? "")
            default:
                if let value = form[field.name], !value.trimmingCharacters(in: .whitespaces).isEmpty {
                    object[field.name] = value.trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return try JSONSerialization.data(withJSONObject: object)
    }
}
