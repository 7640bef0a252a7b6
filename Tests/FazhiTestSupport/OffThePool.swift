import Foundation

/// Runs `body`, which blocks (a child process, a pipe read to its end), on a thread of its own and waits for it without
/// holding a thread of Swift's cooperative pool. That pool has one thread per core (two here): a test that blocked one
/// while `fazhi demo` ran for a minute stalled every other test's requests, until a TOTP code expired or SQLite's busy
/// timeout ran out in a test that had nothing to do with it.
public func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
