import Fluent
import FazhiCore
import Vapor

/// `/api/v1/ledgers/…` and `/api/v1/registers/…`: the kinds with their columns, and each kind's entries.
enum BookAPI {
    struct KindBody: Content {
        struct Column: Content {
            let name: String
            let header: String
            let rule: String
            let required: Bool
        }

        let code: String
        let name: String
        let line: String
        let columns: [Column]
        let naturalKey: [String]
        let metrics: [String]
    }

    struct EntryInput: Content {
        var orgID: UUID?
        var values: [String: String]?
    }

    struct EntryPage: Content {
        let entries: [BookEntries.Listed]
        let total: Int
        let page: Int
    }

    static func routes(_ routes: RoutesBuilder) {
        for family in BookFamily.allCases {
            let api = routes.grouped("api", "v1", PathComponent(stringLiteral: family.pathSegment))
            let tag = family.pathSegment
            api.get { req -> [KindBody] in
                let scope = try req.scope
                return req.modules.bookKinds(family).filter { scope.canRead($0) }.map(body)
            }.openAPI("可查看的\(family.label)种类及其列（表头、规则、自然键、计入的年度报告指标）", tag: tag)
            api.get(":kind", "entries") { req -> EntryPage in
                let kind = try await BookPages.kind(req, family)
                let paging = try Paging.from(req, size: 50)
                let filter = BookEntries.Filter(year: try? req.query.get(Int.self, at: "year"),
                                               orgID: (try? req.query.get(String.self, at: "orgID")).flatMap(UUID.init(uuidString:)))
                let (entries, total) = try await BookEntries(db: req.db, scope: try req.scope, kind: kind).list(filter, paging: paging)
                return EntryPage(entries: entries, total: total, page: paging.page)
            }.openAPI("\(family.label)记录（筛选 year、orgID（含下级）、page）", tag: tag, responses: [200: "成功", 404: "种类不存在或无权查看"])
            api.get(":kind", "entries", ":id") { req -> BookEntries.Listed in
                let kind = try await BookPages.kind(req, family)
                return try await BookEntries(db: req.db, scope: try req.scope, kind: kind).find(req.parameters.get("id").flatMap(UUID.init(uuidString:)))
            }.openAPI("一条\(family.label)记录", tag: tag, responses: [200: "成功", 404: "不存在或不在范围内"])
            api.post(":kind", "entries") { req -> Response in
                let kind = try await BookPages.kind(req, family)
                let input = try req.content.decode(EntryInput.self)
                let current = try req.requireCurrent()
                let book = BookEntries(db: req.db, scope: current.scope, kind: kind)
                let id = try await book.add(input.values ?? [:], orgID: input.orgID, actor: current.actor)
                let response = Response(status: .created)
                try response.content.encode(try await book.find(id))
                return response
            }.openAPI("新增一条\(family.label)记录（values 以列名为键）", tag: tag,
                      body: ["type": "object", "required": ["values"], "properties": ["orgID": ["type": "string"], "values": ["type": "object"]]],
                      responses: [201: "已新增", 404: "种类不存在或无权查看", 422: "输入有误（field 为列名）"])
            api.put(":kind", "entries", ":id") { req -> BookEntries.Listed in
                let kind = try await BookPages.kind(req, family)
                let input = try req.content.decode(EntryInput.self)
                let current = try req.requireCurrent()
                let book = BookEntries(db: req.db, scope: current.scope, kind: kind)
                let id = req.parameters.get("id").flatMap(UUID.init(uuidString:))
                try await book.update(id, input.values ?? [:], actor: current.actor)
                return try await book.find(id)
            }.openAPI("更正一条\(family.label)记录（values 为全部列；名册记录填写终止日期即为退出）", tag: tag,
                      body: ["type": "object", "required": ["values"], "properties": ["values": ["type": "object"]]],
                      responses: [200: "已更正", 403: "无权在该机构登记", 404: "不存在或不在范围内", 422: "输入有误（field 为列名）"])
            api.delete(":kind", "entries", ":id") { req -> HTTPStatus in
                let kind = try await BookPages.kind(req, family)
                let current = try req.requireCurrent()
                try await BookEntries(db: req.db, scope: current.scope, kind: kind)
                    .remove(req.parameters.get("id").flatMap(UUID.init(uuidString:)), actor: current.actor)
                return .noContent
            }.openAPI("删除一条误录的\(family.label)记录（审计日志保留原值）", tag: tag,
                      responses: [204: "已删除", 403: "无权在该机构登记", 404: "不存在或不在范围内"])
            attachmentRoutes(api, family)
        }
    }

    /// An entry's files (the photos of an event), for the kinds that take them (`BookKind.attachmentTypes`).
    static func attachmentRoutes(_ api: RoutesBuilder, _ family: BookFamily) {
        let tag = family.pathSegment
        func attachments(_ req: Request) async throws -> EntryAttachments {
            EntryAttachments(db: req.db, scope: try req.scope, kind: try await BookPages.kind(req, family))
        }
        api.get(":kind", "entries", ":id", "attachments") { req -> [EntryAttachmentBody] in
            try await attachments(req).list(BookEntryPage.entryID(req)).attachments.map(EntryAttachmentBody.init)
        }.openAPI("一条\(family.label)记录的照片与附件", tag: tag, responses: [200: "成功", 404: "不存在或不在范围内"])
        api.post(":kind", "entries", ":id", "attachments", limit: BodyLimit.attachment) { req -> Response in
            let input = try req.content.decode(BookEntryPage.UploadInput.self)
            let attachment = try await attachments(req).attach(input.file, to: BookEntryPage.entryID(req), actor: try req.requireCurrent().actor)
            let response = Response(status: .created)
            try response.content.encode(EntryAttachmentBody(attachment))
            return response
        }.openAPI("上传照片或附件（multipart：file；类型以文件内容识别，须为该种类收取的类型，不超过20MB）", tag: tag,
                  body: ["type": "object", "required": ["file"],
                         "properties": ["file": ["type": "string", "contentMediaType": "application/octet-stream"]]],
                  responses: [201: "已上传", 403: "无权在该机构登记", 404: "不存在或不在范围内", 422: "文件缺失、过大、类型不符或该种类不收附件"],
                  bodyType: "multipart/form-data")
        api.get(":kind", "entries", ":id", "attachments", ":attachment") { req -> Response in
            try await BookEntryPage.download(req, family)
        }.openAPI("下载一个附件", tag: tag, responses: [200: "文件内容", 404: "不存在或不在范围内"])
        api.delete(":kind", "entries", ":id", "attachments", ":attachment") { req -> HTTPStatus in
            try await attachments(req).remove(req.parameters.get("attachment", as: UUID.self), of: BookEntryPage.entryID(req),
                                              actor: try req.requireCurrent().actor)
            return .noContent
        }.openAPI("删除一个误传的附件（审计日志保留文件名与摘要）", tag: tag,
                  responses: [204: "已删除", 403: "无权在该机构登记", 404: "不存在或不在范围内"])
    }

    static func body(_ kind: any BookKind) -> KindBody {
        KindBody(code: kind.code, name: kind.name, line: kind.line.rawValue,
                 columns: kind.columns.map { .init(name: $0.name, header: $0.header, rule: $0.rule, required: $0.required) },
                 naturalKey: kind.naturalKey, metrics: kind.metricKeys)
    }
}
