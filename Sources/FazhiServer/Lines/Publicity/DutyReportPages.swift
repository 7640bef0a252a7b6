import Fluent
import FazhiCore
import Vapor

/// `/publicity/duty-reports` and `/api/v1/publicity/duty-reports`: the year's 谁执法谁普法 ranking with the reports
/// awaiting review and the agencies that have submitted none; an agency's submission (text and an optional PDF or Word
/// file); one report with the office's review. An agency sees its own reports only (the scope), and only one who acts in
/// the line above the agency reviews (`reviewingOffice`).
enum DutyReportPages {
    static let base = "/publicity/duty-reports"

    static func routes(_ routes: RoutesBuilder) {
        let pages = routes.grouped("publicity", "duty-reports")
        pages.get { try await list($0) }
        pages.post(limit: BodyLimit.attachment) { try await submitPage($0) }
        pages.get(":id") { try await show($0) }
        pages.post(":id", "review") { try await reviewPage($0) }
        pages.get(":id", "file") { try await file($0) }

        let api = routes.grouped("api", "v1", "publicity", "duty-reports")
        let tag = "publicity"
        api.get { req -> DutyReports.Ranking in
            try await DutyReports.ranking(try PublicityOverview.readable(req), year: try PublicityOverview.parameters(req).year, on: req.db)
        }.openAPI("“谁执法谁普法”履职报告：本年度已评议的按得分排名、待评议的、未提交的单位（year）；行政机关只看到本机关的", tag: tag,
                  responses: [200: "成功", 400: "参数有误", 403: "无权限"])
        api.post(limit: BodyLimit.attachment) { req -> Response in
            let report = try await submit(req)
            let response = Response(status: .created)
            try response.content.encode(try await DutyReports.detail(try req.scope, report.id, on: req.db).0)
            return response
        }.openAPI("提交本单位年度履职报告（multipart：orgID?、year、title、text、file?（PDF 或 Word，不超过20MB））；评议前可重新提交", tag: tag,
                  body: ["type": "object", "required": ["year", "title", "text"],
                         "properties": ["orgID": ["type": "string"], "year": ["type": "string"], "title": ["type": "string"],
                                        "text": ["type": "string"], "file": ["type": "string", "contentMediaType": "application/octet-stream"]]],
                  responses: [201: "已提交", 403: "无权在该单位提交", 422: "输入有误、已评议，或代为录入时该单位已自行提交"], bodyType: "multipart/form-data")
        api.get(":id") { req -> DutyReports.Detail in
            try await DutyReports.detail(try PublicityOverview.readable(req), req.parameters.get("id", as: UUID.self), on: req.db).0
        }.openAPI("一份履职报告及其评议", tag: tag, responses: [200: "成功", 404: "不存在或不在范围内"])
        api.post(":id", "review") { req -> DutyReports.Detail in
            let input = try req.content.decode(DutyReports.ReviewInput.self)
            try await review(req, score: input.score.map(String.init), comments: input.comments)
            return try await DutyReports.detail(try req.scope, req.parameters.get("id", as: UUID.self), on: req.db).0
        }.openAPI("评议履职报告（普法主管部门）：{score: 0–100, comments}", tag: tag,
                  body: ["type": "object", "required": ["score", "comments"],
                         "properties": ["score": ["type": "integer"], "comments": ["type": "string"]]],
                  responses: [200: "已评议", 403: "只有上级普法主管部门可以评议", 404: "不存在或不在范围内", 422: "输入有误或已评议"])
        api.get(":id", "file") { try await file($0) }
            .openAPI("下载履职报告附件", tag: tag, responses: [200: "文件内容", 404: "不存在、不在范围内或未附文件"])
    }

    // MARK: What the routes share

    /// Checks and stores the posted submission for the agency chosen (or the user's own), 403 where the user may not act.
    static func submit(_ req: Request) async throws -> DutyReport {
        let current = try req.requireCurrent()
        let input = try req.content.decode(DutyReports.SubmitInput.self)
        let agencies = try await submittingAgencies(current.scope, on: req.db)
        guard !agencies.isEmpty else { throw Abort(.forbidden, reason: "您没有提交履职报告的权限") }
        var errors = ValidationErrors()
        let chosen = input.orgID.flatMap { UUID(uuidString: $0) } ?? (agencies.count == 1 ? agencies[0].id : nil)
        let agency = agencies.first { $0.id == chosen }
        if agency == nil { errors.add("orgID", "请选择提交报告的行政机关（须为您所在的单位）") }
        var submission: DutyReportRules.Submission?
        do {
            submission = try DutyReportRules.submission(year: input.year, title: input.title, text: input.text, today: ChinaTime.today)
        } catch {
            errors.errors += error.errors
        }
        var file: (name: String, type: UploadType, data: Data)?
        if let posted = input.file, posted.data.readableBytes > 0 || !posted.filename.isEmpty {
            do {
                let (checked, type) = try UploadCheck.check(posted, maxSize: Attachments.maxSize, accepted: DutyReports.fileTypes)
                file = (checked.filename, type, Data(buffer: checked.data))
            } catch {
                errors.errors.append(error)
            }
        }
        try errors.throwIfAny()
        return try await DutyReports.submit(submission!, file: file, agency: agency!, by: submitter(current.scope, for: agency!),
                                            on: ChinaTime.today, actor: current.actor, on: req.db)
    }

