import FazhiCore
import Vapor

/// Draws a `ReportPageModel`: the export links, the draft as a form (figure sentences linking to their records,
/// a text box per narrative slot, read-only unless the viewer writes the report) and the saved versions.
enum ReportPageView {
    static func page(_ req: Request, _ model: ReportPageModel) async throws -> Response {
        let report = model.report
        let year = model.year
        let orgQuery = "&org=" + (report.org.code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let narratives = report.narratives
        let csrf = try req.requireCurrent().session.csrfToken
        func slotField(_ slot: AnnualReportDraft.NarrativeSlot) -> Markup {
            el("div", .class("field")) {
                el("label", .for("slot-" + slot.id)) { slot.hint }
                el("textarea", .id("slot-" + slot.id), .name("slot." + slot.id), Attribute("rows", "4"), .flag("readonly", !model.canEdit)) {
                    narratives[slot.id] ?? slot.defaultText ?? ""
                }
            }
        }
        func sentence(_ sentence: ReportSentence) -> Markup {
            Markup.group {
                for segment in sentence.segments {
                    switch segment {
                    case .text(let text): Markup.text(text)
                    case .figure(let key, let text):
                        model.keysWithRecords.contains(key)
                            ? el("a", .href("/report/records?metric=\(key)&year=\(year)\(orgQuery)"), .title("查看明细")) { text }
                            : Markup.text(text)
                    }
                }
            }
        }
        return try await req.page(report.draft.title) {
            el("p", .class("actions")) {
                el("a", .class("button"), .href("/report/export/report.docx?year=\(year)" + orgQuery)) { "导出 Word（GB/T 9704）" }
                " "
                el("a", .class("button"), .href("/report/export/report.html?year=\(year)" + orgQuery), Attribute("target", "_blank")) { "打印版" }
                " "
                el("a", .class("button"), .href("/report/export/report.md?year=\(year)" + orgQuery)) { "Markdown" }
                " "
                el("a", .class("button"), .href("/dashboard?year=\(year)")) { "统计" }
            }
            if !report.draft.unstatedKeys.isEmpty {
                notice("以下指标本年度无可计算的记录，未写入报告：\(report.draft.unstatedKeys.joined(separator: "、"))", tone: "warn")
            }
            el("form", Attribute("method", "post"), Attribute("action", "/report?year=\(year)" + orgQuery), .class("card draft")) {
                csrfField(csrf)
                el("input", .type("hidden"), .name("year"), .value(String(year)))
                slotField(report.draft.preamble)
                for section in report.draft.sections {
                    el("h2") { section.marker + section.title }
                    if let narrative = section.narrative { slotField(narrative) }
                    for subsection in section.subsections {
                        el("h3") { subsection.marker + subsection.title }
                        if !subsection.sentences.isEmpty {
                            el("p", .class("figures-text")) { for line in subsection.sentences { sentence(line) } }
                        }
                        slotField(subsection.narrative)
                    }
                }
                if model.canEdit { submitButton("保存为新版本") }
            }
            el("section", .class("card")) {
                el("h2") { "保存记录" }
                dataTable(headers: ["版本", "保存人", "时间"], rows: model.versions.map {
                    [.text("第\($0.number)版"), .text($0.savedBy), .text(TableDateFormat.format($0.savedAt, withTime: true))]
                }, empty: "尚未保存")
            }
        }
    }
}
