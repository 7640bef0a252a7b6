import FazhiCore

/// What a form was filled with and what was wrong with it, to re-render it with each error under its field.
struct FormState {
    var values: [String: String] = [:]
    var errors = ValidationErrors()

    subscript(_ field: String) -> String { values[field] ?? "" }
}

/// The hidden CSRF field every state-changing form carries.
func csrfField(_ token: String) -> Markup {
    el("input", .type("hidden"), .name(CSRFMiddleware.field), .value(token))
}

/// A labelled input with its error (if any) right under it, tied together for screen readers.
func textField(
    _ name: String, label: String, state: FormState, type: String = "text",
    required: Bool = false, hint: String? = nil, autocomplete: String? = nil
) -> Markup {
    let error = state.errors.message(for: name)
    let id = "f-" + name
    return el("div", .class(error == nil ? "field" : "field invalid")) {
        el("label", .for(id)) {
            label
            if required { el("span", .class("req"), .aria("hidden", "true")) { " *" } }
        }
        el("input", attributes: [
            .type(type), .id(id), .name(name),
            .value(type == "password" ? nil : state[name]),
            .flag("required", required),
            Attribute("autocomplete", autocomplete),
            .aria("invalid", error == nil ? nil : "true"),
            .aria("describedby", error == nil ? (hint == nil ? nil : id + "-hint") : id + "-error"),
        ])
        if let hint { el("p", .class("hint"), .id(id + "-hint")) { hint } }
        if let error { el("p", .class("error"), .id(id + "-error")) { error } }
    }
}

/// A labelled multi-line text field with its error under it.
func textArea(_ name: String, label: String, state: FormState, rows: Int = 3) -> Markup {
    let error = state.errors.message(for: name)
    let id = "f-" + name
    return el("div", .class(error == nil ? "field" : "field invalid")) {
        el("label", .for(id)) { label }
        el("textarea", .id(id), .name(name), Attribute("rows", String(rows)),
           .aria("invalid", error == nil ? nil : "true"), .aria("describedby", error == nil ? nil : id + "-error")) { state[name] }
        if let error { el("p", .class("error"), .id(id + "-error")) { error } }
    }
}

/// A labelled select with its error under it. `options` are (value, label) pairs.
func selectField(
    _ name: String, label: String, options: [(String, String)], state: FormState,
    required: Bool = false, blank: String? = "请选择"
) -> Markup {
    let error = state.errors.message(for: name)
    let id = "f-" + name
    return el("div", .class(error == nil ? "field" : "field invalid")) {
        el("label", .for(id)) {
            label
            if required { el("span", .class("req"), .aria("hidden", "true")) { " *" } }
        }
        el("select", attributes: [
            .id(id), .name(name), .flag("required", required),
            .aria("invalid", error == nil ? nil : "true"),
            .aria("describedby", error == nil ? nil : id + "-error"),
        ]) {
            if let blank { el("option", .value("")) { blank } }
            for (value, text) in options {
                el("option", .value(value), .flag("selected", state[name] == value)) { text }
            }
        }
        if let error { el("p", .class("error"), .id(id + "-error")) { error } }
    }
}

/// A summary of all errors at the top of a form, so keyboard and screen-reader users learn of them first.
func errorSummary(_ state: FormState) -> Markup {
    guard !state.errors.isEmpty else { return .empty }
    return el("div", .class("alert error"), Attribute("role", "alert")) {
        el("p") { "提交失败，请修改以下内容：" }
        el("ul") {
            for error in state.errors.errors {
                el("li") { el("a", .href("#f-" + error.field)) { error.message } }
            }
        }
    }
}

func submitButton(_ title: String) -> Markup {
    el("button", .type("submit"), .class("primary")) { title }
}

/// Maps an API field path to a flat form field name: `applicants[0].idNumber` → `applicantIdNumber`,
/// given the prefixes of the form (`["applicants[0].": "applicant"]`), so errors land under the right field.
func flatFormField(_ field: String, _ prefixes: [String: String]) -> String {
    for (prefix, flat) in prefixes where field.hasPrefix(prefix) {
        let rest = field.dropFirst(prefix.count)
        return flat + rest.prefix(1).uppercased() + rest.dropFirst()
    }
    return field
}