    /// Reviews the report in the path: 404 outside the scope, 403 unless the user acts in the line above its agency.
    static func review(_ req: Request, score: String?, comments: String?) async throws {
        let current = try req.requireCurrent()
        let report = try await current.scope.find(DutyReport.self, req.parameters.get("id", as: UUID.self), on: req.db)
        guard let office = try await reviewingOffice(current.scope, of: report, on: req.db) else {
            throw Abort(.forbidden, reason: "只有上级普法主管部门可以评议履职报告")
        }
        let checked = try DutyReportRules.review(score: score, comments: comments)
        try await DutyReports.review(checked, of: report.id!, office: office, on: ChinaTime.today, actor: current.actor, on: req.db)
    }

    /// The agencies the user may submit for: agencies where the user acts in the line.
    static func submittingAgencies(_ scope: Scope, on db: Database) async throws -> [Org] {
        let acting = Array(scope.actingOrgIDs(.publicity))
        guard !acting.isEmpty else { return [] }
        return try await Org.query(on: db).filter(\.$id ~~ acting).filter(\.$kind == .agency).filter(\.$active == true).sort(\.$code).all()
    }

    /// The agency itself when the user acts in the line at the agency; otherwise the office above it, entering a paper report.
    static func submitter(_ scope: Scope, for agency: Org) -> DutyReportRules.Submitter {
        scope.grants.contains { $0.orgID == agency.id && $0.role.acts(in: .publicity, grantLine: $0.line) } ? .agency : .office
    }

    /// The org above the report's agency, when the user acts in the line there: the office whose review it is.
    static func reviewingOffice(_ scope: Scope, of report: DutyReport, on db: Database) async throws -> UUID? {
        guard let agency = try await Org.find(report.$org.id, on: db), let parent = agency.$parent.id,
              scope.canAct(.publicity, at: parent) else { return nil }
        return parent
    }

    static func file(_ req: Request) async throws -> Response {
        let report = try await PublicityOverview.readable(req).find(DutyReport.self, req.parameters.get("id", as: UUID.self), on: req.db)
        guard let name = report.fileName, let type = report.fileType, let data = report.fileData else { throw Abort(.notFound) }
        // Audited as every stored file's download is.
        try await AuditLog.record(on: req.db, actor: try req.requireCurrent().actor, action: "download", entityType: "dutyReport",
                                  entityID: report.id!.uuidString, before: nil, after: ["file": name])
        return Attachments.fileResponse(data, contentType: type, filename: name)
    }

    // MARK: Pages

