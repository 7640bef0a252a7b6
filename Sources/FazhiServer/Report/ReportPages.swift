import Fluent
import FazhiCore
import Vapor

/// 年度报告草稿: the figures filled from the records (each linking to its records), the staff's narrative edited
/// in the browser and saved as versions, exported as .docx (GB/T 9704), printable HTML and markdown.
enum ReportPages {
    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("report", use: page)
        routes.post("report", use: save)
        routes.get("report", "export", ":file", use: export)
        routes.get("api", "v1", "report", "figures", use: figures)
    }

    /// The report asked for (`year`, `org`), its org resolved through the scope: out of scope answers 404.
    static func load(_ req: Request) async throws -> AnnualReport {
        let org = try await req.scope.statisticsOrg(code: req.query[String.self, at: "org"], on: req.db)
        return try await AnnualReport.load(db: req.db, modules: req.modules, year: try DashboardController.year(req), org: org, today: ChinaTime.today)
    }

    /// Whether the user writes this report's narrative (the org's own leaders and admins, its drafting office).
    static func mayEdit(_ req: Request, _ report: AnnualReport) async throws -> Bool {
        try req.scope.editsReport(of: report.org, draftingOfficeID: try await AnnualReport.draftingOfficeID(of: report.org, on: req.db))
    }

    /// `GET /api/v1/report/figures?year=&org=`: the same JSON as `fazhi report --format json`, for an org within the
    /// user's statistics scope (default: the widest org it covers).
    static func figures(_ req: Request) async throws -> Response {
        let org = try await req.scope.statisticsOrg(code: req.query[String.self, at: "org"], on: req.db)
        let figures = try await AnnualFigures.compute(db: req.db, modules: req.modules, year: try DashboardController.year(req), orgCode: org.code)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try figures.json()))
    }

    static func page(_ req: Request) async throws -> Response {
        let report = try await load(req)
        let canEdit = try await mayEdit(req, report)
        let orgQuery = "&org=" + (report.org.code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let history = try await ReportDraftRecord.query(on: req.db).filter(\.$year == report.figures.year)
            .filter(\.$orgID == report.org.id!).sort(\.$version, .descending).all()
        let year = report.figures.year
        let narratives = report.narratives
        let csrf = try req.requireCurrent().session.csrfToken
        func slotField(_ slot: AnnualReportDraft.NarrativeSlot) -> Markup {
            el("div", .class("field")) {
                el("label", .for("slot-" + slot.id)) { slot.hint }
                el("textarea", .id("slot-" + slot.id), .name("slot." + slot.id), Attribute("rows", "4"), .flag("readonly", !canEdit)) {
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
                        req.modules.computation(named: key)?.records == nil
                            ? Markup.text(text)
                            : el("a", .href("/report/records?metric=\(key)&year=\(year)"), .title("查看明细")) { text }
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
                if canEdit { submitButton("保存为新版本") }
            }
            el("section", .class("card")) {
                el("h2") { "保存记录" }
                dataTable(headers: ["版本", "保存人", "时间"], rows: history.map {
                    [.text("第\($0.version)版"), .text($0.savedBy), .text(TableDateFormat.format($0.savedAt, withTime: true))]
                }, empty: "尚未保存")
            }
        }
    }

    static func save(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let report = try await load(req)
        guard try await mayEdit(req, report) else {
            throw Abort(.forbidden, reason: "只有本机构的领导、管理员或法治工作机构可以修改年度报告")
        }
        let form = try req.content.decode([String: String].self)
        var narratives: [String: String] = [:]
        for slot in report.draft.narrativeSlots {
            let text = form["slot." + slot.id] ?? ""
            if text.count > 20_000 { throw FieldError(field: "slot." + slot.id, message: "每段文字不能超过20000字") }
            narratives[slot.id] = text
        }
        _ = try await ReportDraftRecord.save(year: report.figures.year, org: report.org.id!, narratives: narratives,
                                             actor: current.actor, on: req.db)
        let org = report.org.code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return req.redirect(to: "/report?year=\(report.figures.year)&org=\(org)")
    }

    static func export(_ req: Request) async throws -> Response {
        let report = try await load(req)
        var headers = HTTPHeaders()
        switch req.parameters.get("file") {
        case "report.docx":
            headers.add(name: .contentType, value: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            let name = "\(report.draft.title).docx".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "report.docx"
            headers.add(name: .contentDisposition, value: "attachment; filename=\"report.docx\"; filename*=UTF-8''\(name)")
            return Response(status: .ok, headers: headers, body: .init(data: try report.docx()))
        case "report.html":
            return Response.html(report.html)
        case "report.md":
            headers.add(name: .contentType, value: "text/markdown; charset=utf-8")
            return Response(status: .ok, headers: headers, body: .init(string: report.markdown))
        default:
            throw Abort(.notFound)
        }
    }
}
