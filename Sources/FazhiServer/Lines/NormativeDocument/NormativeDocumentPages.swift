import Fluent
import FazhiCore
import Vapor

/// The register on the web: the list with its filters, the search with the matches highlighted, the clean-up queue,
/// registering a document (pasted or from a .docx), and a document's page with its history and the steps the user may take.
enum NormativeDocumentPages {
    static func routes(_ routes: RoutesBuilder) {
        let base = routes.grouped("normative-documents")
        base.get(use: list)
        base.get("new") { req in try await form(req, state: FormState(values: ["publishedOn": ChinaTime.today.description])) }
        base.on(.POST, body: .collect(maxSize: BodyLimit.attachment), use: create)
        base.get("search", use: search)
        base.get("expiring", use: expiring)
        base.get(":id", use: show)
        base.post(":id", "actions", use: act)
    }

    static func agencyOptions(_ req: Request) async throws -> [(String, String)] {
        let orgIDs = try NormativeDocumentAPI.readable(req)
        return try await Org.query(on: req.db).filter(\.$kind == .agency).filter(\.$id ~~ orgIDs).sort(\.$code).all().map { ($0.id!.uuidString, $0.name) }
    }

    static func filterForm(_ req: Request, action: String, withQuery: Bool) async throws -> Markup {
        let values = ["q", "agency", "status", "year", "filing"].reduce(into: [String: String]()) { $0[$1] = req.query[String.self, at: $1] ?? "" }
        let state = FormState(values: values)
        let agencies = try await agencyOptions(req)
        return el("form", Attribute("method", "get"), Attribute("action", action), .class("card filters")) {
            if withQuery { textField("q", label: "检索词（两个汉字起，空格分隔多个词）", state: state, required: true) }
            selectField("agency", label: "制定机关", options: agencies, state: state, blank: "全部")
            selectField("status", label: "状态", options: NormativeDocumentStatus.allCases.map { ($0.rawValue, $0.label) }, state: state, blank: "全部")
            textField("year", label: "公布年份", state: state)
            if !withQuery {
                selectField("filing", label: "备案", options: [("late", "逾期备案或逾期未备案"), ("unreviewed", "已备案待审查"), ("uncorrected", "发现问题未纠正")],
                            state: state, blank: "全部")
            }
            submitButton(withQuery ? "检索" : "筛选")
        }
    }

    static func links(_ req: Request) throws -> Markup {
        let scope = try req.scope
        return el("p", .class("actions")) {
            if scope.homeOrg(for: .normativeDocument) != nil {
                el("a", .class("button"), .href("/normative-documents/new")) { "登记文件" }
                el("a", .class("button"), .href("/normative-documents/import")) { "从 Excel 导入文件库" }
            }
            el("a", .class("button"), .href("/normative-documents/search")) { "全文检索" }
            el("a", .class("button"), .href("/normative-documents/expiring")) { "待清理（半年内到期）" }
            el("a", .class("button"), .href("/normative-documents/cleanups")) { "专项清理" }
            el("a", .class("button"), .href("/normative-reviews")) { "合法性审核" }
        }
    }

