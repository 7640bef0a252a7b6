import FazhiCore

/// How a deadline was counted, one step a line, as the calculator and the case pages show it.
enum DeadlineViews {
    static func explanation(_ lines: [String]) -> Markup {
        el("ol", .class("explain")) {
            for line in lines { el("li") { line } }
        }
    }
}
