import FazhiCore

/// Shared pieces for showing a deadline: its chip (status with basis on hover and in text) and its explanation.
enum DeadlineViews {
    /// A deadline chip: the status badge and due date, the legal basis as a tooltip and as screen-reader text.
    static func chip(due: CivilDate, status: DeadlineStatus, kind: DeadlineKind, basis: String, provisional: Bool) -> Markup {
        let tone: String
        switch status {
        case .overdue, .missed: tone = kind == .target ? "warn" : "danger"
        case .dueSoon: tone = "warn"
        case .paused: tone = "info"
        case .met: tone = "ok"
        case .running: tone = "neutral"
        }
        let label = status.label(for: kind) + (provisional ? "（暂定）" : "")
        return el("span", .class("badge deadline " + tone), .title("依据：" + basis)) {
            "\(label) \(due)"
            el("span", .class("sr-only")) { "，依据：\(basis)" }
        }
    }

    static func explanation(_ lines: [String]) -> Markup {
        el("ol", .class("explain")) {
            for line in lines { el("li") { line } }
        }
    }
}
