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
        routes.get("api", "v1", "report", "figures", use: figures).openAPI(
            "年度指标（year，org）：{\"year\",\"org\",\"metrics\":{key: value}}，比率为0–1的小数", tag: "report")
    }

    /// The report asked for (`year`, `org`), its org resolved through the scope: out of scope answers 404. From the
    /// primary, never the replica: the page is the form its narrative is edited in, and a save builds on what it read.
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
        let year = try DashboardController.year(req)
        let db = req.readDB, modules = req.modules
        // The figures of an org's subtree for a year, whoever may read them: counted once per state of the data.
        let parts = ["org=\(org.id!)", "year=\(year)", "today=\(ChinaTime.today)"]
        let bureau = try await OrgDirectory.soleBureau(of: org, on: db)
        let json = try await req.application.figuresCache.value(parts, bureau: bureau, on: db, timing: req.timing) {
            try await AnnualFigures.compute(db: db, modules: modules, year: year, orgCode: org.code).json()
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: json))
    }

    static func page(_ req: Request) async throws -> Response {
        try await ReportPageView.page(req, try await ReportPageModel.load(req))
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
