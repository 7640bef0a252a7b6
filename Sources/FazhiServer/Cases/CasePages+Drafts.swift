import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// The page where an officer writes a document's sections (经审理查明, 本机关认为 …) beside a preview of the whole
/// document as it will be generated; each save is a new version of the draft, and the document is generated from it.
/// The preview follows the typing (fazhi.js): each section's text in it is a `data-section` span the script fills from
/// its field; without the script it shows the saved version.
extension CasePages {
    func registerDrafts(_ routes: RoutesBuilder, segment: PathComponent) {
        routes.get(segment, ":id", "drafts", ":kind", use: draftPage)
        routes.post(segment, ":id", "drafts", ":kind", use: saveDraft)
    }

    @Sendable func draftPage(_ req: Request) async throws -> Response {
        let writable = try await api.writable(req)
        let draft = try await InstrumentDraft.latest(caseID: writable.record.id!, kind: writable.template.kind, on: req.db)
        let values = (draft?.sections ?? [:]).reduce(into: [String: String]()) { $0["section-" + $1.key] = $1.value }
        return try await renderDraft(req, writable, state: FormState(values: values), draft: draft)
    }

    @Sendable func saveDraft(_ req: Request) async throws -> Response {
        let writable = try await api.writable(req)
        let form = try req.content.decode([String: String].self)
        var sections: [String: String] = [:]
        for section in writable.template.sections { sections[section.key] = form["section-" + section.key] ?? "" }
        do {
            _ = try await InstrumentDraft.save(sections, declared: writable.template.sections, kind: writable.template.kind,
                                               for: writable.record, actor: writable.current.actor, on: req.db)
            return req.redirect(to: "\(base)/\(writable.record.id!)/drafts/\(writable.template.kind)")
        } catch let errors as ValidationErrors {
            let mapped = ValidationErrors(errors.errors.map {
                FieldError(field: $0.field.replacingOccurrences(of: "sections.", with: "section-"), message: $0.message, code: $0.code)
            })
            let draft = try await InstrumentDraft.latest(caseID: writable.record.id!, kind: writable.template.kind, on: req.db)
            return try await renderDraft(req, writable, state: FormState(values: form, errors: mapped), draft: draft,
                                         status: .unprocessableEntity)
        }
    }

    private func renderDraft(_ req: Request, _ writable: CaseAPI<Rules, Detail>.Writable, state: FormState, draft: InstrumentDraft?,
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let template = writable.template
        let record = writable.record
        let saved = draft?.sections ?? [:]
        // The document is written with a marker where each section goes, so the preview can mark where each one stands.
        let markers = Dictionary(uniqueKeysWithValues: template.sections.map { ($0.key, Self.marker($0.key)) })
        let preview = try await api.preview(req, writable, sections: markers)
        // The preview prints the parties' particulars in full, as the document does: seen only by one who acts on the
        // case, and audited like a reveal.
        try await AuditLog.record(on: req.db, actor: writable.current.actor, action: "reveal", entityType: "case",
                                  entityID: record.id!.uuidString, before: nil, after: ["parties": "full", "document": template.kind])
        let missing = template.missing(in: saved)
        let csrf = writable.current.session.csrfToken
        return try await req.page("撰写《\(template.title)》：\(record.caseNumber)", status: status) {
            el("p") { el("a", .href("\(base)/\(record.id!)")) { "返回案件 \(record.caseNumber)" } }
            el("div", .class("draft")) {
                el("form", Attribute("method", "post"), Attribute("action", "\(base)/\(record.id!)/drafts/\(template.kind)"),
                   .class("card"), Attribute("novalidate", nil), .id("draft")) {
                    errorSummary(state)
                    csrfField(csrf)
                    el("p", .class("hint")) {
                        draft.map { "第\($0.version)稿，\($0.savedBy) 保存于 \(TableDateFormat.format($0.savedAt, withTime: true))；每次保存为新一稿，旧稿保留。" }
                            ?? "尚未保存。每次保存为新一稿，旧稿保留。"
                    }
                    for section in template.sections {
                        textArea("section-" + section.key, label: section.title + (section.required ? "（必填）" : ""), state: state, rows: 8)
                    }
                    submitButton("保存本稿")
                }
                el("section", .class("card preview"), .id("preview")) {
                    el("h2") { "预览" }
                    Self.previewMarkup(preview, sections: saved)
                    if missing.isEmpty {
                        el("form", Attribute("method", "post"), Attribute("action", "\(base)/\(record.id!)/instruments")) {
                            csrfField(csrf)
                            el("input", .type("hidden"), .name("kind"), .value(template.kind))
                            submitButton("生成《\(template.title)》")
                        }
                    } else {
                        notice("尚未撰写：" + missing.map { "「\($0.title)」" }.joined(separator: "、") + "。写完并保存后才能生成文书。", tone: "warn")
                    }
                }
            }
        }
    }

    /// Where section `key` goes in a previewed document: characters of Unicode's private use area, which no case data
    /// holds.
    static func marker(_ key: String) -> String { "\u{E000}\(key)\u{E001}" }

    /// The document's text as it will print: title, number, addressee, body, organ and date; each section's marker
    /// becomes a `data-section` span holding `sections[key]`.
    static func previewMarkup(_ document: OfficialDocument, sections: [String: String]) -> Markup {
        func text(_ string: String) -> Markup {
            var parts: [Markup] = []
            var rest = Substring(string)
            while let open = rest.firstIndex(of: "\u{E000}"), let close = rest[open...].firstIndex(of: "\u{E001}") {
                let key = String(rest[rest.index(after: open)..<close])
                parts += [.text(String(rest[..<open])), el("span", Attribute("data-section", key)) { sections[key] ?? "" }]
                rest = rest[rest.index(after: close)...]
            }
            parts.append(.text(String(rest)))
            return .group { parts }
        }
        return .group {
            el("p", .class("preview-title")) { document.titleLines.joined() }
            if let number = document.number { el("p", .class("preview-number")) { number } }
            if let addressee = document.addressee { el("p") { addressee } }
            for block in document.body {
                switch block {
                case .heading(_, let heading): el("p") { el("strong") { text(heading) } }
                case .paragraph(let paragraph): el("p") { text(paragraph) }
                case .partyBlock(let label, let lines): el("p") { "\(label)：\(lines.joined(separator: " "))" }
                case .list(let items): el("ol") { for item in items { el("li") { text(item) } } }
                }
            }
            el("p", .class("preview-closing")) { document.closing.organ }
        }
    }
}
