import Fluent
import FazhiCore
import Vapor

/// The office's list of matter types on the web and in the API: read by anyone who reads the line, extended by the
/// admin (a new kind of matter without a release).
enum NotaryMatterTypes {
    struct Input: Content {
        var code: String?
        var label: String?
        var category: String?
    }

    static let categories = ["家事", "经济", "涉外", "保全证据", "其他"]

    static func routes(_ routes: RoutesBuilder) {
        let api = routes.grouped("api", "v1", "notary")
        api.get("matter-types") { req async throws -> [[String: String]] in
            guard try req.scope.canRead(.notary) else { throw Abort(.forbidden, reason: "您没有查看公证的权限") }
            return try await NotaryMatterType.query(on: req.db).sort(\.$position).all()
                .map { ["code": $0.code, "label": $0.label, "category": $0.category] }
        }.openAPI("公证事项类型目录", tag: "notary")
        api.post("matter-types") { req async throws -> Response in
            let current = try req.requireCurrent()
            let type = try await add(try req.content.decode(Input.self), scope: current.scope, actor: current.actor, on: req.db)
            let response = Response(status: .created)
            try response.content.encode(["code": type.code, "label": type.label, "category": type.category])
            return response
        }.openAPI("增补公证事项类型（系统管理员）：{code, label, category}", tag: "notary",
                  body: ["type": "object", "required": ["code", "label", "category"]], responses: [201: "已增补", 403: "无权限", 422: "输入有误"])
        routes.get("notary", "matter-types", use: page)
        routes.post("notary", "matter-types", use: post)
    }

    static func add(_ input: Input, scope: Scope, actor: AuditActor, on db: Database) async throws -> NotaryMatterType {
        guard scope.isAdmin else { throw Abort(.forbidden, reason: "只有系统管理员可以增补公证事项类型") }
        var errors = ValidationErrors()
        let code = (input.code ?? "").trimmingCharacters(in: .whitespaces)
        let label = (input.label ?? "").trimmingCharacters(in: .whitespaces)
        let category = (input.category ?? "").trimmingCharacters(in: .whitespaces)
        if code.isEmpty || code.count > 40 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            errors.add("code", "代码须为1至40位英文字母或数字")
        }
        if label.isEmpty || label.count > 30 { errors.add("label", "名称不能为空，且不超过30个字符") }
        if let problem = PlainText.problem(label, field: "label", label: "名称", multiline: false) { errors.errors.append(problem) }
        if !categories.contains(category) { errors.add("category", "类别须为：\(categories.joined(separator: "、"))") }
        let existing = try await NotaryMatterType.query(on: db).all()
        if existing.contains(where: { $0.code == code }) { errors.add("code", "代码「\(code)」已存在") }
        if existing.contains(where: { $0.label == label }) { errors.add("label", "公证事项类型「\(label)」已存在") }
        try errors.throwIfAny()
        let type = NotaryMatterType(code: code, label: label, category: category, position: (existing.map(\.position).max() ?? 0) + 1)
        try await db.transaction { tx in
            try await type.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor.sharingDeployment, action: "create", entityType: "notaryMatterType", entityID: type.id!.uuidString,
                                      before: nil, after: ["code": code, "label": label, "category": category])
        }
        return type
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        try await render(req, state: FormState())
    }

    static func render(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        guard current.scope.canRead(.notary) else { throw Abort(.forbidden, reason: "您没有查看公证的权限") }
        let types = try await NotaryMatterType.query(on: req.db).sort(\.$position).all()
        return try await req.page("公证事项类型", status: status) {
            errorSummary(state)
            dataTable(headers: ["类别", "公证事项类型", "代码"], rows: types.map { [.text($0.category), .text($0.label), .text($0.code)] })
            if current.scope.isAdmin {
                el("h2") { "增补公证事项类型" }
                el("form", Attribute("method", "post"), Attribute("action", "/notary/matter-types"), .class("card")) {
                    csrfField(current.session.csrfToken)
                    textField("code", label: "代码（英文字母或数字）", state: state, required: true)
                    textField("label", label: "名称", state: state, required: true, hint: "如：提存")
                    textField("category", label: "类别（\(categories.joined(separator: "、"))）", state: state, required: true)
                    submitButton("增补")
                }
            }
            el("p") { el("a", .href("/notary")) { "返回公证" } }
        }
    }

    @Sendable static func post(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let form = try req.content.decode([String: String].self)
        do {
            _ = try await add(.init(code: form["code"], label: form["label"], category: form["category"]), scope: current.scope,
                              actor: current.actor, on: req.db)
            return req.redirect(to: "/notary/matter-types")
        } catch let errors as ValidationErrors {
            return try await render(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }
}
