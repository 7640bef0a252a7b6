import Fluent
import FazhiCore
import Vapor

/// The register's writes, one place for the pages, the API, the import and the demo: a document entered with its
/// checks (agency, number, dates, the documents it amends or repeals), its text indexed in the same transaction, and
/// the steps after — filing, filing review, correction, post-evaluation, a change of status — each in the document's
/// history and the audit log. The issuing agency's staff register and file their own; the review of a filing, the
/// post-evaluation and a change of status are the bureau's (one who acts above the agency).
struct NormativeDocumentRegister {
    let db: Database
    let scope: Scope
    let actor: AuditActor
    let catalogue: DeadlineCatalogue
    let calendar: WorkingCalendar

    /// The longest text accepted, in characters (the longest documents run to some tens of thousands).
    static let maximumBody = 200_000

    struct Input: Content {
        var agencyID: String?
        var number: String?
        var title: String?
        var body: String?
        var adoptedOn: String?
        var publishedOn: String?
        var effectiveOn: String?
        /// Years of validity from publication; blank for the configured default (RULES.md §4), 0 for none fixed.
        var validityYears: String?
        /// Numbers of documents this one amends / repeals, separated by line breaks, 、 or ；.
        var amends: String?
        var repeals: String?
        var reviewCaseID: String?
    }

    struct Action: Content {
        /// file | filingReview | correct | postEvaluate | repeal | expire
        var kind: String?
        var date: String?
        var result: String?
        var note: String?
    }

    /// Agencies the user may register documents for.
    static func agencies(_ scope: Scope, on db: Database) async throws -> [Org] {
        let acting = Array(scope.actingOrgIDs(.normativeDocument))
        guard !acting.isEmpty else { return [] }
        return try await Org.query(on: db).filter(\.$kind == .agency).filter(\.$active == true).filter(\.$id ~~ acting).sort(\.$code).all()
    }

    /// Whether the user reviews for the bureau above the agency: acts in the line through a grant held above `orgID`
    /// (the agency's own staff act on its documents and cases, but do not review them).
    static func reviews(_ scope: Scope, agencyID orgID: UUID) -> Bool {
        scope.grants.contains {
            $0.role.acts(in: .normativeDocument, grantLine: $0.line) && $0.orgID != orgID && $0.orgIDs.contains(orgID)
        }
    }

