import NIOConcurrencyHelpers
import Vapor

/// What a request spent, stage by stage (the session, the scope, each query of a page), sent back in the standard
/// `Server-Timing` response header (`session;dur=0.41, scope;dur=0.37, rows;dur=2.10, total;dur=4.02`, milliseconds),
/// so the cost of a page can be read per stage from any client, the load benchmark included.
final class RequestTiming: Sendable {
    private let stages = NIOLockedValueBox<[(String, Double)]>([])

    /// Runs `body` and adds its duration to the stage `name`.
    func measure<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        defer { stages.withLockedValue { $0.append((name, (ContinuousClock.now - start).milliseconds)) } }
        return try await body()
    }

    /// Notes `name` once, without a duration (`replica`: the request read from the read replica).
    func mark(_ name: String) {
        stages.withLockedValue { stages in
            if !stages.contains(where: { $0.0 == name }) { stages.append((name, 0)) }
        }
    }

    /// The header's value: each stage in the order it ran, then `total`.
    func header(total: Double) -> String {
        (stages.withLockedValue { $0 } + [("total", total)])
            .map { "\($0.0);dur=\(String(format: "%.2f", $0.1))" }.joined(separator: ", ")
    }
}

private struct RequestTimingKey: StorageKey {
    typealias Value = RequestTiming
}

extension Request {
    /// This request's stages (see `ServerTimingMiddleware`); a request the middleware did not see gets a fresh one.
    var timing: RequestTiming {
        if let timing = storage[RequestTimingKey.self] { return timing }
        let timing = RequestTiming()
        storage[RequestTimingKey.self] = timing
        return timing
    }
}

/// Adds `Server-Timing` to every response, errors included.
struct ServerTimingMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let timing = request.timing
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "Server-Timing", value: timing.header(total: (ContinuousClock.now - start).milliseconds))
        return response
    }
}

private extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1_000 + Double(components.attoseconds) / 1e15 }
}
