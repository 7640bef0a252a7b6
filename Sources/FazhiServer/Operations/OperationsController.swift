import Fluent
import FluentSQL
import Metrics
import Prometheus
import Vapor

/// Health check, Prometheus metrics, static assets and the OpenAPI document.
struct OperationsController {
    static func publicRoutes(_ routes: RoutesBuilder) {
        routes.get("healthz", use: health)
        routes.get("metrics", use: metrics)
        routes.get("assets", ":file", use: asset)
        routes.get("api", "openapi.json", use: openAPI)
    }

    struct HealthBody: Content {
        let status: String
        let database: String
    }

    /// 200 when the database answers a query, 503 otherwise.
    static func health(_ req: Request) async throws -> Response {
        var healthy = true
        do {
            _ = try await Org.query(on: req.db).limit(1).all()
        } catch {
            req.logger.error("health check failed: \(String(reflecting: error))")
            healthy = false
        }
        let response = Response(status: healthy ? .ok : .serviceUnavailable)
        try response.content.encode(HealthBody(status: healthy ? "ok" : "unavailable", database: req.db.dialectName))
        return response
    }

    static func metrics(_ req: Request) -> Response {
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: FazhiMetrics.registry.emitToString()))
    }

    static func asset(_ req: Request) throws -> Response {
        guard let name = req.parameters.get("file"), let asset = Assets.shared.files[name] else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: asset.contentType)
        headers.add(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(data: asset.data))
    }

    static func openAPI(_ req: Request) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try OpenAPIDocument.json(req.application.routes.all)))
    }
}

extension Database {
    var dialectName: String { (self as? SQLDatabase)?.dialect.name ?? "unknown" }
}

/// The process-wide metrics registry; swift-metrics itself is process-wide, so is this.
enum FazhiMetrics {
    static let registry = PrometheusCollectorRegistry()
    private static let once: Void = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }()

    /// Makes Vapor's request counters and latency timers land in `registry`. Safe to call more than once.
    static func bootstrap() { _ = once }
}

/// CSS and JS served by the app itself: bureaus run on intranets without internet access.
struct Assets: Sendable {
    struct File: Sendable {
        let data: Data
        let contentType: String
    }

    let files: [String: File]

    static let shared = Assets.load()

    static func load() -> Assets {
        var files: [String: File] = [:]
        guard let folder = Bundle.module.url(forResource: "Public", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return Assets(files: [:]) }
        for name in names where !name.hasPrefix(".") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8"
                : name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream"
            files[name] = File(data: data, contentType: type)
        }
        return Assets(files: files)
    }
}
