import Fluent
import FazhiCore
import Vapor

/// The lawyers' register with each one's load and quality this year (the rotation's fairness, for the centre head),
/// the self-check a resident or an officer runs before applying, the economic-hardship standard and the case types —
/// on the web and in the API.
enum LegalAidLawyerPages {
    struct LawyerPost: Content {
        var centreID: UUID?
        var lawyer: LegalAidLawyers.LawyerInput
    }

    struct SelfCheckInput: Content {
        var householdMembers: Int?
        var monthlyIncome: Int?
        var assets: Int?
        var selfDeclared: Bool?
        var statuses: [String]?
        var noFixedIncome: Bool?
        var claimsWagesOrInjury: Bool?
    }

    struct CaseTypeInput: Content {
        var code: String?
        var label: String?
        var matter: String?
    }

    static func routes(_ routes: RoutesBuilder) {
        let api = routes.grouped("api", "v1", "legal-aid")
        api.get("lawyers") { req async throws -> [LegalAidLawyers.LawyerBody] in
            let scope = try req.scope
            let centre = try await centre(req.query[UUID.self, at: "centreID"], scope: scope, db: req.db)
            return try await LegalAidLawyers.register(centre: centre.id!, year: try year(req), on: req.db)
        }.openAPI("法律援助人员名册：执业证、承办领域、本年指派件数、在办件数、评查平均分（轮候公平性）", tag: "legal-aid")
        api.post("lawyers") { req async throws -> Response in
            let current = try req.requireCurrent()
            let body = try req.content.decode(LawyerPost.self)
            let centre = try await centre(body.centreID, scope: current.scope, db: req.db)
            let lawyer = try await LegalAidLawyers.addLawyer(body.lawyer, to: centre, scope: current.scope, actor: current.actor, on: req.db)
            let response = Response(status: .created)
            try response.content.encode(["id": lawyer.id!.uuidString, "name": lawyer.name, "firm": lawyer.firm])
            return response
        }.openAPI("名册中增加法律援助人员：{centreID, lawyer: {name, firm, staff, licenceNumber, licenceValidTo, practiceAreas[]}}", tag: "legal-aid",
                  body: ["type": "object", "required": ["lawyer"]], responses: [201: "已增加", 403: "无权限", 404: "中心不存在或不在范围内", 422: "输入有误"])
        api.post("self-check") { req async throws -> LegalAidEligibility.SelfCheck in
            guard try req.scope.canRead(.legalAid) else { throw Abort(.forbidden, reason: "您没有办理法律援助的权限") }
            return try await selfCheck(try req.content.decode(SelfCheckInput.self), db: req.db)
        }.openAPI("经济困难初步审查：按家庭人口、月收入、资产和法定情形，说明是否可能符合条件、依据和需要携带的材料（不作决定）", tag: "legal-aid",
                  body: ["type": "object", "required": ["householdMembers", "monthlyIncome"]], responses: [200: "审查结果", 422: "输入有误"])
        api.get("standards") { req async throws -> [EligibilityStandard] in
            guard try req.scope.canRead(.legalAid) else { throw Abort(.forbidden, reason: "您没有办理法律援助的权限") }
            return try await LegalAidStandardRecord.query(on: req.db).sort(\.$effectiveFrom).all().compactMap(\.standard)
        }.openAPI("法律援助经济困难标准（按生效日期）", tag: "legal-aid")
        api.post("standards") { req async throws -> Response in
            let current = try req.requireCurrent()
            let standard = try await saveStandard(try req.content.decode([String: String].self), scope: current.scope, actor: current.actor, db: req.db)
            let response = Response(status: .created)
            try response.content.encode(standard)
            return response
        }.openAPI("设置自某日起执行的经济困难标准（系统管理员）：{effectiveFrom, incomePerHead, assets, selfDeclarationAllowed, source}", tag: "legal-aid",
                  body: ["type": "object", "required": ["effectiveFrom", "incomePerHead", "assets", "source"]],
                  responses: [201: "已设置", 403: "无权限", 422: "输入有误"])
        api.post("case-types") { req async throws -> Response in
            let current = try req.requireCurrent()
            let type = try await addCaseType(try req.content.decode(CaseTypeInput.self), scope: current.scope, actor: current.actor, db: req.db)
            let response = Response(status: .created)
            try response.content.encode(["code": type.code, "label": type.label])
            return response
        }.openAPI("增补法律援助案件类型（系统管理员）：{code, label, matter}", tag: "legal-aid",
                  body: ["type": "object", "required": ["code", "label", "matter"]], responses: [201: "已增补", 403: "无权限", 422: "输入有误"])

        routes.get("legal-aid", "lawyers", use: lawyersPage)
        routes.post("legal-aid", "lawyers", use: postLawyer)
        routes.get("legal-aid", "self-check") { req in try await selfCheckPage(req, state: FormState(values: ["householdMembers": "1"]), result: nil) }
        routes.post("legal-aid", "self-check", use: postSelfCheck)
    }

