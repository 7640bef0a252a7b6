import Foundation
import Vapor

/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/openapi.json`, built from the routes the app serves:
/// each API route is described where it is registered (`Route.openAPI`), and a test checks that none is left out.
enum OpenAPIDocument {
    /// What an API route says of itself: attached to the route, so the document cannot list a route that is not served.
    struct Description: @unchecked Sendable {
        let summary: String
        let tag: String
        var body: [String: Any]? = nil
        var responses: [Int: String] = [200: "成功"]
        var isPublic = false
        /// How the body is sent: JSON, or `multipart/form-data` for a file upload.
        var bodyType = "application/json"
    }

    struct Endpoint {
        let method: String
        let path: String
        let description: Description

        var summary: String { description.summary }
        var tag: String { description.tag }
        var body: [String: Any]? { description.body }
        var responses: [Int: String] { description.responses }
        var isPublic: Bool { description.isPublic }
        var bodyType: String { description.bodyType }
    }

    static let key: AnySendableHashable = "fazhi.openapi"

    /// The OpenAPI path of a route: `/api/v1/cases/{id}` for `api/v1/cases/:id`.
    static func path(of route: Route) -> String {
        "/" + route.path.map { component -> String in
            if case .parameter(let name) = component { return "{\(name)}" }
            return component.description
        }.joined(separator: "/")
    }

    /// Every described route of `routes`, by path and method.
    static func endpoints(_ routes: [Route]) -> [Endpoint] {
        routes.compactMap { route -> Endpoint? in
            guard let description = route.userInfo[key] as? Description else { return nil }
            return Endpoint(method: route.method.rawValue.lowercased(), path: path(of: route), description: description)
        }.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
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

    static func json(_ routes: [Route]) throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for endpoint in endpoints(routes) {
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

extension Route {
    /// Describes this API route in the OpenAPI document.
    @discardableResult
    func openAPI(_ summary: String, tag: String, body: [String: Any]? = nil, responses: [Int: String] = [200: "成功"],
                 isPublic: Bool = false, bodyType: String = "application/json") -> Route {
        userInfo[OpenAPIDocument.key] = OpenAPIDocument.Description(summary: summary, tag: tag, body: body, responses: responses,
                                                                    isPublic: isPublic, bodyType: bodyType)
        return self
    }
}
