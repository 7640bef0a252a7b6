import Fluent
import FazhiCore
import Vapor

/// 选项目录: the choice lists the modules declare (`Module.choiceLists`) — the page `/lists/{code}` and
/// `/api/v1/lists/{code}/items` — read by whoever reads the list's line, edited by the admin: add an option, rename one
/// (the entries that carry it follow, in the same transaction), retire or restore one.
enum ChoiceListPages {
    struct ItemInput: Content {
        var label: String?
        var active: Bool?
    }

    struct ItemBody: Content {
        let id: UUID
        let label: String
        let active: Bool
        let position: Int
    }

    struct ListBody: Content {
        let code: String
        let name: String
        let items: [ItemBody]
    }

    static func routes(_ routes: RoutesBuilder) {
        let api = routes.grouped("api", "v1", "lists")
        let tag = "lists"
        api.get(":list", "items") { req async throws -> ListBody in
            let list = try readable(req)
            return ListBody(code: list.code, name: list.name, items: try await ChoiceLists.items(list.code, on: req.db).map(body))
        }.openAPI("选项目录（如普法活动类型）的全部选项，含已停用的", tag: tag, responses: [200: "成功", 404: "不存在或无权查看"])
        api.post(":list", "items") { req async throws -> Response in
            let (list, current) = try administered(req)
            let input = try req.content.decode(ItemInput.self)
            let item = try await add(input, to: list, actor: current.actor, on: req.db)
            let response = Response(status: .created)
            try response.content.encode(body(item))
            return response
        }.openAPI("增加一个选项（系统管理员）：{label}", tag: tag, body: ["type": "object", "required": ["label"]],
                  responses: [201: "已增加", 403: "无权限", 404: "不存在", 422: "输入有误"])
        api.put(":list", "items", ":id") { req async throws -> ItemBody in
            let (list, current) = try administered(req)
            let input = try req.content.decode(ItemInput.self)
            return body(try await change(req.parameters.get("id", as: UUID.self), input, in: list, modules: req.modules, actor: current.actor, on: req.db))
        }.openAPI("修改一个选项（系统管理员）：{label?（改名，已登记的记录随之更名）, active?（false 停用：不再供选择，已登记的记录保留）}", tag: tag,
                  body: ["type": "object"], responses: [200: "已修改", 403: "无权限", 404: "不存在", 422: "输入有误"])

        routes.get("lists") { req async throws -> Response in
            let scope = try req.scope
            let lists = req.modules.choiceLists.filter { $0.isReadable(by: scope) }
            return try await req.page("选项目录") {
                dataTable(headers: ["目录", "工作条线"], rows: lists.map { list in
                    [el("a", .href("/lists/\(list.code)")) { list.name }, .text(list.line?.label ?? "全局")]
                }, empty: "您没有可查看的选项目录")
            }
        }
        routes.get("lists", ":list") { req async throws -> Response in try await page(req, state: FormState()) }
        routes.post("lists", ":list") { req async throws -> Response in
            let (list, current) = try administered(req)
            let form = try req.content.decode([String: String].self)
            do {
                _ = try await add(ItemInput(label: form["label"]), to: list, actor: current.actor, on: req.db)
                return req.redirect(to: "/lists/\(list.code)")
            } catch let errors as ValidationErrors {
                return try await page(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
            }
        }
        routes.post("lists", ":list", ":id") { req async throws -> Response in
            let (list, current) = try administered(req)
            let form = try req.content.decode([String: String].self)
            let input = ItemInput(label: form["label"], active: form["active"].map { $0 == "true" })
            do {
                _ = try await change(req.parameters.get("id", as: UUID.self), input, in: list, modules: req.modules, actor: current.actor, on: req.db)
                return req.redirect(to: "/lists/\(list.code)")
            } catch let errors as ValidationErrors {
                return try await page(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
            }
        }
    }

    static func body(_ item: ChoiceListItem) -> ItemBody {
        ItemBody(id: item.id!, label: item.label, active: item.active, position: item.position)
    }

    /// The list named in the path, if the user reads its line; 404 otherwise.
    static func readable(_ req: Request) throws -> ChoiceListDeclaration {
        guard let code = req.parameters.get("list"), let list = req.modules.choiceLists.first(where: { $0.code == code }),
              list.isReadable(by: try req.scope) else { throw Abort(.notFound) }
        return list
    }

    /// The list, if the user is the admin (403 before the body is read).
    static func administered(_ req: Request) throws -> (ChoiceListDeclaration, CurrentSession) {
        let current = try req.requireCurrent()
        guard let code = req.parameters.get("list"), let list = req.modules.choiceLists.first(where: { $0.code == code }) else { throw Abort(.notFound) }
        guard current.scope.isAdmin else { throw Abort(.forbidden, reason: "只有系统管理员可以修改\(list.name)") }
        return (list, current)
    }

    static let maximumLabelLength = 30
    static let maximumItems = 200

    private static func label(_ text: String?, in list: ChoiceListDeclaration, others: [ChoiceListItem], into errors: inout ValidationErrors) -> String {
        let label = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if label.isEmpty || label.count > maximumLabelLength { errors.add("label", "名称不能为空，且不超过\(maximumLabelLength)个字符") }
        if let problem = PlainText.problem(label, field: "label", label: "名称") { errors.errors.append(problem) }
        if others.contains(where: { $0.label == label }) { errors.add("label", "\(list.name)中已有「\(label)」") }
        return label
    }

    static func add(_ input: ItemInput, to list: ChoiceListDeclaration, actor: AuditActor, on db: Database) async throws -> ChoiceListItem {
        try await db.transaction { tx in
            let existing = try await ChoiceLists.items(list.code, on: tx)
            var errors = ValidationErrors()
            let label = label(input.label, in: list, others: existing, into: &errors)
            if existing.count >= maximumItems { errors.add("label", "\(list.name)最多\(maximumItems)项") }
            try errors.throwIfAny()
            let item = ChoiceListItem(list: list.code, label: label, position: (existing.map(\.position).max() ?? 0) + 1)
            try await item.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor.sharingDeployment, action: "create", entityType: "choiceListItem", entityID: item.id!.uuidString, before: nil,
                                      after: ["list": list.code, "label": label, "active": "true"])
            return item
        }
    }

    /// Renames (the ledger and register entries whose list columns carry the old name follow) or retires / restores an option.
    static func change(_ id: UUID?, _ input: ItemInput, in list: ChoiceListDeclaration, modules: ModuleRegistry, actor: AuditActor,
                       on db: Database) async throws -> ChoiceListItem {
        try await db.transaction { tx in
            let existing = try await ChoiceLists.items(list.code, on: tx)
            guard let item = existing.first(where: { $0.id == id }) else { throw Abort(.notFound) }
            var errors = ValidationErrors()
            let renamed: String? = input.label.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines) == item.label ? nil : $0 }
                .map { label($0, in: list, others: existing.filter { $0.id != item.id }, into: &errors) }
            if renamed == nil && input.active == nil { errors.add("label", "请填写新名称，或选择停用/恢复") }
            try errors.throwIfAny()
            let before = ["label": item.label, "active": String(item.active)]
            var moved = 0
            if let renamed {
                moved = try await rename(item.label, to: renamed, list: list.code, modules: modules, on: tx)
                item.label = renamed
            }
            if let active = input.active { item.active = active }
            try await item.update(on: tx)
            try await AuditLog.record(on: tx, actor: actor.sharingDeployment, action: "update", entityType: "choiceListItem", entityID: item.id!.uuidString, before: before,
                                      after: ["label": item.label, "active": String(item.active), "entriesRenamed": String(moved)])
            return item
        }
    }

    /// Rewrites `old` to `new` in every ledger and register entry of a kind with a column on `list`; returns how many.
    private static func rename(_ old: String, to new: String, list: String, modules: ModuleRegistry, on db: Database) async throws -> Int {
        var moved = 0
        for kind in modules.bookKinds {
            let columns = kind.columns.filter { $0.listCode == list }.map(\.name)
            guard !columns.isEmpty else { continue }
            func renamed(_ fields: String) -> String? {
                var values = LedgerFields.decode(fields)
                var changed = false
                for column in columns where values[column] == old {
                    values[column] = new
                    changed = true
                }
                return changed ? LedgerFields.encode(values) : nil
            }
            if kind.family == .ledger {
                for entry in try await LedgerEntry.query(on: db).filter(\.$kind == kind.code).all() {
                    guard let fields = renamed(entry.fields) else { continue }
                    entry.fields = fields
                    entry.naturalKey = kind.naturalKey(of: entry.values)
                    try await entry.update(on: db)
                    moved += 1
                }
            } else {
                for entry in try await RegisterEntry.query(on: db).filter(\.$kind == kind.code).all() {
                    guard let fields = renamed(entry.fields) else { continue }
                    entry.fields = fields
                    entry.naturalKey = kind.naturalKey(of: entry.values)
                    try await entry.update(on: db)
                    moved += 1
                }
            }
        }
        return moved
    }

    static func page(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let list = try readable(req)
        let items = try await ChoiceLists.items(list.code, on: req.db)
        let admin = current.scope.isAdmin
        return try await req.page(list.name, status: status) {
            el("p", .class("hint")) { "停用的选项不再供新登记选择，已登记的记录保留原选项；改名时已登记的记录随之更名。" }
            errorSummary(state)
            dataTable(caption: "共 \(items.count) 项", headers: ["名称", "状态"] + (admin ? ["修改"] : []), rows: items.map { item in
                [.text(item.label), badge(item.active ? "在用" : "已停用", tone: item.active ? "ok" : "neutral")]
                    + (admin ? [Markup.group {
                        el("form", Attribute("method", "post"), Attribute("action", "/lists/\(list.code)/\(item.id!)"), .class("inline")) {
                            csrfField(current.session.csrfToken)
                            el("label", .for("rename-\(item.id!)"), .class("sr-only")) { "\(item.label)的新名称" }
                            el("input", .type("text"), .id("rename-\(item.id!)"), .name("label"), .value(item.label))
                            el("button", .type("submit")) { "改名" }
                        }
                        el("form", Attribute("method", "post"), Attribute("action", "/lists/\(list.code)/\(item.id!)"), .class("inline")) {
                            csrfField(current.session.csrfToken)
                            el("input", .type("hidden"), .name("active"), .value(item.active ? "false" : "true"))
                            el("button", .type("submit")) { item.active ? "停用" : "恢复" }
                        }
                    }] : [])
            })
            if admin {
                el("h2") { "增加选项" }
                el("form", Attribute("method", "post"), Attribute("action", "/lists/\(list.code)"), .class("card"), .id("add")) {
                    csrfField(current.session.csrfToken)
                    textField("label", label: "名称", state: state, required: true, hint: "不超过\(maximumLabelLength)个字符")
                    submitButton("增加")
                }
            }
        }
    }
}
