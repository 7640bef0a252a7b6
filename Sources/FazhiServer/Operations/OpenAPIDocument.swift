import Foundation

/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/openapi.json`.
/// A test checks that every API route the app registers is described here and nothing else.
enum OpenAPIDocument {
    struct Endpoint {
        let method: String
        let path: String
        let summary: String
        let tag: String
        var body: [String: Any]? = nil
        var responses: [Int: String] = [200: "成功"]
        var isPublic = false
        /// How the body is sent: JSON, or `multipart/form-data` for a file upload.
        var bodyType = "application/json"
    }

    /// The answers every endpoint can give whatever it does, by what the request carries: the error middleware
    /// turns bad input, a missing right, an unknown record and a body too large or of the wrong type into these,
    /// each with the error body (a write's 503 is added below). An endpoint's own descriptions take precedence.
    static func commonResponses(_ endpoint: Endpoint) -> [Int: String] {
        var responses: [Int: String] = [400: "查询参数有误（如页码超出范围），message 与 field 说明"]
        if !endpoint.isPublic { responses[403] = "无权执行此操作" }
        if endpoint.path.contains("{") { responses[404] = "不存在或不在您的权限范围内" }
        if endpoint.body != nil {
            responses[413] = "请求体超过上限"
            responses[415] = endpoint.bodyType == "application/json" ? "请求体须为 JSON" : "请求体须为 multipart/form-data"
            responses[422] = "输入有误，message 与 field 说明"
        }
        return responses
    }

    static let errorSchema: [String: Any] = [
        "type": "object",
        "required": ["error"],
        "properties": ["error": [
            "type": "object",
            "required": ["code", "message"],
            "properties": [
                "code": ["type": "string"], "message": ["type": "string"], "field": ["type": ["string", "null"]],
                "errors": ["type": "array", "items": ["type": "object"]],
            ],
        ]],
    ]

    static func object(_ properties: [String: String], required: [String] = []) -> [String: Any] {
        ["type": "object", "required": required, "properties": properties.mapValues { ["type": $0] }]
    }

    /// Every API endpoint of the app running `modules`. Modules add theirs through `Module.apiEndpoints`.
    static func endpoints(_ modules: ModuleRegistry) -> [Endpoint] {
        [
            Endpoint(method: "post", path: "/api/v1/session",
                     summary: "登录（仅接受 JSON），返回会话令牌（亦设置 Cookie）；已启用二次验证的账户须同时提供 totp（动态口令或恢复码）",
                     tag: "session",
                     body: object(["username": "string", "password": "string", "totp": "string"], required: ["username", "password"]),
                     responses: [201: "已登录", 401: "用户名、密码或动态口令错误，或须提供动态口令", 403: "管理员须先在浏览器绑定动态口令",
                                 415: "请求体须为 JSON", 429: "账户已锁定"], isPublic: true),
            Endpoint(method: "delete", path: "/api/v1/session", summary: "退出登录", tag: "session", responses: [204: "已退出"]),
            Endpoint(method: "get", path: "/api/v1/me", summary: "当前用户及其角色", tag: "session"),
            Endpoint(method: "post", path: "/api/v1/me/password", summary: "修改本人密码（其他会话随之失效）", tag: "session",
                     body: object(["currentPassword": "string", "newPassword": "string"], required: ["currentPassword", "newPassword"]),
                     responses: [204: "已修改", 422: "当前密码不正确或新密码不符合要求"]),
            Endpoint(method: "get", path: "/api/v1/orgs", summary: "可见范围内的机构", tag: "orgs"),
            Endpoint(method: "post", path: "/api/v1/orgs", summary: "新增机构（管理员）", tag: "orgs",
                     body: object(["code": "string", "name": "string", "kind": "string", "parentID": "string"],
                                  required: ["code", "name", "kind", "parentID"]),
                     responses: [201: "已创建", 422: "输入有误"]),
            Endpoint(method: "get", path: "/api/v1/orgs/{id}", summary: "机构详情", tag: "orgs", responses: [200: "成功", 404: "不存在或不在范围内"]),
            Endpoint(method: "patch", path: "/api/v1/orgs/{id}", summary: "修改机构名称或启停（管理员）", tag: "orgs",
                     body: object(["name": "string", "active": "boolean"]), responses: [200: "成功", 422: "输入有误"]),
            Endpoint(method: "get", path: "/api/v1/users", summary: "用户列表（管理员）", tag: "users"),
            Endpoint(method: "post", path: "/api/v1/users", summary: "新增用户及其首个角色（管理员）", tag: "users",
                     body: object(["username": "string", "displayName": "string", "password": "string", "orgID": "string",
                                   "role": "string", "line": "string"], required: ["username", "displayName", "password", "orgID", "role"]),
                     responses: [201: "已创建", 422: "输入有误"]),
            Endpoint(method: "get", path: "/api/v1/users/{id}", summary: "用户详情", tag: "users", responses: [200: "成功", 404: "不存在"]),
            Endpoint(method: "patch", path: "/api/v1/users/{id}", summary: "修改姓名、启停或重置密码（管理员）", tag: "users",
                     body: object(["displayName": "string", "active": "boolean", "password": "string"]), responses: [200: "成功", 422: "输入有误"]),
            Endpoint(method: "post", path: "/api/v1/users/{id}/grants", summary: "授予角色（管理员）", tag: "users",
                     body: object(["role": "string", "orgID": "string", "line": "string"], required: ["role", "orgID"]),
                     responses: [201: "已授予", 422: "输入有误"]),
            Endpoint(method: "delete", path: "/api/v1/users/{id}/grants/{grantID}", summary: "移除角色（管理员）", tag: "users",
                     responses: [204: "已移除", 404: "不存在"]),
            Endpoint(method: "get", path: "/api/v1/audit", summary: "审计日志（管理员；筛选 entityType、actor、from、to、page）", tag: "audit"),
            Endpoint(method: "get", path: "/api/v1/audit/verify", summary: "校验审计日志哈希链（管理员）", tag: "audit"),
        ] + modules.apiEndpoints
    }

    static func json(_ modules: ModuleRegistry) throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for endpoint in endpoints(modules) {
            var operation: [String: Any] = ["summary": endpoint.summary, "tags": [endpoint.tag]]
            var responses: [String: Any] = [:]
            for (code, description) in endpoint.responses.merging(commonResponses(endpoint), uniquingKeysWith: { own, _ in own }) {
                responses[String(code)] = code >= 400
                    ? ["description": description, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
                    : ["description": description]
            }
            if !endpoint.isPublic {
                responses["401"] = ["description": "未登录", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
            }
            if endpoint.method != "get" {
                responses["503"] = [
                    "description": "数据库繁忙，未写入任何数据，稍后可原样重试（code database_busy）",
                    "headers": ["Retry-After": ["description": "建议等待的秒数", "schema": ["type": "integer"]]],
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
                ]
            }
            operation["responses"] = responses
            if let body = endpoint.body {
                operation["requestBody"] = ["required": true, "content": [endpoint.bodyType: ["schema": body]]]
            }
            let parameters = endpoint.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                ["name": String($0.dropFirst().dropLast()), "in": "path", "required": true, "schema": ["type": "string"]] as [String: Any]
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if endpoint.isPublic { operation["security"] = [[String: Any]]() }
            paths[endpoint.path, default: [:]][endpoint.method] = operation
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "法治 Fazhi API", "version": "1.0.0",
                     "description": "区司法局工作平台 API。错误统一为 {\"error\":{\"code\",\"message\",\"field\"}}。"],
            "paths": paths,
            "components": [
                "schemas": ["Error": errorSchema],
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "POST /api/v1/session 返回的 token"],
                    "cookie": ["type": "apiKey", "in": "cookie", "name": "fazhi_session",
                               "description": "浏览器会话；非 GET 请求须带 X-CSRF-Token"],
                ],
            ],
            "security": [["bearer": [String]()], ["cookie": [String]()]],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }
}
