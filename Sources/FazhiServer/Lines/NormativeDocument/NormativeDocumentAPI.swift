import Fluent
import FluentSQL
import FazhiOffice
import FazhiCore
import Vapor

/// The register in the JSON API: the list with its filters, one document with its history, registering one, the steps
/// on it, the full-text search, the clean-up queue, and the text of an uploaded .docx. Every read is within the
/// user's scope (an agency sees its own documents, the bureau all).
enum NormativeDocumentAPI {
    static let pageSize = 50

    struct Summary: Content {
        let id: UUID
        let number: String
        let title: String
        let agency: String
        let status: String
        let statusLabel: String
        let publishedOn: String
        let expiresOn: String?
        let filingDue: String
        let filedOn: String?
        let filingLate: Bool
        let filingResult: String?
        let correctedOn: String?

        init(_ d: NormativeDocumentRecord, today: CivilDate) {
            id = d.id!
            number = d.number
            title = d.title
            agency = d.agencyName
            status = d.status
            statusLabel = d.documentStatus.label
            publishedOn = d.publishedOn
            expiresOn = d.expiresOn
            filingDue = d.filingDue
            filedOn = d.filedOn
            filingLate = d.filingLate(today: today)
            filingResult = d.filingResult
            correctedOn = d.correctedOn
        }
    }

    struct Page: Content {
        let total: Int
        let page: Int
        let pageSize: Int
        let documents: [Summary]
    }

    struct Body: Content {
        struct Step: Content {
            let date: String
            let summary: String
            let actor: String
        }

        let document: Summary
        let adoptedOn: String?
        let effectiveOn: String
        let filingReviewedOn: String?
        let filingProblem: String?
        let supersedes: [String]
        let reviewCaseID: UUID?
        let text: String
        let history: [Step]
    }

    /// The list's filters from the query, each checked (a 400 naming the parameter otherwise).
    struct Filters {
        var agency: UUID?
        var status: NormativeDocumentStatus?
        var year: Int?
        /// late: filing overdue or filed late; uncorrected: problems found, not corrected; unreviewed: filed, not yet reviewed.
        var filing: String?

        static let filingValues = ["late", "uncorrected", "unreviewed"]