    static func year(_ req: Request) throws -> Int {
        guard let text = req.query[String.self, at: "year"] else { return ChinaTime.today.year }
        guard let year = Int(text), (2000...2100).contains(year) else { throw FieldError(field: "year", message: "年份须在2000至2100之间") }
        return year
    }

    /// The centre named, or the user's first centre.
    static func centre(_ id: UUID?, scope: Scope, db: Database) async throws -> Org {
        if let id { return try await LegalAidLawyers.centre(id, scope: scope, on: db) }
        guard let first = try await LegalAidLawyers.centres(scope, on: db).first else {
            throw Abort(.notFound, reason: "您的范围内没有法律援助中心")
        }
        return first
    }

    static func selfCheck(_ input: SelfCheckInput, db: Database) async throws -> LegalAidEligibility.SelfCheck {
        var errors = ValidationErrors()
        let statuses = (input.statuses ?? []).map { AidedPersonStatus(rawValue: $0) }
        if statuses.contains(where: { $0 == nil }) {
            errors.add("statuses", "法定情形须为：\(AidedPersonStatus.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))")
        }
        let facts = EligibilityFacts(householdMembers: input.householdMembers ?? 0, monthlyIncome: input.monthlyIncome ?? -1, assets: input.assets ?? 0,
                                     selfDeclared: input.selfDeclared ?? false, statuses: statuses.compactMap { $0 },
                                     hasFixedIncome: !(input.noFixedIncome ?? false), claimsWagesOrInjury: input.claimsWagesOrInjury ?? false)
        for problem in facts.problems { errors.add(problem.field, problem.message) }
        try errors.throwIfAny()
        guard let standard = try await LegalAidStandardRecord.inForce(on: ChinaTime.today, db: db) else {
            throw Abort(.conflict, reason: "尚未设置本地法律援助经济困难标准")
        }
        return LegalAidEligibility.selfCheck(facts, standard: standard)
    }

