import Foundation

/// SVG charts drawn on the server (no scripts, no external assets), with the figures also in text for screen readers.
enum Charts {
    /// A bar chart of 12 monthly values; each bar links to `link(month)` when given.
    static func months(title: String, values: [Int], link: ((Int) -> String)? = nil) -> Markup {
        let width = 560, height = 180, left = 36, bottom = 24, top = 12
        let maximum = max(values.max() ?? 0, 1)
        let step = Double(width - left) / 12
        var parts = ""
        // Axis and a gridline at the maximum.
        parts += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width)\" y2=\"\(height - bottom)\" stroke=\"#57606a\"/>"
        parts += "<text x=\"\(left - 4)\" y=\"\(top + 4)\" font-size=\"11\" text-anchor=\"end\" fill=\"#57606a\">\(maximum)</text>"
        parts += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(width)\" y2=\"\(top)\" stroke=\"#d0d7de\" stroke-dasharray=\"3 3\"/>"
        for (index, value) in values.prefix(12).enumerated() {
            let barHeight = Double(height - bottom - top) * Double(value) / Double(maximum)
            let x = Double(left) + step * Double(index) + step * 0.15
            let y = Double(height - bottom) - barHeight
            let bar = String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#9a1b1b\"><title>%d月：%d</title></rect>",
                             x, y, step * 0.7, barHeight, index + 1, value)
            if let link {
                parts += "<a href=\"\(Markup.escape(link(index + 1)))\">\(bar)</a>"
            } else {
                parts += bar
            }
            parts += String(format: "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1f2328\">%d</text>",
                            x + step * 0.35, height - bottom + 15, index + 1)
            if value > 0 {
                parts += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" fill=\"#1f2328\">%d</text>",
                                x + step * 0.35, y - 3, value)
            }
        }
        let description = values.enumerated().map { "\($0.offset + 1)月\($0.element)" }.joined(separator: "，")
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(Markup.escape(title))：\(Markup.escape(description))\">\(parts)</svg>"
        return el("figure", .class("chart")) {
            el("figcaption") { title }
            Markup.raw(svg)
        }
    }
}
