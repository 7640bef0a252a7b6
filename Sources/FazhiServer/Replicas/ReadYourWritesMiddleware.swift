import Fluent
import SQLKit
import Vapor

/// After a request that may have written (any method but GET, HEAD, OPTIONS) by a signed-in session, stores the
/// primary's WAL insert position in the session: its reads stay on the primary until the replica has replayed past it
/// (`ReadReplica.serves`). Only when a replica is configured; one small UPDATE per write request.
struct ReadYourWritesMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard request.application.readReplica != nil, ![.GET, .HEAD, .OPTIONS].contains(request.method) else {
            return try await next.respond(to: request)
        }
        do {
            let response = try await next.respond(to: request)
            await pin(request)
            return response
        } catch {
            await pin(request)
            throw error
        }
    }

    /// The session the request ran as (a sign-in makes a new session, which has written nothing yet to be pinned to).
    private func pin(_ request: Request) async {
        guard let sessionID = request.current?.session.id ?? request.pendingSession?.session.id else { return }
        do {
            try await request.db.sql.raw("""
                UPDATE user_sessions SET read_after_lsn = CAST(pg_current_wal_insert_lsn() - '0/0' AS BIGINT) \
                WHERE id = \(bind: sessionID)
                """).run()
        } catch {
            request.logger.warning("could not pin the session to the primary after a write: \(String(describing: error))")
        }
    }
}