    static func saveStandard(_ form: [String: String], scope: Scope, actor: AuditActor, db: Database) async throws -> EligibilityStandard {
        guard scope.isAdmin else { throw Abort(.forbidden, reason: "只有系统管理员可以设置经济困难标准") }
        var errors = ValidationErrors()
        let from = form["effectiveFrom"].flatMap(CivilDate.init(string:))
        if from == nil { errors.add("effectiveFrom", "生效日期须为 YYYY-MM-DD 格式的日期") }
        let income = form["incomePerHead"].flatMap { Int($0) }
        if income == nil || !(1...1_000_000).contains(income!) { errors.add("incomePerHead", "月人均收入标准须为1至1,000,000元的整数") }
        let assets = form["assets"].flatMap { Int($0) }
        if assets == nil || !(0...1_000_000_000).contains(assets!) { errors.add("assets", "家庭资产标准须为0至1,000,000,000元的整数") }
        let source = (form["source"] ?? "").trimmingCharacters(in: .whitespaces)
        if source.isEmpty || source.count > 200 { errors.add("source", "须写明标准的依据（文件名称和文号），不超过200个字符") }
        if let from, try await LegalAidStandardRecord.query(on: db).filter(\.$effectiveFrom == from.description).first() != nil {
            errors.add("effectiveFrom", "自\(from.chinese)起执行的标准已经设置")
        }
        try errors.throwIfAny()
        let standard = EligibilityStandard(effectiveFrom: from!, incomePerHead: income!, assets: assets!,
                                           selfDeclarationAllowed: ["true", "on", "1"].contains(form["selfDeclarationAllowed"] ?? "true"), source: source)
        try await db.transaction { tx in
            let record = LegalAidStandardRecord(standard)
            try await record.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor.sharingDeployment, action: "create", entityType: "legalAidStandard", entityID: record.id!.uuidString, before: nil,
                                      after: ["effectiveFrom": record.effectiveFrom, "incomePerHead": String(standard.incomePerHead), "assets": String(standard.assets)])
        }
        return standard
    }

    static func addCaseType(_ input: CaseTypeInput, scope: Scope, actor: AuditActor, db: Database) async throws -> LegalAidCaseType {
        guard scope.isAdmin else { throw Abort(.forbidden, reason: "只有系统管理员可以增补案件类型") }
        var errors = ValidationErrors()
        let code = (input.code ?? "").trimmingCharacters(in: .whitespaces)
        let label = (input.label ?? "").trimmingCharacters(in: .whitespaces)
        if code.isEmpty || code.count > 40 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) { errors.add("code", "代码须为1至40位英文字母或数字") }
        if label.isEmpty || label.count > 30 { errors.add("label", "名称不能为空，且不超过30个字符") }
        if let problem = PlainText.problem(label, field: "label", label: "名称", multiline: false) { errors.errors.append(problem) }
        let matter = input.matter.flatMap(LegalAidMatter.init(rawValue:))
        if matter == nil { errors.add("matter", "申请事项须为：\(LegalAidMatter.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))") }
        let existing = try await LegalAidCaseType.query(on: db).all()
        if existing.contains(where: { $0.code == code }) { errors.add("code", "代码「\(code)」已存在") }
        if existing.contains(where: { $0.label == label }) { errors.add("label", "案件类型「\(label)」已存在") }
        try errors.throwIfAny()
        let type = LegalAidCaseType(code: code, label: label, matter: matter!, position: (existing.map(\.position).max() ?? 0) + 1)
        try await db.transaction { tx in
            try await type.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor.sharingDeployment, action: "create", entityType: "legalAidCaseType", entityID: type.id!.uuidString,
                                      before: nil, after: ["code": code, "label": label, "matter": matter!.rawValue])
        }
        return type
    }

    // MARK: Pages

    @Sendable static func lawyersPage(_ req: Request) async throws -> Response {
        try await renderLawyers(req, state: FormState())
    }

    static func renderLawyers(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let centre = try await centre(req.query[UUID.self, at: "centreID"], scope: current.scope, db: req.db)
        let year = try year(req)
        let lawyers = try await LegalAidLawyers.register(centre: centre.id!, year: year, on: req.db)
        let counts = lawyers.filter(\.active).map(\.assignedThisYear)
        return try await req.page("法律援助人员与轮候") {
            el("p", .class("lead")) {
                "\(centre.name)：在册\(lawyers.filter(\.active).count)人；\(year)年指派\(counts.reduce(0, +))件，"
                    + "每人最多\(counts.max() ?? 0)件、最少\(counts.min() ?? 0)件。按本年件数由少到多、上次指派由早到晚轮候。"
            }
            dataTable(headers: ["姓名", "律师事务所", "执业证有效期至", "承办领域", "本年指派", "在办", "已评查", "评查平均分"], rows: lawyers.map { row in
                [.text(row.name), .text(row.firm), .text(row.licenceValidTo),
                 .text(row.practiceAreas.compactMap { LegalAidMatter(rawValue: $0)?.label }.joined(separator: "、")),
                 .text(String(row.assignedThisYear)), .text(String(row.open)), .text(String(row.reviewed)),
                 .text(row.averageScore.map { String(format: "%.1f", $0) } ?? "—")]
            }, empty: "名册中尚无法律援助人员")
            dataTable(caption: "按律师事务所", headers: ["律师事务所", "在册人员", "本年指派", "在办", "已评查", "评查平均分"],
                      rows: firms(lawyers).map { firm in
                [.text(firm.name), .text(String(firm.lawyers)), .text(String(firm.assigned)), .text(String(firm.open)), .text(String(firm.reviewed)),
                 .text(firm.averageScore.map { String(format: "%.1f", $0) } ?? "—")]
            }, empty: "名册中尚无法律援助人员")
            if current.scope.canAct(.legalAid, at: centre.id!) {
                errorSummary(state)
                el("h2") { "增加法律援助人员" }
                el("form", Attribute("method", "post"), Attribute("action", "/legal-aid/lawyers?centreID=\(centre.id!)"), .class("card"), .id("lawyer")) {
                    csrfField(current.session.csrfToken)
                    textField("name", label: "姓名", state: state, required: true)
                    textField("firm", label: "律师事务所", state: state)
                    el("div", .class("field checkbox")) {
                        el("input", .type("checkbox"), .id("f-staff"), .name("staff"), .flag("checked", state.values["staff"] == "on"))
                        el("label", .for("f-staff")) { "中心律师（不属律师事务所）" }
                    }
                    textField("licenceNumber", label: "执业证号（17位数字）", state: state, required: true)
                    textField("licenceValidTo", label: "执业证有效期至", state: state, type: "date", required: true)
                    el("fieldset") {
                        el("legend") { "承办领域" }
                        for matter in LegalAidMatter.allCases {
                            el("div", .class("field checkbox")) {
                                el("input", .type("checkbox"), .id("f-area-\(matter.rawValue)"), .name("area_\(matter.rawValue)"),
                                   .flag("checked", state.values["area_\(matter.rawValue)"] == "on"))
                                el("label", .for("f-area-\(matter.rawValue)")) { matter.label }
                            }
                        }
                    }
                    submitButton("增加")
                }
            }
        }
    }

    /// Each firm's load and quality this year: its lawyers' cases added up, the average over every reviewed case.
    static func firms(_ lawyers: [LegalAidLawyers.LawyerBody]) -> [(name: String, lawyers: Int, assigned: Int, open: Int, reviewed: Int, averageScore: Double?)] {
        Dictionary(grouping: lawyers, by: \.firm).map { name, members in
            let reviewed = members.map(\.reviewed).reduce(0, +)
            let points = members.reduce(0.0) { $0 + ($1.averageScore ?? 0) * Double($1.reviewed) }
            return (name, members.count, members.map(\.assignedThisYear).reduce(0, +), members.map(\.open).reduce(0, +), reviewed,
                    reviewed == 0 ? nil : (points / Double(reviewed) * 10).rounded() / 10)
        }.sorted { $0.assigned != $1.assigned ? $0.assigned > $1.assigned : $0.name < $1.name }
    }

    @Sendable static func postLawyer(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let centre = try await centre(req.query[UUID.self, at: "centreID"], scope: current.scope, db: req.db)
        let form = try req.content.decode([String: String].self)
        let input = LegalAidLawyers.LawyerInput(
            name: form["name"], firm: form["firm"], staff: form["staff"] == "on", licenceNumber: form["licenceNumber"],
            licenceValidTo: form["licenceValidTo"], practiceAreas: LegalAidMatter.allCases.filter { form["area_\($0.rawValue)"] == "on" }.map(\.rawValue))
        do {
            _ = try await LegalAidLawyers.addLawyer(input, to: centre, scope: current.scope, actor: current.actor, on: req.db)
            return req.redirect(to: "/legal-aid/lawyers?centreID=\(centre.id!)")
        } catch let errors as ValidationErrors {
            return try await renderLawyers(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }

    static func selfCheckPage(_ req: Request, state: FormState, result: LegalAidEligibility.SelfCheck?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        guard current.scope.canRead(.legalAid) else { throw Abort(.forbidden, reason: "您没有办理法律援助的权限") }
        return try await req.page("经济困难初步审查", status: status) {
            el("p", .class("lead")) { "根据申请人回答的几个问题，说明其是否可能符合法律援助条件、依据哪一条，以及申请时需要携带的材料。初步审查不作决定，以法律援助中心的审查决定为准。" }
            if let result {
                el("section", .class("card"), .id("result")) {
                    el("h2") { result.likely ? "可能符合法律援助条件" : "可能不符合经济困难条件" }
                    el("p") { result.decision.reason }
                    el("h3") { "申请时请携带" }
                    el("ul") { for item in result.bring { el("li") { item } } }
                }
            }
            errorSummary(state)
            el("form", Attribute("method", "post"), Attribute("action", "/legal-aid/self-check"), .class("card")) {
                csrfField(current.session.csrfToken)
                textField("householdMembers", label: "家庭人口（人）", state: state, type: "number", required: true)
                textField("monthlyIncome", label: "家庭月收入（元）", state: state, type: "number", required: true)
                textField("assets", label: "自住房屋以外的家庭资产（元）", state: state, type: "number")
                for (name, label) in [("selfDeclared", "愿意以个人诚信承诺说明经济困难状况"), ("noFixedIncome", "无固定生活来源"),
                                      ("claimsWagesOrInjury", "请求支付劳动报酬或者工伤赔偿")] {
                    el("div", .class("field checkbox")) {
                        el("input", .type("checkbox"), .id("f-\(name)"), .name(name), .flag("checked", state.values[name] == "on"))
                        el("label", .for("f-\(name)")) { label }
                    }
                }
                el("fieldset") {
                    el("legend") { "申请人情况" }
                    for status in AidedPersonStatus.allCases {
                        el("div", .class("field checkbox")) {
                            el("input", .type("checkbox"), .id("f-s-\(status.rawValue)"), .name("status_\(status.rawValue)"),
                               .flag("checked", state.values["status_\(status.rawValue)"] == "on"))
                            el("label", .for("f-s-\(status.rawValue)")) { status.label }
                        }
                    }
                }
                submitButton("初步审查")
            }
        }
    }

    @Sendable static func postSelfCheck(_ req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        func number(_ name: String) -> Int? { form[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        var errors = ValidationErrors()
        for (name, label) in [("householdMembers", "家庭人口"), ("monthlyIncome", "家庭月收入")] where number(name) == nil {
            errors.add(name, "\(label)须为整数")
        }
        if let text = form["assets"], !text.isEmpty, number("assets") == nil { errors.add("assets", "家庭资产须为整数") }
        guard errors.errors.isEmpty else {
            return try await selfCheckPage(req, state: FormState(values: form, errors: errors), result: nil, status: .unprocessableEntity)
        }
        let input = SelfCheckInput(householdMembers: number("householdMembers"), monthlyIncome: number("monthlyIncome"), assets: number("assets") ?? 0,
                                   selfDeclared: form["selfDeclared"] == "on",
                                   statuses: AidedPersonStatus.allCases.filter { form["status_\($0.rawValue)"] == "on" }.map(\.rawValue),
                                   noFixedIncome: form["noFixedIncome"] == "on", claimsWagesOrInjury: form["claimsWagesOrInjury"] == "on")
        do {
            return try await selfCheckPage(req, state: FormState(values: form), result: try await selfCheck(input, db: req.db))
        } catch let errors as ValidationErrors {
            return try await selfCheckPage(req, state: FormState(values: form, errors: errors), result: nil, status: .unprocessableEntity)
        }
    }
}

extension EligibilityStandard: Content {}
extension LegalAidEligibility.SelfCheck: Content {}
