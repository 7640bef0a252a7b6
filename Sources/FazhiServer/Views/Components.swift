/// Small shared pieces: badges, tables, notices.

/// A status badge; `tone` is one of neutral, ok, warn, danger, info.
func badge(_ text: String, tone: String = "neutral") -> Markup {
    el("span", .class("badge " + tone)) { text }
}

/// A table with a header row; cells are markup.
func dataTable(caption: String? = nil, headers: [String], rows: [[Markup]], empty: String = "暂无记录") -> Markup {
    el("div", .class("table-wrap")) {
        el("table") {
            if let caption { el("caption") { caption } }
            el("thead") { el("tr") { for header in headers { el("th", Attribute("scope", "col")) { header } } } }
            el("tbody") {
                if rows.isEmpty {
                    el("tr") { el("td", Attribute("colspan", String(headers.count)), .class("empty")) { empty } }
                }
                for row in rows {
                    el("tr") { for cell in row { el("td") { cell } } }
                }
            }
        }
    }
}

func notice(_ text: String, tone: String = "info") -> Markup {
    el("div", .class("alert " + tone), Attribute("role", tone == "error" ? "alert" : "status")) { text }
}

/// Dates in tables as 2024-01-17 (DESIGN.md, "The UI").
func tableDate(_ date: Date?) -> String {
    guard let date else { return "" }
    return TableDateFormat.format(date)
}

import Foundation

enum TableDateFormat {
    static func format(_ date: Date, withTime: Bool = false) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        return withTime ? day + String(format: " %02d:%02d:%02d", c.hour!, c.minute!, c.second!) : day
    }
}
