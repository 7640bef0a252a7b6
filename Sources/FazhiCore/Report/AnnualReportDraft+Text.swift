/// The draft as text, for `fazhi report --format md` and the terminal. Staff text is merged per slot id;
/// an empty slot shows its hint as 【待填写：…】 so that no gap goes unnoticed; figures are written plain.
extension AnnualReportDraft {
    /// Markdown: the title as `#`, 一、… as `##`, each （一） paragraph opening with its bold title.
    public func markdown(narratives: [String: String] = [:]) -> String {
        render(narratives: narratives, markdown: true)
    }

    /// Plain text laid out as the reference: one line per paragraph, blank lines between them.
    public func plainText(narratives: [String: String] = [:]) -> String {
        render(narratives: narratives, markdown: false)
    }

    private func render(narratives: [String: String], markdown: Bool) -> String {
        func text(_ slot: NarrativeSlot) -> String {
            let written = narratives[slot.id]?.trimmingWhitespace ?? ""
            if !written.isEmpty { return written }
            return slot.defaultText ?? "【待填写：\(slot.hint)】"
        }
        var paragraphs: [String] = [markdown ? "# \(title)" : title, text(preamble)]
        for section in sections {
            let heading = "\(section.marker)\(section.title)"
            paragraphs.append(markdown ? "## \(heading)" : heading)
            for subsection in section.subsections {
                let lead = "\(subsection.marker)\(subsection.title)。"
                paragraphs.append((markdown ? "**\(lead)**" : lead)
                                  + subsection.sentences.map(\.text).joined() + text(subsection.narrative))
            }
            if let narrative = section.narrative { paragraphs.append(text(narrative)) }
        }
        paragraphs.append(bureau)
        paragraphs.append(date.map(ReportNumberFormat.date) ?? "【待填写：成文日期】")
        return paragraphs.joined(separator: "\n\n") + "\n"
    }
}