        init(_ req: Request) throws {
            func text(_ name: String) -> String? {
                let value = req.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces)
                return value?.isEmpty == false ? value : nil
            }
            if let value = text("agency") {
                guard let id = UUID(uuidString: value) else { throw QueryParameterError(field: "agency", message: "制定机关须为机构编号（UUID）") }
                agency = id
            }
            if let value = text("status") {
                guard let status = NormativeDocumentStatus(rawValue: value) else {
                    throw QueryParameterError(field: "status", message: "状态须为：" + NormativeDocumentStatus.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))
                }
                self.status = status
            }
            if let value = text("year") {
                guard value.count == 4, let year = Int(value), (1949...2100).contains(year) else {
                    throw QueryParameterError(field: "year", message: "年份须为四位数字（1949—2100）")
                }
                self.year = year
            }
            if let value = text("filing") {
                guard Self.filingValues.contains(value) else {
                    throw QueryParameterError(field: "filing", message: "备案筛选须为：late（逾期备案）、uncorrected（发现问题未纠正）、unreviewed（已备案待审查）")
                }
                filing = value
            }
        }
    }

    static func routes(_ routes: RoutesBuilder) {
        let api = routes.grouped("api", "v1", "normative-documents")
        api.get { req async throws -> Page in
            try await list(req, paging: try Paging.from(req, size: pageSize))
        }.openAPI("行政规范性文件库：agency、status、year、filing=late|uncorrected|unreviewed、page", tag: "normative-documents")
        api.post { req async throws -> Response in
            let current = try req.requireCurrent()
            let document = try await register(req).create(try req.content.decode(NormativeDocumentRegister.Input.self), today: ChinaTime.today)
            let response = Response(status: .created)
            try response.content.encode(try await body(document, on: req.db))
            return response
        }.openAPI("登记行政规范性文件：{agencyID, number, title, body, publishedOn, adoptedOn, effectiveOn, validityYears, amends, repeals, reviewCaseID}",
                  tag: "normative-documents", body: ["type": "object", "required": ["agencyID", "number", "title", "body", "publishedOn"]],
                  responses: [201: "已登记", 403: "无权限", 422: "输入有误（字段与规则）"])
        api.get("search") { req async throws -> NormativeDocumentIndex.Results in
            try await search(req)
        }.openAPI("全文检索（双字词索引，两个汉字即可检索）：q（必填，空格分隔多个词）、agency、status、year、page", tag: "normative-documents",
                  responses: [200: "成功", 400: "检索词或筛选条件有误"])
        api.get("expiring") { req async throws -> [Summary] in
            try await expiring(req).map { Summary($0, today: ChinaTime.today) }
        }.openAPI("待清理：有效期半年内届满（或已届满仍标为现行有效）的文件", tag: "normative-documents")
        api.post("extract-text", limit: BodyLimit.attachment) { req async throws -> [String: String] in
            _ = try req.requireCurrent()
            guard let file = try? req.content.get(File.self, at: "file") else { throw FieldError(field: "file", message: "请上传 .docx 文件（字段 file）") }
            return ["text": try extractText(file)]
        }.openAPI("提取 Word 文档（.docx）正文（multipart：file）", tag: "normative-documents",
                  body: ["type": "object", "required": ["file"], "properties": ["file": ["type": "string", "contentMediaType": "application/octet-stream"]]],
                  responses: [200: "成功", 422: "不是 .docx 或已损坏"], bodyType: "multipart/form-data")
        api.get(":id") { req async throws -> Body in
            try await body(try await find(req), on: req.db)
        }.openAPI("行政规范性文件详情（全文、备案、审查、沿革）", tag: "normative-documents", responses: [200: "成功", 404: "不存在或不在范围内"])
        api.post(":id", "actions") { req async throws -> Body in
            let document = try await find(req)
            try requireAct(req, on: document)
            try await register(req).act(try req.content.decode(NormativeDocumentRegister.Action.self), on: document, today: ChinaTime.today)
            return try await body(document, on: req.db)
        }.openAPI("办理：{kind: file|filingReview|correct|postEvaluate|repeal|expire, date, result, note}", tag: "normative-documents",
                  body: ["type": "object", "required": ["kind", "date"]], responses: [200: "已办理", 403: "无权限", 404: "不存在", 422: "不符合规则"])
    }

    static func register(_ req: Request) async throws -> NormativeDocumentRegister {
        let current = try req.requireCurrent()
        return NormativeDocumentRegister(db: req.db, scope: current.scope, actor: current.actor, catalogue: req.modules.deadlineCatalogue,
                                         calendar: try await req.calendarStore.calendar())
    }

    static func readable(_ req: Request) throws -> [UUID] {
        let scope = try req.scope
        guard scope.canRead(.normativeDocument) else { throw Abort(.forbidden, reason: "您没有查看行政规范性文件的权限") }
        return Array(scope.readableOrgIDs(.normativeDocument))
    }

    static func find(_ req: Request) async throws -> NormativeDocumentRecord {
        _ = try readable(req)
        guard let id = req.parameters.get("id", as: UUID.self),
              let document = try await req.scope.query(NormativeDocumentRecord.self, on: req.db).filter(\.$id == id).first() else {
            throw Abort(.notFound, reason: "没有找到该文件")
        }
        return document
    }

    /// Refuses one who reads the document but may not act on it, before the body is read.
    static func requireAct(_ req: Request, on document: NormativeDocumentRecord) throws {
        guard try req.scope.canAct(.normativeDocument, at: document.$org.id) else { throw Abort(.forbidden, reason: "您没有办理该文件的权限") }
    }

    static func list(_ req: Request, paging: Paging) async throws -> Page {
        _ = try readable(req)
        let filters = try Filters(req)
        var query = try req.scope.query(NormativeDocumentRecord.self, on: req.db)
        if let agency = filters.agency { query = query.filter(\.$org.$id == agency) }
        if let status = filters.status { query = query.filter(\.$status == status.rawValue) }
        if let year = filters.year { query = query.filter(\.$publishedOn >= "\(year)-01-01").filter(\.$publishedOn <= "\(year)-12-31") }
        let today = ChinaTime.today.description
        switch filters.filing {
        case "late":
            query = query.group(.or) { or in
                or.group(.and) { $0.filter(\.$filedOn == nil).filter(\.$filingDue < today) }
                or.filter(.sql(unsafeRaw: "\"filed_on\" > \"filing_due\""))
            }
        case "uncorrected": query = query.filter(\.$filingResult == FilingReviewResult.problemFound.rawValue).filter(\.$correctedOn == nil)
        case "unreviewed": query = query.filter(\.$filedOn != nil).filter(\.$filingResult == nil)
        default: break
        }
        let total = try await query.count()
        let documents = try await query.sort(\.$publishedOn, .descending).sort(\.$number).range(paging.range).all()
        return Page(total: total, page: paging.page, pageSize: paging.size, documents: documents.map { Summary($0, today: ChinaTime.today) })
    }

    static func search(_ req: Request) async throws -> NormativeDocumentIndex.Results {
        let orgIDs = try readable(req)
        let query = req.query[String.self, at: "q"] ?? ""
        let terms: [String]
        switch BigramText.terms(of: query) {
        case .success(let found): terms = found
        case .failure(let problem): throw QueryParameterError(field: "q", message: problem.message)
        }
        let filters = try Filters(req)
        return try await NormativeDocumentIndex.search(
            terms, query: query, filters: .init(orgIDs: orgIDs, agency: filters.agency, status: filters.status, year: filters.year),
            paging: try Paging.from(req, size: 20), on: req.readDB)
    }

    /// In force and within six months of the end of validity (or past it): the clean-up queue.
    static func expiring(_ req: Request) async throws -> [NormativeDocumentRecord] {
        _ = try readable(req)
        let horizon = ChinaTime.today.adding(days: 183).description
        return try await req.scope.query(NormativeDocumentRecord.self, on: req.db)
            .filter(\.$status == NormativeDocumentStatus.inForce.rawValue).filter(\.$expiresOn != nil).filter(\.$expiresOn <= horizon)
            .sort(\.$expiresOn).limit(1_000).all()
    }

    static func body(_ document: NormativeDocumentRecord, on db: Database) async throws -> Body {
        let history = try await NormativeDocumentHistory.query(on: db).filter(\.$document.$id == document.id!)
            .sort(\.$occurredOn).sort(\.$recordedAt).all()
        return Body(document: Summary(document, today: ChinaTime.today), adoptedOn: document.adoptedOn, effectiveOn: document.effectiveOn,
                    filingReviewedOn: document.filingReviewedOn, filingProblem: document.filingProblem,
                    supersedes: document.supersedes.split(separator: "\n").map(String.init), reviewCaseID: document.reviewCaseID,
                    text: document.body, history: history.map { .init(date: $0.occurredOn, summary: $0.summary, actor: $0.actor) })
    }

    static func extractText(_ file: File) throws -> String {
        do {
            return try DocxTextReader.text(of: Data(buffer: file.data))
        } catch let problem as DocxTextReader.Problem {
            throw FieldError(field: "file", message: problem.description)
        }
    }
}
