import Vapor

/// How many bytes of a request body a route reads: declared once, on the route, and enforced by the first reader.
///
/// Order on the staff routes (`routes(_:)` in configure.swift): `SessionMiddleware` reads only headers;
/// `RequireLogin` answers an anonymous request (401 or the login page) without reading its body; then
/// `BodyLimitMiddleware` reads the body up to the route's limit — refusing at once when `Content-Length` says it
/// is larger, and as soon as the bytes pass it otherwise — with 413 and a message naming the limit; only then
/// does `CSRFMiddleware` look for the token in the `X-CSRF-Token` header or the form's `_csrf` field.
///
/// Why the token may come from the (bounded) body rather than only from a header or the URL: the upload pages are
/// plain HTML forms (multipart), which cannot send a header without script, and a token in the URL would be
/// written to access logs, browser history and `Referer` headers. Reading the body first costs a signed-in session
/// at most what the route would read anyway, and a forged cross-site upload is still refused before the handler
/// sees it.
enum BodyLimit {
    /// Forms and JSON: every route that declares nothing (`app.routes.defaultMaxBodySize`).
    static let form: ByteCount = "2mb"
    /// An attachment (20 MB, `Attachments.maxSize`) and the form around it.
    static let attachment: ByteCount = "21mb"
    /// A resident's upload on the portal (10 MB, `PortalUploads.maxSize`) and the form around it.
    static let portalUpload: ByteCount = "11mb"
    /// A spreadsheet to import (.xlsx or CSV); what it may hold once unpacked is `SpreadsheetLimits.web`.
    static let spreadsheet: ByteCount = "40mb"
    /// The import's confirmation: the checked file again, in Base64 (4/3 of `spreadsheet`), with the form.
    static let spreadsheetConfirmation: ByteCount = "64mb"

    private static let key: AnySendableHashable = "fazhi.bodyLimit"

    /// The limit of the request's route: the declared one, else the application's default.
    static func bytes(for request: Request) -> Int {
        (request.route?.userInfo[key] as? Int) ?? request.application.routes.defaultMaxBodySize.value
    }

    /// Reads the whole body, refusing it with 413 past the route's limit. Idempotent: a body already read is only
    /// measured.
    static func collect(_ request: Request) async throws {
        let limit = bytes(for: request)
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        if let data = request.body.data {
            guard data.readableBytes <= limit else { throw tooLarge(limit) }
            return
        }
        do {
            _ = try await request.eventLoop.flatSubmit { request.body.collect(max: limit) }.get()
        } catch let abort as Abort where abort.status == .payloadTooLarge {
            throw tooLarge(limit)
        }
    }

    static func tooLarge(_ limit: Int) -> Abort {
        let size = limit % 1_048_576 == 0 ? "\(limit / 1_048_576) MB" : "\(limit) 字节"
        return Abort(.payloadTooLarge, reason: "上传的内容超过 \(size) 的上限", identifier: "payload_too_large")
    }

    /// Declares `limit` on a route built with `body: .collect(maxSize: limit)`.
    fileprivate static func declare(_ limit: ByteCount, on route: Route) {
        route.userInfo[key] = limit.value
    }
}

/// Reads the body of a signed-in request up to its route's `BodyLimit`, before anything else does.
struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        try await BodyLimit.collect(request)
        return try await next.respond(to: request)
    }
}

extension RoutesBuilder {
    /// A POST whose body may be larger than a form's (a file): `limit` is one of `BodyLimit`'s.
    @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ path: PathComponent..., limit: ByteCount, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        let route = on(.POST, path, body: .collect(maxSize: limit), use: closure)
        BodyLimit.declare(limit, on: route)
        return route
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ path: [PathComponent], limit: ByteCount, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        let route = on(.POST, path, body: .collect(maxSize: limit), use: closure)
        BodyLimit.declare(limit, on: route)
        return route
    }
}
