import Fluent
import SQLKit
import Vapor

/// Failed sign-ins counted per account, across every address (behind a reverse proxy every user shares its address,
/// and guesses spread over many addresses must count too). An attempt is counted atomically *before* the password is
/// checked, so parallel guesses cannot slip past the limit: the sixth of six simultaneous guesses is refused unread.
/// After `maxFailures` failures the account is locked, each lock in a row twice as long as the last (15 minutes up
/// to 8 hours); a successful sign-in clears the count.
struct LoginThrottle {
    static let schema = "login_throttles"
    static let maxFailures = 5
    static let firstLock: TimeInterval = 15 * 60
    /// Locks double at most this many times: 15 min × 2⁵ = 8 h.
    static let maxDoublings = 5

    struct Ticket {
        /// Consecutive locks before this attempt; the next lock lasts `firstLock × 2^locks`.
        let locks: Int
    }

    let db: Database

    private var sql: SQLDatabase { db as! SQLDatabase }

    static func lockDuration(afterLocks locks: Int) -> TimeInterval {
        firstLock * Double(1 << min(max(0, locks), maxDoublings))
    }

    /// Counts one attempt for `username`. Throws `StaffSessions.Failure.locked` when the account is locked or this
    /// attempt is one too many; otherwise the caller checks the password and reports `succeeded` or `failed`.
    func begin(_ username: String, now: Date) async throws -> Ticket {
        let at = now.timeIntervalSince1970
        try await sql.raw("""
            INSERT INTO login_throttles (username, failures, locks, locked_until) VALUES (\(bind: username), 0, 0, NULL)
            ON CONFLICT (username) DO NOTHING
            """).run()
        // A lock that has run out starts a fresh count (but is remembered in `locks`, so the next lock is longer).
        let row = try await sql.raw("""
            UPDATE login_throttles
            SET failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= \(bind: at) THEN 1 ELSE failures + 1 END,
                locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= \(bind: at) THEN NULL ELSE locked_until END
            WHERE username = \(bind: username) AND (locked_until IS NULL OR locked_until <= \(bind: at))
            RETURNING failures, locks
            """).first()
        guard let row else {
            throw StaffSessions.Failure.locked(until: try await lockedUntil(username, now: now) ?? now.addingTimeInterval(Self.firstLock))
        }
        let failures = try row.decode(column: "failures", as: Int.self)
        let locks = try row.decode(column: "locks", as: Int.self)
        if failures > Self.maxFailures {
            // Counted past the limit by a parallel attempt whose failure has not yet set the lock: refuse unread.
            throw StaffSessions.Failure.locked(until: now.addingTimeInterval(Self.lockDuration(afterLocks: locks)))
        }
        return Ticket(locks: locks)
    }

    /// The password (or second factor) was right: the count starts again.
    func succeeded(_ username: String) async throws {
        try await sql.raw("""
            UPDATE login_throttles SET failures = 0, locks = 0, locked_until = NULL WHERE username = \(bind: username)
            """).run()
    }

    /// The attempt failed; at the limit the account is locked. Returns the lock's end when this failure set it.
    @discardableResult
    func failed(_ username: String, ticket: Ticket, now: Date) async throws -> Date? {
        let until = now.addingTimeInterval(Self.lockDuration(afterLocks: ticket.locks))
        let locked = try await sql.raw("""
            UPDATE login_throttles SET locked_until = \(bind: until.timeIntervalSince1970), locks = locks + 1
            WHERE username = \(bind: username) AND failures >= \(bind: Self.maxFailures) AND locked_until IS NULL
            RETURNING locks
            """).first()
        return locked == nil ? try await lockedUntil(username, now: now) : until
    }

    /// When the account is locked at `now`, the moment the lock ends.
    func lockedUntil(_ username: String, now: Date) async throws -> Date? {
        guard let row = try await sql.raw("SELECT locked_until FROM login_throttles WHERE username = \(bind: username)").first(),
              let until = try row.decode(column: "locked_until", as: Double?.self), until > now.timeIntervalSince1970
        else { return nil }
        return Date(timeIntervalSince1970: until)
    }
}
