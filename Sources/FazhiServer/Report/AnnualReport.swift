import Fluent
import FazhiCore
import FazhiOffice
import Foundation
import Vapor

/// The annual report for a year and a bureau: the Core draft filled with the counted figures and the staff's
/// latest narrative, rendered as markdown, as a GB/T 9704 .docx, or as printable HTML.
struct AnnualReport {
    let org: Org
    let figures: AnnualFigures
    let draft: AnnualReportDraft
    let saved: ReportDraftRecord?

    var narratives: [String: String] { saved?.narrativeTexts ?? [:] }

    /// The report of `year` for the org with `orgCode` (default: the bureau, i.e. the root org). For operators'
    /// commands; a request resolves its org through `Scope.statisticsOrg` and calls `load(db:modules:year:org:today:)`.
    static func load(db: Database, modules: ModuleRegistry, year: Int, orgCode: String?, today: CivilDate) async throws -> AnnualReport {
        let org: Org
        if let orgCode {
            guard let found = try await Org.query(on: db).filter(\.$code == orgCode).first() else {
                throw FieldError(field: "org", message: "机构代码“\(orgCode)”不存在")
            }
            org = found
        } else {
            guard let bureau = try await Org.query(on: db).filter(\.$kind == .bureau).sort(\.$code).first() else {
                throw FieldError(field: "org", message: "尚未建立司法局机构")
            }
            org = bureau
        }
        return try await load(db: db, modules: modules, year: year, org: org, today: today)
    }

    /// The report of `year` for `org`'s subtree.
    static func load(db: Database, modules: ModuleRegistry, year: Int, org: Org, today: CivilDate) async throws -> AnnualReport {
        let figures = try await AnnualFigures.compute(db: db, modules: modules, year: year, orgCode: org.code)
        let query = ReportQuery(db: db, year: year, orgIDs: try await AnnualFigures.subtree(org.code, on: db))
        var findings: [String] = []
        for module in modules.all { findings += try await module.reportFindings(query) }
        let draft = AnnualReportDraft(year: year, bureau: org.name, figures: figures.figures, date: today, outline: modules.reportOutline,
                                      findings: findings)
        return AnnualReport(org: org, figures: figures, draft: draft, saved: try await ReportDraftRecord.latest(year: year, org: org.id!, on: db))
    }

    /// The setting that names an org's drafting office (the rule-of-law office): `report.draftingOffice.<org code>`
    /// holds the office's code. Its leaders and officers write the org's report beside the org's own leaders.
    static func draftingOfficeID(of org: Org, on db: Database) async throws -> UUID? {
        guard let code = try await Setting.value("report.draftingOffice.\(org.code)", on: db) else { return nil }
        return try await Org.query(on: db).filter(\.$code == code).first()?.id
    }

    var markdown: String { draft.markdown(narratives: narratives) }

    /// The report as a formal document: sections and subsections as numbered headings, the figure sentences and
    /// the staff's narrative as paragraphs.
    var document: OfficialDocument {
        func text(_ slot: AnnualReportDraft.NarrativeSlot) -> String? {
            let written = narratives[slot.id]?.trimmingCharacters(in: .whitespacesAndNewlines)
            return (written?.isEmpty == false ? written : nil) ?? slot.defaultText
        }
        var body: [OfficialDocument.Block] = []
        if let preamble = text(draft.preamble) { body.append(.paragraph(preamble)) }
        for section in draft.sections {
            body.append(.heading(level: 1, text: section.title))
            if let narrative = section.narrative, let written = text(narrative) {
                body += written.split(whereSeparator: \.isNewline).map { .paragraph(String($0)) }
            }
            for subsection in section.subsections {
                let figures = subsection.sentences.map(\.text).joined()
                let written = text(subsection.narrative) ?? ""
                body.append(.paragraph("（\(ChineseNumeral.text(subsection.number))）\(subsection.title)。" + figures + written))
            }
        }
        let date = draft.date ?? CivilDate(year: figures.year + 1, month: 1, day: 15)!
        return OfficialDocument(kind: draft.title, organ: org.name, body: body,
                                closing: .init(organ: org.name, date: .init(date)))
    }

    func docx() throws -> Data { try DocxWriter().docx(document) }
    var html: String { PrintableHTML().html(document) }
}
