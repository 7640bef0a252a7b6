import Fluent
import FazhiCore
import Vapor

/// The committees' register on the web and in the API: the list, one committee's profile and mediators with their
/// forms, and the dispute types.
enum MediationCommitteePages {
    static func routes(_ routes: RoutesBuilder) {
        let api = routes.grouped("api", "v1", "mediation")
        api.get("committees") { req async throws -> [MediationCommittees.CommitteeBody] in
            try await MediationCommittees.committees(try req.scope, on: req.db)
        }.openAPI("调委会名册：类型、成立日期、覆盖的纠纷类型、特色调解室、调解员", tag: "mediation")
        api.put("committees", ":id", "profile") { req async throws -> MediationCommittees.CommitteeBody in
            let current = try req.requireCurrent()
            let committee = try await MediationCommittees.committee(req.parameters.get("id", as: UUID.self), scope: current.scope, on: req.db)
            try await MediationCommittees.saveProfile(try req.content.decode(MediationCommittees.ProfileInput.self), of: committee,
                                                      actor: current.actor, on: req.db)
            return try await MediationCommittees.committees(current.scope, on: req.db, only: committee.id).first!
        }.openAPI("登记或修改调委会信息：{kind, foundedOn, disputeTypes[], rooms[]}", tag: "mediation",
                  body: ["type": "object", "required": ["kind", "foundedOn"]], responses: [200: "已保存", 404: "不存在或不在范围内", 422: "输入有误"])
        api.post("committees", ":id", "mediators") { req async throws -> Response in
            let current = try req.requireCurrent()
            let committee = try await MediationCommittees.committee(req.parameters.get("id", as: UUID.self), scope: current.scope, on: req.db)
            let mediator = try await MediationCommittees.addMediator(try req.content.decode(MediationCommittees.MediatorInput.self),
                                                                     to: committee, actor: current.actor, on: req.db)
            let response = Response(status: .created)
            try response.content.encode(MediationCommittees.MediatorBody(id: mediator.id!, name: mediator.name, activeFrom: mediator.activeFrom,
                                                                        activeTo: mediator.activeTo, serving: mediator.serves(on: ChinaTime.today)))
            return response
        }.openAPI("调委会名册中增加调解员：{name, phone, activeFrom, activeTo}", tag: "mediation",
                  body: ["type": "object", "required": ["name", "activeFrom"]], responses: [201: "已增加", 404: "不存在或不在范围内", 422: "输入有误"])
        api.get("dispute-types") { req async throws -> [[String: String]] in
            guard try req.scope.canRead(.mediation) else { throw Abort(.forbidden, reason: "您没有查看人民调解的权限") }
            return try await DisputeType.query(on: req.db).sort(\.$position).all()
                .map { ["code": $0.code, "label": $0.label, "sectoral": String($0.sectoral)] }
        }.openAPI("纠纷类型目录", tag: "mediation")
        api.post("dispute-types") { req async throws -> Response in
            let current = try req.requireCurrent()
            let type = try await MediationCommittees.addDisputeType(try req.content.decode(MediationCommittees.DisputeTypeInput.self),
                                                                    scope: current.scope, actor: current.actor, on: req.db)
            let response = Response(status: .created)
            try response.content.encode(["code": type.code, "label": type.label])
            return response
        }.openAPI("增补纠纷类型（系统管理员）：{code, label, sectoral}", tag: "mediation",
                  body: ["type": "object", "required": ["code", "label"]], responses: [201: "已增补", 403: "无权限", 422: "输入有误"])

        routes.get("mediation", "committees", use: list)
        routes.get("mediation", "committees", ":id", use: show)
        routes.post("mediation", "committees", ":id", "profile", use: postProfile)
        routes.post("mediation", "committees", ":id", "mediators", use: postMediator)
        routes.post("mediation", "dispute-types", use: postDisputeType)
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        let scope = try req.scope
        let committees = try await MediationCommittees.committees(scope, on: req.db)
        let types = try await DisputeType.all(on: req.db)
        let label = Dictionary(uniqueKeysWithValues: types.map { ($0.code, $0.label) })
        let current = try req.requireCurrent()
        return try await req.page("调委会与调解员") {
            el("p", .class("lead")) {
                "共 \(committees.count) 个调委会，在任调解员 \(committees.map { $0.mediators.filter(\.serving).count }.reduce(0, +)) 名。"
            }
            dataTable(headers: ["调委会", "所属", "类型", "成立日期", "调解的纠纷类型", "特色调解室", "在任调解员"], rows: committees.map { row in
                [el("a", .href("/mediation/committees/\(row.id)")) { row.name }, .text(row.station), .text(row.kindLabel ?? "未登记"),
                 .text(row.foundedOn ?? "—"), .text(row.disputeTypes.isEmpty ? "—" : row.disputeTypes.map { label[$0] ?? $0 }.joined(separator: "、")),
                 .text(row.rooms.isEmpty ? "—" : row.rooms.joined(separator: "、")), .text(String(row.mediators.filter(\.serving).count))]
            })
            if scope.isAdmin {
                el("h2") { "增补纠纷类型" }
                el("form", Attribute("method", "post"), Attribute("action", "/mediation/dispute-types"), .class("card")) {
                    csrfField(current.session.csrfToken)
                    textField("code", label: "代码（英文字母或数字）", state: FormState(), required: true)
                    textField("label", label: "名称", state: FormState(), required: true, hint: "如：网约车纠纷")
                    el("div", .class("field checkbox")) {
                        el("input", .type("checkbox"), .id("f-sectoral"), .name("sectoral"), .flag("checked", true))
                        el("label", .for("f-sectoral")) { "行业性专业性领域（需专门调解组织覆盖）" }
                    }
                    submitButton("增补")
                }
                el("p", .class("hint")) { "现有：" + types.map(\.label).joined(separator: "、") }
            }
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await render(req, state: FormState())
    }

    static func render(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        guard let id = try? req.parameters.get("id", as: UUID.self),
              let committee = try await MediationCommittees.committees(current.scope, on: req.db, only: id).first else {
            throw Abort(.notFound, reason: "调委会不存在或不在您的范围内")
        }
        let types = try await DisputeType.all(on: req.db)
        let canAct = current.scope.canAct(.mediation, at: id)
        return try await req.page(committee.name, status: status) {
            el("p") { "所属：\(committee.station)；类型：\(committee.kindLabel ?? "未登记")；成立日期：\(committee.foundedOn ?? "—")" }
            dataTable(caption: "调解员名册", headers: ["姓名", "任职日期", "离任日期", "状态"], rows: committee.mediators.map { row in
                [.text(row.name), .text(row.activeFrom), .text(row.activeTo ?? "—"), .text(row.serving ? "在任" : "不在任")]
            }, empty: "尚未登记调解员")
            if canAct {
                errorSummary(state)
                el("h2") { "调委会信息" }
                el("form", Attribute("method", "post"), Attribute("action", "/mediation/committees/\(id)/profile"), .class("card"), .id("profile")) {
                    csrfField(current.session.csrfToken)
                    selectField("kind", label: "调委会类型", options: CommitteeKind.allCases.map { ($0.rawValue, $0.label) },
                                state: FormState(values: ["kind": state.values["kind"] ?? committee.kind ?? ""], errors: state.errors), required: true)
                    textField("foundedOn", label: "成立日期", state: FormState(values: ["foundedOn": state.values["foundedOn"] ?? committee.foundedOn ?? ""],
                                                                            errors: state.errors), type: "date", required: true)
                    el("fieldset") {
                        el("legend") { "调解的纠纷类型（行业性专业性调委会必填）" }
                        for type in types {
                            el("div", .class("field checkbox")) {
                                el("input", .type("checkbox"), .id("f-type-\(type.code)"), .name("type_\(type.code)"),
                                   .flag("checked", committee.disputeTypes.contains(type.code)))
                                el("label", .for("f-type-\(type.code)")) { type.label }
                            }
                        }
                    }
                    textArea("rooms", label: "特色调解室（每行一个）", state: FormState(values: ["rooms": state.values["rooms"] ?? committee.rooms.joined(separator: "\n")],
                                                                                  errors: state.errors))
                    submitButton("保存")
                }
                el("h2") { "增加调解员" }
                el("form", Attribute("method", "post"), Attribute("action", "/mediation/committees/\(id)/mediators"), .class("card"), .id("mediator")) {
                    csrfField(current.session.csrfToken)
                    textField("name", label: "姓名", state: state, required: true)
                    textField("phone", label: "联系电话", state: state)
                    textField("activeFrom", label: "任职日期", state: FormState(values: ["activeFrom": state.values["activeFrom"] ?? ChinaTime.today.description],
                                                                             errors: state.errors), type: "date", required: true)
                    textField("activeTo", label: "离任日期（在任不填）", state: state, type: "date")
                    submitButton("增加")
                }
            }
        }
    }

    @Sendable static func postProfile(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let committee = try await MediationCommittees.committee(req.parameters.get("id", as: UUID.self), scope: current.scope, on: req.db)
        let form = try req.content.decode([String: String].self)
        let input = MediationCommittees.ProfileInput(
            kind: form["kind"], foundedOn: form["foundedOn"],
            disputeTypes: form.keys.filter { $0.hasPrefix("type_") && form[$0] == "on" }.map { String($0.dropFirst(5)) },
            rooms: (form["rooms"] ?? "").components(separatedBy: .newlines))
        do {
            try await MediationCommittees.saveProfile(input, of: committee, actor: current.actor, on: req.db)
            return req.redirect(to: "/mediation/committees/\(committee.id!)")
        } catch let errors as ValidationErrors {
            return try await render(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }

    @Sendable static func postMediator(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let committee = try await MediationCommittees.committee(req.parameters.get("id", as: UUID.self), scope: current.scope, on: req.db)
        let form = try req.content.decode([String: String].self)
        do {
            _ = try await MediationCommittees.addMediator(.init(name: form["name"], phone: form["phone"], activeFrom: form["activeFrom"],
                                                                activeTo: form["activeTo"]), to: committee, actor: current.actor, on: req.db)
            return req.redirect(to: "/mediation/committees/\(committee.id!)")
        } catch let errors as ValidationErrors {
            return try await render(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }

    @Sendable static func postDisputeType(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let form = try req.content.decode([String: String].self)
        do {
            _ = try await MediationCommittees.addDisputeType(.init(code: form["code"], label: form["label"], sectoral: form["sectoral"] == "on"),
                                                             scope: current.scope, actor: current.actor, on: req.db)
            return req.redirect(to: "/mediation/committees")
        } catch let errors as ValidationErrors {
            return try await req.page("增补纠纷类型", status: .unprocessableEntity) {
                errorSummary(FormState(values: form, errors: errors))
                el("p") { el("a", .href("/mediation/committees")) { "返回" } }
            }
        }
    }
}