    static func table(_ documents: [NormativeDocumentAPI.Summary]) -> Markup {
        dataTable(headers: ["文号", "文件名称", "制定机关", "公布日期", "有效期至", "状态", "备案"], rows: documents.map { d in
            let filing: Markup = if let filed = d.filedOn {
                badge(d.filingLate ? "\(filed)备案（逾期）" : "\(filed)备案", tone: d.filingLate ? "warn" : "ok")
            } else {
                badge(d.filingLate ? "逾期未备案（期限\(d.filingDue)）" : "待备案（期限\(d.filingDue)）", tone: d.filingLate ? "error" : "info")
            }
            return [el("a", .href("/normative-documents/\(d.id)")) { d.number }, .text(d.title), .text(d.agency), .text(d.publishedOn),
                    .text(d.expiresOn ?? "未规定"), badge(d.statusLabel, tone: d.status == "inForce" ? "ok" : "neutral"), filing]
        }, empty: "没有符合条件的文件")
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        let page = try await NormativeDocumentAPI.list(req, paging: try Paging.from(req, size: NormativeDocumentAPI.pageSize))
        let filters = try await filterForm(req, action: "/normative-documents", withQuery: false)
        let query = ["agency", "status", "year", "filing"].reduce(into: [String: String]()) { $0[$1] = req.query[String.self, at: $1] ?? "" }
        let bar = try links(req)
        return try await req.page("行政规范性文件库") {
            bar
            filters
            el("p") { "共 \(page.total) 件" }
            table(page.documents)
            pager(page: page.page, total: page.total, pageSize: page.pageSize, base: "/normative-documents", query: query)
        }
    }