    static func list(_ req: Request, state: FormState = FormState(), status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let scope = try PublicityOverview.readable(req)
        let year = try PublicityOverview.parameters(req).year
        let ranking = try await DutyReports.ranking(scope, year: year, on: req.db)
        let agencies = try await submittingAgencies(scope, on: req.db)
        var state = state
        if state["year"].isEmpty { state.values["year"] = String(year) }
        return try await req.page("“谁执法谁普法”履职报告（\(year)年）", status: status) {
            el("form", Attribute("method", "get"), .class("inline")) {
                textField("year", label: "年度", state: FormState(values: ["year": String(year)]), type: "number")
                submitButton("查看")
            }
            dataTable(caption: "评议排名", headers: ["名次", "单位", "报告", "评议得分", "评议意见", "评议日期"], rows: ranking.ranked.map { report in
                [.text(String(report.rank ?? 0)), .text(report.agency), el("a", .href("\(base)/\(report.id)")) { report.title },
                 .text(String(report.score ?? 0)), .text(report.comments ?? ""), .text(report.reviewedOn ?? "")]
            }, empty: "本年度尚无评议")
            dataTable(caption: "待评议", headers: ["单位", "报告", "提交日期", "附件"], rows: ranking.awaitingReview.map { report in
                [.text(report.agency), el("a", .href("\(base)/\(report.id)")) { report.title }, .text(report.submittedOn),
                 .text(report.fileName ?? "")]
            }, empty: "没有待评议的报告")
            if !ranking.notSubmitted.isEmpty {
                el("section", .class("card")) {
                    el("h2") { "尚未提交（\(ranking.notSubmitted.count)家）" }
                    el("p") { ranking.notSubmitted.joined(separator: "、") }
                }
            }
            if !agencies.isEmpty {
                el("form", Attribute("method", "post"), Attribute("action", base), Attribute("enctype", "multipart/form-data"), .class("card"),
                   Attribute("novalidate", nil)) {
                    el("h2") { "提交履职报告" }
                    errorSummary(state)
                    csrfField(current.session.csrfToken)
                    selectField("orgID", label: "行政机关", options: agencies.map { ($0.id!.uuidString, $0.name) }, state: state, required: true,
                                blank: agencies.count == 1 ? nil : "请选择")
                    textField("year", label: "报告年度", state: state, type: "number", required: true)
                    textField("title", label: "报告标题", state: state, required: true, hint: "例：\(year)年度普法责任制履职报告")
                    textArea("text", label: "报告正文", state: state, rows: 10)
                    el("div", .class(state.errors.message(for: "file") == nil ? "field" : "field invalid")) {
                        el("label", .for("f-file")) { "附件（可选；\(UploadType.labels(DutyReports.fileTypes))，不超过20MB）" }
                        el("input", .type("file"), .id("f-file"), .name("file"), Attribute("accept", ".pdf,.docx"))
                        if let error = state.errors.message(for: "file") { el("p", .class("error"), .id("f-file-error")) { error } }
                    }
                    submitButton("提交")
                }
            }
        }
    }

    static func submitPage(_ req: Request) async throws -> Response {
        do {
            let report = try await submit(req)
            return req.redirect(to: "\(base)/\(report.id!)")
        } catch let errors as ValidationErrors {
            return try await list(req, state: FormState(values: posted(req), errors: errors), status: .unprocessableEntity)
        } catch let error as FieldError {
            return try await list(req, state: FormState(values: posted(req), errors: ValidationErrors([error])), status: .unprocessableEntity)
        }
    }

    /// The text fields of the posted form, to show them again with its errors.
    private static func posted(_ req: Request) -> [String: String] {
        guard let input = try? req.content.decode(DutyReports.SubmitInput.self) else { return [:] }
        return ["orgID": input.orgID ?? "", "year": input.year ?? "", "title": input.title ?? "", "text": input.text ?? ""]
    }

    static func show(_ req: Request, state: FormState = FormState(), status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let scope = try PublicityOverview.readable(req)
        let (detail, report) = try await DutyReports.detail(scope, req.parameters.get("id", as: UUID.self), on: req.db)
        let canReview = !report.isReviewed ? try await reviewingOffice(scope, of: report, on: req.db) != nil : false
        let listed = detail.report
        return try await req.page("\(listed.agency)：\(listed.title)", status: status) {
            el("p", .class("actions")) { el("a", .href("\(base)?year=\(listed.year)"), .class("button")) { "返回排名" } }
            el("section", .class("card")) {
                dataTable(headers: ["项目", "内容"], rows: [
                    [.text("单位"), .text(listed.agency)], [.text("报告年度"), .text(String(listed.year))],
                    [.text("提交"), .text("\(listed.submittedBy) \(listed.submittedOn)")],
                    [.text("附件"), detail.fileURL.map { url in el("a", .href(url)) { listed.fileName ?? "附件" } } ?? .text("无")],
                    [.text("评议"), .text(listed.score.map { "\($0)分（\(listed.reviewedOn ?? "")）：\(listed.comments ?? "")" } ?? "待评议")],
                ])
                el("h2") { "报告正文" }
                el("div", .class("prose")) { for paragraph in detail.text.split(separator: "\n") { el("p") { String(paragraph) } } }
            }
            if canReview {
                el("form", Attribute("method", "post"), Attribute("action", "\(base)/\(listed.id)/review"), .class("card"), Attribute("novalidate", nil)) {
                    el("h2") { "评议" }
                    errorSummary(state)
                    csrfField(current.session.csrfToken)
                    textField("score", label: "评议得分（0–100）", state: state, type: "number", required: true)
                    textArea("comments", label: "评议意见", state: state, rows: 4)
                    submitButton("保存评议")
                }
            }
        }
    }

    static func reviewPage(_ req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        do {
            try await review(req, score: form["score"], comments: form["comments"])
            return req.redirect(to: "\(base)/\(req.parameters.get("id") ?? "")")
        } catch let errors as ValidationErrors {
            return try await show(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        } catch let error as FieldError {
            return try await show(req, state: FormState(values: form, errors: ValidationErrors([error])), status: .unprocessableEntity)
        }
    }
}
