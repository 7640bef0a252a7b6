@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

/// Every route the app serves, as templates: the API from the OpenAPI document it serves at `/api/openapi.json`,
/// the pages from `app.routes.all`. The access-control tests walk this list, so a new route is walked too.
struct RouteTemplate: Hashable, CustomStringConvertible {
    enum Segment: Hashable {
        case literal(String)
        case parameter(String)
    }

    let method: HTTPMethod
    let segments: [Segment]

    var isAPI: Bool { segments.first == .literal("api") }
    var parameters: [String] { segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } } }
    var path: String {
        "/" + segments.map { if case .parameter(let name) = $0 { "{\(name)}" } else if case .literal(let text) = $0 { text } else { "" } }
            .joined(separator: "/")
    }
    var description: String { "\(method.rawValue) \(path)" }

    static func == (a: RouteTemplate, b: RouteTemplate) -> Bool { a.description == b.description }
    func hash(into hasher: inout Hasher) { hasher.combine(description) }

    init(method: HTTPMethod, path: String) {
        self.method = method
        segments = path.split(separator: "/").map {
            $0.hasPrefix("{") ? .parameter(String($0.dropFirst().dropLast())) : .literal(String($0))
        }
    }

    /// The literal segment just before the parameter at `index` (e.g. `cases` for `/cases/{id}`).
    func literal(before index: Int) -> String? {
        guard index > 0, case .literal(let text) = segments[index - 1] else { return nil }
        return text
    }

    /// The path with each parameter replaced by `value(name, index)`.
    func filled(_ value: (String, Int) -> String) -> String {
        "/" + segments.enumerated().map { index, segment in
            switch segment {
            case .literal(let text): text
            case .parameter(let name): value(name, index).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""
            }
        }.joined(separator: "/")
    }
}

enum RouteCatalogue {
    /// The API routes the OpenAPI document describes (a test keeps it equal to the registered API routes).
    static func api(_ app: Application, as client: TestClient) async throws -> [RouteTemplate] {
        var routes: [RouteTemplate] = []
        try await client.get("/api/openapi.json") { res in
            let document = try #require(try JSONSerialization.jsonObject(with: Data(res.text.utf8)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for (path, operations) in paths {
                for method in operations.keys { routes.append(RouteTemplate(method: HTTPMethod(rawValue: method.uppercased()), path: path)) }
            }
        }
        return routes.sorted { $0.description < $1.description }
    }

    /// The page routes (everything outside `/api/`), as registered.
    static func pages(_ app: Application) -> [RouteTemplate] {
        app.routes.all.compactMap { route -> RouteTemplate? in
            let path = "/" + route.path.map { component -> String in
                if case .parameter(let name) = component { return "{\(name)}" }
                return component.description
            }.joined(separator: "/")
            guard !path.hasPrefix("/api/") else { return nil }
            return RouteTemplate(method: route.method, path: path)
        }.sorted { $0.description < $1.description }
    }
}