    @Sendable static func search(_ req: Request) async throws -> Response {
        let filters = try await filterForm(req, action: "/normative-documents/search", withQuery: true)
        let q = req.query[String.self, at: "q"] ?? ""
        var results: NormativeDocumentIndex.Results?
        var problem: String?
        if !q.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                results = try await NormativeDocumentAPI.search(req)
            } catch let error as QueryParameterError {
                problem = error.message
            }
        }
        let query = ["q", "agency", "status", "year"].reduce(into: [String: String]()) { $0[$1] = req.query[String.self, at: $1] ?? "" }
        let bar = try links(req)
        return try await req.page("全文检索", status: problem == nil ? .ok : .badRequest) {
            bar
            filters
            if let problem { notice(problem, tone: "error") }
            if let results {
                el("p", .class("result-count")) { "检索「\(results.query)」：共 \(results.total) 件" }
                el("ol", .class("search-results")) {
                    for hit in results.hits {
                        el("li") {
                            el("p") {
                                el("a", .href("/normative-documents/\(hit.id)")) { hit.title }
                                " \(hit.number) · \(hit.agency) · \(hit.publishedOn)公布 · "
                                badge(hit.statusLabel, tone: hit.status == "inForce" ? "ok" : "neutral")
                            }
                            el("p", .class("snippet")) {
                                for piece in hit.snippet {
                                    if piece.match { el("mark") { piece.text } } else { .text(piece.text) }
                                }
                            }
                        }
                    }
                }
                pager(page: results.page, total: results.total, pageSize: results.pageSize, base: "/normative-documents/search", query: query)
            }
        }
    }

    @Sendable static func expiring(_ req: Request) async throws -> Response {
        let documents = try await NormativeDocumentAPI.expiring(req).map { NormativeDocumentAPI.Summary($0, today: ChinaTime.today) }
        let bar = try links(req)
        return try await req.page("待清理：有效期半年内届满的文件") {
            bar
            el("p") { "现行有效、有效期在半年内届满（或已届满）的文件，应在届满前评估并作出继续有效、修改、废止或宣布失效的决定（\(ruleBasis(req, "normativeDocument.validity"))）。" }
            table(documents)
        }
    }

    static func ruleBasis(_ req: Request, _ key: String) -> String {
        (try? req.modules.deadlineCatalogue.rule(key)).map { $0.unverified ? "\($0.basis)（期限待核实）" : $0.basis } ?? ""
    }

    static func form(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let agencies = try await NormativeDocumentRegister.agencies(current.scope, on: req.db)
        guard !agencies.isEmpty else { throw Abort(.forbidden, reason: "您没有登记行政规范性文件的权限") }
        return try await req.page("登记行政规范性文件", status: status) {
            errorSummary(state)
            el("form", Attribute("method", "post"), Attribute("action", "/normative-documents"), Attribute("enctype", "multipart/form-data"), .class("card")) {
                csrfField(current.session.csrfToken)
                selectField("agencyID", label: "制定机关", options: agencies.map { ($0.id!.uuidString, $0.name) }, state: state, required: true)
                textField("number", label: "文号", state: state, required: true, hint: "如：东政规〔2024〕3号")
                textField("title", label: "文件名称", state: state, required: true)
                textField("adoptedOn", label: "审议通过日期", state: state, type: "date")
                textField("publishedOn", label: "公布日期", state: state, type: "date", required: true)
                textField("effectiveOn", label: "施行日期（不填为公布日期）", state: state, type: "date")
                textField("validityYears", label: "有效期（年，不填按规定的\(validityDefault(req))年，0 为未规定）", state: state)
                textArea("amends", label: "本文件修改的文件文号（每行一个）", state: state, rows: 2)
                textArea("repeals", label: "本文件废止的文件文号（每行一个）", state: state, rows: 2)
                textArea("body", label: "全文（粘贴，或在下方上传 .docx）", state: state, rows: 12)
                el("div", .class("field")) {
                    el("label", .for("f-docx")) { "Word 文档（.docx，上传后提取正文）" }
                    el("input", .type("file"), .id("f-docx"), .name("docx"), Attribute("accept", ".docx"))
                    if let error = state.errors.message(for: "docx") { el("p", .class("error")) { error } }
                }
                el("input", .type("hidden"), .name("reviewCaseID"), .value(state["reviewCaseID"]))
                submitButton("登记入库")
            }
        }
    }

    static func validityDefault(_ req: Request) -> Int {
        (try? req.modules.deadlineCatalogue.rule("normativeDocument.validity").limit) ?? 5
    }

    struct Upload: Content {
        var docx: File?
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        var form = [String: String]()
        for key in ["agencyID", "number", "title", "adoptedOn", "publishedOn", "effectiveOn", "validityYears", "amends", "repeals", "body", "reviewCaseID"] {
            form[key] = (try? req.content.get(String.self, at: key)) ?? ""
        }
        do {
            if let file = (try? req.content.decode(Upload.self))?.docx, file.data.readableBytes > 0 {
                do {
                    form["body"] = try NormativeDocumentAPI.extractText(file)
                } catch let error as FieldError {
                    throw ValidationErrors([FieldError(field: "docx", message: error.message)])
                }
            }
            let input = NormativeDocumentRegister.Input(agencyID: form["agencyID"], number: form["number"], title: form["title"], body: form["body"],
                                                        adoptedOn: form["adoptedOn"], publishedOn: form["publishedOn"], effectiveOn: form["effectiveOn"],
                                                        validityYears: form["validityYears"], amends: form["amends"], repeals: form["repeals"],
                                                        reviewCaseID: form["reviewCaseID"])
            let document = try await NormativeDocumentAPI.register(req).create(input, today: ChinaTime.today)
            return req.redirect(to: "/normative-documents/\(document.id!)")
        } catch let errors as ValidationErrors {
            return try await self.form(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await render(req, error: nil)
    }

    static func render(_ req: Request, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let document = try await NormativeDocumentAPI.find(req)
        let body = try await NormativeDocumentAPI.body(document, on: req.db)
        let mayAct = current.scope.canAct(.normativeDocument, at: document.$org.id)
        let reviews = NormativeDocumentRegister.reviews(current.scope, agencyID: document.$org.id)
        let d = body.document
        let csrf = current.session.csrfToken
        func action(_ kind: String, _ title: String, _ fields: () -> [Markup]) -> Markup {
            el("form", Attribute("method", "post"), Attribute("action", "/normative-documents/\(d.id)/actions"), .class("inline-form")) {
                csrfField(csrf)
                el("input", .type("hidden"), .name("kind"), .value(kind))
                el("h3") { title }
                textField("date", label: "日期", state: FormState(values: ["date": ChinaTime.today.description]), type: "date", required: true)
                for field in fields() { field }
                submitButton(title)
            }
        }
        return try await req.page("\(d.number) \(d.title)", status: status) {
            if let error { notice(error, tone: "error") }
            el("dl", .class("facts")) {
                for (label, value) in [("文号", d.number), ("文件名称", d.title), ("制定机关", d.agency), ("状态", d.statusLabel),
                                       ("审议通过日期", body.adoptedOn ?? "—"), ("公布日期", d.publishedOn), ("施行日期", body.effectiveOn),
                                       ("有效期至", d.expiresOn ?? "未规定"),
                                       ("备案期限", "\(d.filingDue)（\(ruleBasis(req, "normativeDocument.filing"))）"),
                                       ("报送备案", d.filedOn.map { d.filingLate ? "\($0)（逾期）" : $0 } ?? (d.filingLate ? "逾期未备案" : "尚未备案")),
                                       ("备案审查", d.filingResult.flatMap { FilingReviewResult(rawValue: $0)?.label }.map { "\(body.filingReviewedOn ?? "") \($0)" } ?? "—"),
                                       ("发现的问题", body.filingProblem ?? "—"), ("纠正", d.correctedOn ?? "—"),
                                       ("修改、废止的文件", body.supersedes.isEmpty ? "—" : body.supersedes.joined(separator: "；"))] {
                    el("dt") { label }; el("dd") { value }
                }
                if let reviewCase = body.reviewCaseID {
                    el("dt") { "合法性审核" }; el("dd") { el("a", .href("/normative-reviews/\(reviewCase)")) { "查看审核案件" } }
                }
            }
            if mayAct {
                el("section", .class("card")) {
                    el("h2") { "办理" }
                    if d.filedOn == nil { action("file", "报送备案") { [] } }
                    if reviews, d.filedOn != nil, d.filingResult == nil {
                        action("filingReview", "备案审查") {[
                            selectField("result", label: "审查结果", options: FilingReviewResult.allCases.map { ($0.rawValue, $0.label) }, state: FormState(), required: true),
                            textField("note", label: "发现的问题及纠正意见（发现问题的必填）", state: FormState()),
                        ]}
                    }
                    if d.filingResult == FilingReviewResult.problemFound.rawValue, d.correctedOn == nil {
                        action("correct", "登记已纠正") { [textField("note", label: "纠正情况", state: FormState())] }
                    }
                    if reviews {
                        action("postEvaluate", "后评估") { [textField("note", label: "后评估结论", state: FormState(), required: true)] }
                    }
                    if reviews, d.status == NormativeDocumentStatus.inForce.rawValue {
                        action("repeal", "登记废止") { [textField("note", label: "依据（如废止决定文号）", state: FormState(), required: true)] }
                        action("expire", "登记失效") { [textField("note", label: "依据", state: FormState(), required: true)] }
                    }
                }
            }
            dataTable(caption: "沿革", headers: ["日期", "事项", "登记人"], rows: body.history.map { [.text($0.date), .text($0.summary), .text($0.actor)] })
            el("section", .class("card")) {
                el("h2") { "全文" }
                for paragraph in body.text.split(separator: "\n") { el("p") { String(paragraph) } }
            }
        }
    }

    @Sendable static func act(_ req: Request) async throws -> Response {
        let document = try await NormativeDocumentAPI.find(req)
        try NormativeDocumentAPI.requireAct(req, on: document)
        let form = try req.content.decode([String: String].self)
        do {
            try await NormativeDocumentAPI.register(req).act(.init(kind: form["kind"], date: form["date"], result: form["result"], note: form["note"]),
                                                             on: document, today: ChinaTime.today)
            return req.redirect(to: "/normative-documents/\(document.id!)")
        } catch let error as FieldError {
            return try await render(req, error: error.message, status: .unprocessableEntity)
        } catch let errors as ValidationErrors {
            return try await render(req, error: errors.errors.map(\.message).joined(separator: "；"), status: .unprocessableEntity)
        }
    }
}