    func create(_ input: Input, today: CivilDate) async throws -> NormativeDocumentRecord {
        var errors = ValidationErrors()
        let agencies = try await Self.agencies(scope, on: db)
        guard !agencies.isEmpty else { throw Abort(.forbidden, reason: "您没有登记行政规范性文件的权限") }
        let agencyText = (input.agencyID ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        // Blank names the user's only agency; a named one must be among those the user registers for.
        let agency = agencyText.isEmpty ? (agencies.count == 1 ? agencies[0] : nil)
            : agencies.first { $0.id.map { $0.uuidString.caseInsensitiveCompare(agencyText) == .orderedSame } ?? false }
        if agency == nil { errors.add("agencyID", "须选择制定机关（您有权登记的行政机关）") }
        let number = Self.normalizedNumber(input.number ?? "")
        if number.isEmpty {
            errors.add("number", "须填写文号，如：东政规〔2024〕3号")
        } else if number.count > 40 || number.range(of: #"^.+〔[0-9]{4}〕[0-9]+号$"#, options: .regularExpression) == nil {
            errors.add("number", "文号格式应为「机关代字〔年份〕序号号」，如：东政规〔2024〕3号")
        } else if try await NormativeDocumentRecord.query(on: db).filter(\.$number == number).first() != nil {
            errors.add("number", "文号「\(number)」已在文件库中")
        }
        let title = (input.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 200 { errors.add("title", "文件名称不能为空，且不超过200个字符") }
        if let problem = PlainText.problem(title, field: "title", label: "文件名称") { errors.errors.append(problem) }
        let body = (input.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.isEmpty { errors.add("body", "须提供文件全文（粘贴或上传 .docx）") }
        if body.count > Self.maximumBody { errors.add("body", "全文不能超过\(Self.maximumBody)个字符（收到\(body.count)个）") }
        if let problem = PlainText.problem(body, field: "body", label: "全文", multiline: true) { errors.errors.append(problem) }
        let published = Self.date(input.publishedOn, "publishedOn", "公布日期", required: true, notAfter: today, &errors)
        let adopted = Self.date(input.adoptedOn, "adoptedOn", "审议通过日期", required: false, notAfter: today, &errors)
        let effective = Self.date(input.effectiveOn, "effectiveOn", "施行日期", required: false, notAfter: nil, &errors) ?? published
        if let adopted, let published, adopted > published { errors.add("adoptedOn", "审议通过日期不能晚于公布日期") }
        if let effective, let published, effective < published { errors.add("effectiveOn", "施行日期不能早于公布日期") }
        let validityRule = try catalogue.rule("normativeDocument.validity")
        var years = validityRule.limit
        if let text = input.validityYears?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            if let value = Int(text), (0...30).contains(value) { years = value } else { errors.add("validityYears", "有效期须为0至30年（0表示未规定有效期）") }
        }
        var superseded: [(NormativeDocumentRecord, NormativeDocumentStatus)] = []
        for (field, list, status) in [("amends", input.amends, NormativeDocumentStatus.amended), ("repeals", input.repeals, .repealed)] {
            for other in Self.numbers(list) {
                guard let document = try await NormativeDocumentRecord.query(on: db).filter(\.$number == other).first(),
                      scope.readableOrgIDs(.normativeDocument).contains(document.$org.id) else {
                    errors.add(field, "文件库中没有文号为「\(other)」的文件")
                    continue
                }
                if document.documentStatus != .inForce {
                    errors.add(field, "「\(other)」已\(document.documentStatus.label)，不能再被修改或废止")
                } else {
                    superseded.append((document, status))
                }
            }
        }
        var reviewCase: UUID?
        if let text = input.reviewCaseID?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            if let id = UUID(uuidString: text), let record = try await CaseRecord.find(id, on: db), record.line == .normativeDocument,
               scope.readableOrgIDs(.normativeDocument).contains(record.$org.id) {
                reviewCase = id
            } else {
                errors.add("reviewCaseID", "找不到该合法性审核案件")
            }
        }
        try errors.throwIfAny()
        let filingRule = try catalogue.rule("normativeDocument.filing")
        let filingDue = try filingRule.clock(from: published!).compute(in: calendar).due
        let document = NormativeDocumentRecord()
        document.id = UUID()
        document.$org.id = agency!.id!
        document.agencyName = agency!.name
        document.number = number
        document.title = title
        document.body = body
        document.searchText = BigramText.normalize(title + "\n" + body)
        document.gramTotal = 0
        document.adoptedOn = adopted?.description
        document.publishedOn = published!.description
        document.effectiveOn = effective!.description
        document.expiresOn = years == 0 ? nil : published!.adding(years: years).adding(days: -1).description
        document.status = NormativeDocumentStatus.inForce.rawValue
        document.filingDue = filingDue.description
        document.reviewCaseID = reviewCase
        document.supersedes = superseded.map { "\($0.1 == .amended ? "修改" : "废止")\($0.0.number)" }.joined(separator: "\n")
        document.createdAt = Date()
        try await db.transaction { tx in
            try await document.create(on: tx)
            document.gramTotal = try await NormativeDocumentIndex.write(document.id!, text: title + "\n" + body, on: tx)
            try await document.update(on: tx)
            try await history(document.id!, on: published!.description, "登记入库（\(agency!.name)\(number)）", tx)
            for (other, status) in superseded {
                other.status = status.rawValue
                try await other.update(on: tx)
                try await history(other.id!, on: published!.description, "被\(number)\(status == .amended ? "修改" : "废止")", tx)
            }
            try await AuditLog.record(on: tx, actor: actor, action: "create", entityType: "normativeDocument", entityID: document.id!.uuidString,
                                      before: nil, after: ["number": number, "title": title, "agency": agency!.name, "publishedOn": published!.description])
        }
        return document
    }

    /// One step on a stored document (`Action.kind`), refused with the field and rule when it does not apply.
    func act(_ action: Action, on document: NormativeDocumentRecord, today: CivilDate) async throws {
        var errors = ValidationErrors()
        let mayAct = scope.canAct(.normativeDocument, at: document.$org.id)
        let reviews = Self.reviews(scope, agencyID: document.$org.id)
        guard mayAct else { throw Abort(.forbidden, reason: "您没有办理该文件的权限") }
        let date = Self.date(action.date, "date", "日期", required: true, notAfter: today, &errors)
        let note = (action.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > 2_000 { errors.add("note", "说明不能超过2000个字符") }
        try errors.throwIfAny()
        let day = date!.description
        if day < document.publishedOn { throw FieldError(field: "date", message: "日期不能早于文件公布日期\(document.publishedOn)") }
        var summary: String
        var evaluation: NormativePostEvaluation?
        switch action.kind ?? "" {
        case "file":
            guard document.filedOn == nil else { throw FieldError(field: "kind", message: "该文件已于\(document.filedOn!)报送备案") }
            document.filedOn = day
            summary = day > document.filingDue ? "报送备案（逾期，备案期限至\(document.filingDue)）" : "报送备案"
        case "filingReview":
            guard reviews else { throw Abort(.forbidden, reason: "备案审查由司法局办理") }
            guard let filed = document.filedOn else { throw FieldError(field: "kind", message: "该文件尚未报送备案，不能进行备案审查（有备必审）") }
            guard document.filingResult == nil else { throw FieldError(field: "kind", message: "该文件已于\(document.filingReviewedOn ?? "")完成备案审查") }
            guard day >= filed else { throw FieldError(field: "date", message: "备案审查日期不能早于报送备案日期\(filed)") }
            guard let result = FilingReviewResult(rawValue: action.result ?? "") else {
                throw FieldError(field: "result", message: "审查结果须为：noProblem（未发现问题）或 problemFound（发现问题）")
            }
            if result == .problemFound, note.isEmpty { throw FieldError(field: "note", message: "发现问题的，须写明问题及纠正意见（有错必纠）") }
            document.filingResult = result.rawValue
            document.filingReviewedOn = day
            document.filingProblem = result == .problemFound ? note : nil
            summary = "备案审查：\(result.label)" + (result == .problemFound ? "（\(note)）" : "")
        case "correct":
            guard document.filingResult == FilingReviewResult.problemFound.rawValue else {
                throw FieldError(field: "kind", message: "备案审查未发现问题，无需纠正")
            }
            guard document.correctedOn == nil else { throw FieldError(field: "kind", message: "该文件已于\(document.correctedOn!)纠正") }
            guard day >= document.filingReviewedOn ?? day else { throw FieldError(field: "date", message: "纠正日期不能早于备案审查日期") }
            document.correctedOn = day
            summary = "制定机关纠正备案审查发现的问题" + (note.isEmpty ? "" : "：\(note)")
        case "postEvaluate":
            guard reviews else { throw Abort(.forbidden, reason: "后评估由司法局组织") }
            if note.isEmpty { throw FieldError(field: "note", message: "须写明后评估结论") }
            let record = NormativePostEvaluation()
            record.id = UUID()
            record.$document.id = document.id!
            record.$org.id = document.$org.id
            record.completedOn = day
            record.conclusion = note
            evaluation = record
            summary = "后评估：\(note)"
        case "repeal", "expire":
            guard reviews else { throw Abort(.forbidden, reason: "文件的废止、失效由司法局登记") }
            guard document.documentStatus == .inForce else { throw FieldError(field: "kind", message: "该文件已\(document.documentStatus.label)") }
            if note.isEmpty { throw FieldError(field: "note", message: "须写明依据（如废止决定的文号）") }
            let status: NormativeDocumentStatus = action.kind == "repeal" ? .repealed : .expired
            document.status = status.rawValue
            summary = "\(status.label)：\(note)"
        default:
            throw FieldError(field: "kind", message: "办理事项须为：file（报送备案）、filingReview（备案审查）、correct（纠正）、postEvaluate（后评估）、repeal（废止）或 expire（失效）")
        }
        try await db.transaction { tx in
            try await document.update(on: tx)
            if let evaluation { try await evaluation.create(on: tx) }
            try await history(document.id!, on: day, summary, tx)
            try await AuditLog.record(on: tx, actor: actor, action: action.kind ?? "", entityType: "normativeDocument", entityID: document.id!.uuidString,
                                      before: nil, after: ["date": day, "summary": summary])
        }
    }

    func history(_ id: UUID, on day: String, _ summary: String, _ db: Database) async throws {
        try await NormativeDocumentHistory(documentID: id, on: day, summary: summary, actor: actor.name).create(on: db)
    }

    /// 〔〕 however typed: [ ], 【】, ［］, (), （）, and no spaces.
    static func normalizedNumber(_ text: String) -> String {
        var number = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: " ", with: "")
        for (from, to) in [("[", "〔"), ("]", "〕"), ("【", "〔"), ("】", "〕"), ("［", "〔"), ("］", "〕"), ("(", "〔"), (")", "〕"), ("（", "〔"), ("）", "〕")] {
            number = number.replacingOccurrences(of: from, with: to)
        }
        return number
    }

    static func numbers(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { "\n\r、；;,，".contains($0) }).map { normalizedNumber(String($0)) }.filter { !$0.isEmpty }
    }

    static func date(_ text: String?, _ field: String, _ label: String, required: Bool, notAfter: CivilDate?,
                     _ errors: inout ValidationErrors) -> CivilDate? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            if required { errors.add(field, "须填写\(label)") }
            return nil
        }
        guard let date = CivilDate(string: text) else {
            errors.add(field, "\(label)须为 YYYY-MM-DD 格式的日期")
            return nil
        }
        if let notAfter, date > notAfter {
            errors.add(field, "\(label)不能晚于今天（\(notAfter.description)）")
            return nil
        }
        return date
    }
}
