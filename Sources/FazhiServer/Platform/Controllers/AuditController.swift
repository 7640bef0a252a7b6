import Fluent
import FazhiCore
import Vapor

/// Admins browse the audit log with filters and check its hash chain.
struct AuditController {
    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("admin", "audit", use: page)
        routes.get("api", "v1", "audit", use: list)
            .openAPI("审计日志（管理员；筛选 entityType、actor、from、to、page）", tag: "audit")
        routes.get("api", "v1", "audit", "verify", use: verify).openAPI("校验审计日志哈希链（管理员）", tag: "audit")
    }

    struct Filter: Content {
        var entityType: String?
        var actor: String?
        var from: String?
        var to: String?
    }

    struct EntryBody: Content {
        let seq: Int
        let at: Date
        let actorName: String
        let action: String
        let entityType: String
        let entityID: String
        let before: String
        let after: String
        let hash: String
    }

    struct VerifyBody: Content {
        let intact: Bool
        let checked: Int
        let firstBrokenSeq: Int?
        let reason: String?
    }

    static let pageSize = 50

    /// The filtered query; dates are whole days in China time.
    static func query(_ filter: Filter, on db: Database) throws -> QueryBuilder<AuditEntry> {
        var query = AuditEntry.query(on: db)
        if let type = filter.entityType, !type.isEmpty { query = query.filter(\.$entityType == type) }
        if let actor = filter.actor, !actor.isEmpty { query = query.filter(\.$actorName == actor) }
        if let from = filter.from, !from.isEmpty {
            guard let day = CivilDate(string: from) else { throw FieldError(field: "from", message: "起始日期格式应为 YYYY-MM-DD") }
            query = query.filter(\.$at >= day.startInChina)
        }
        if let to = filter.to, !to.isEmpty {
            guard let day = CivilDate(string: to) else { throw FieldError(field: "to", message: "截止日期格式应为 YYYY-MM-DD") }
            query = query.filter(\.$at < day.adding(days: 1).startInChina)
        }
        return query
    }

    static func list(_ req: Request) async throws -> [EntryBody] {
        try req.scope.requireSystemAdmin()
        let filter = try req.query.decode(Filter.self)
        let paging = try Paging.from(req, size: pageSize)
        return try await query(filter, on: req.db).sort(\.$id, .descending).range(paging.range).all().map(body)
    }

    static func verify(_ req: Request) async throws -> VerifyBody {
        try req.scope.requireSystemAdmin()
        let result = try await AuditLog.verify(on: req.db)
        return VerifyBody(intact: result.firstBreak == nil, checked: result.checked,
                          firstBrokenSeq: result.firstBreak?.seq, reason: result.firstBreak?.reason)
    }

    static func body(_ entry: AuditEntry) -> EntryBody {
        EntryBody(seq: entry.id ?? 0, at: entry.at, actorName: entry.actorName, action: entry.action,
                  entityType: entry.entityType, entityID: entry.entityID, before: entry.before, after: entry.after, hash: entry.hash)
    }

    static func page(_ req: Request) async throws -> Response {
        try req.scope.requireSystemAdmin()
        let filter = try req.query.decode(Filter.self)
        let paging = try Paging.from(req, size: pageSize)
        let page = paging.page
        var state = FormState(values: ["entityType": filter.entityType ?? "", "actor": filter.actor ?? "",
                                       "from": filter.from ?? "", "to": filter.to ?? ""])
        var entries: [AuditEntry] = []
        var total = 0
        do {
            total = try await query(filter, on: req.db).count()
            entries = try await query(filter, on: req.db).sort(\.$id, .descending).range(paging.range).all()
        } catch let error as FieldError {
            state.errors = ValidationErrors([error])
        }
        let verification = (try? req.query.get(String.self, at: "verify")) == "1" ? try await AuditLog.verify(on: req.db) : nil
        let types = try await AuditEntry.query(on: req.db).unique().all(\.$entityType).sorted()
        return try await req.page("审计日志", status: state.errors.isEmpty ? .ok : .unprocessableEntity) {
            if let verification {
                if let broken = verification.firstBreak {
                    notice("哈希链已损坏：第 \(broken.seq) 行，\(broken.reason)", tone: "error")
                } else {
                    notice("哈希链完整：共校验 \(verification.checked) 行。", tone: "ok")
                }
            }
            el("form", Attribute("method", "get"), Attribute("action", "/admin/audit"), .class("filters")) {
                selectField("entityType", label: "对象类型", options: types.map { ($0, $0) }, state: state, blank: "（全部）")
                textField("actor", label: "操作人", state: state)
                textField("from", label: "起始日期", state: state, type: "date")
                textField("to", label: "截止日期", state: state, type: "date")
                submitButton("筛选")
                el("a", .href("/admin/audit?verify=1"), .class("button")) { "校验哈希链" }
            }
            dataTable(caption: "共 \(total) 条，第 \(page) 页", headers: ["序号", "时间", "操作人", "操作", "对象", "变更前", "变更后"],
                      rows: entries.map { entry in
                          [.text(String(entry.id ?? 0)), .text(TableDateFormat.format(entry.at, withTime: true)), .text(entry.actorName),
                           .text(entry.action), .text("\(entry.entityType) \(entry.entityID.prefix(8))"),
                           el("code", .class("json")) { entry.before }, el("code", .class("json")) { entry.after }]
                      })
            pager(page: page, total: total, pageSize: pageSize, base: req.url.path, query: state.values)
        }
    }
}

/// Previous/next links that keep the current filters.
/// Pages of a list: 上一页, where we are, 下一页. A `total` that is a lower bound (a queue counted only so far) gives
/// no last page: 下一页 shows when the list says a page follows.
func pager(page: Int, total: Int, pageSize: Int, base: String, query: [String: String],
           totalIsLowerBound: Bool = false, hasNextPage: Bool = false) -> Markup {
    let pages = max(1, (total + pageSize - 1) / pageSize)
    func link(_ target: Int) -> String {
        var items = query.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        items.append(URLQueryItem(name: "page", value: String(target)))
        var components = URLComponents()
        components.path = base
        components.queryItems = items
        return components.string ?? base
    }
    let hasNext = totalIsLowerBound ? hasNextPage : page < pages
    return el("nav", .class("pager"), .aria("label", "分页")) {
        if page > 1 { el("a", .href(link(page - 1))) { "上一页" } }
        el("span") { totalIsLowerBound ? "第 \(page) 页（\(pages) 页以上）" : "第 \(page) / \(pages) 页" }
        if hasNext { el("a", .href(link(page + 1))) { "下一页" } }
    }
}
