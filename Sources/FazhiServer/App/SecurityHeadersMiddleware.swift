import Vapor

/// The headers every response carries, downloads and error pages included: a Content-Security-Policy that runs only
/// our own script files (no inline script, no `eval`) and lets no other site frame us, no MIME sniffing, no referrer
/// beyond our origin, no caching of anything but the static assets (pages and files hold personal data), and HSTS when
/// the system is served over TLS.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// Inline `style` attributes stay allowed: the printable documents set per-paragraph indents with them, and a
    /// style cannot run code.
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
        "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
        "frame-ancestors 'none'",
    ].joined(separator: "; ")

    let servesTLS: Bool

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let requestID = Self.requestID(of: request)
        if requestID != request.id { request.logger[metadataKey: "request-id"] = .string(requestID) }
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        // The id every log line of the request carries (`request-id`), given back so a user's report names the request.
        response.headers.replaceOrAdd(name: .xRequestId, value: requestID)
        if !request.url.path.hasPrefix("/assets/") {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        if servesTLS {
            response.headers.replaceOrAdd(name: .strictTransportSecurity, value: "max-age=31536000; includeSubDomains")
        }
        return response
    }

    /// The proxy's `X-Request-Id` (deploy/nginx/fazhi.conf sends one) when the request came through a trusted proxy
    /// (`FAZHI_TRUSTED_PROXIES`) and the id is 1–64 letters, digits and hyphens; otherwise one of our own, so a client
    /// cannot choose, repeat or stuff the ids in the log.
    static func requestID(of request: Request) -> String {
        let header = request.headers.first(name: .xRequestId)
        guard let header, header == request.id, let peer = request.remoteAddress?.ipAddress,
              request.application.fazhi.trustedProxies.contains(peer), (1...64).contains(header.utf8.count),
              header.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D })
        else { return header == nil ? request.id : UUID().uuidString }
        return header
    }
}
