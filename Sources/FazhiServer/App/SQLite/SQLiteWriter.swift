import Foundation

/// The one writer of an SQLite database inside this process. SQLite lets one connection write at a time; left to
/// themselves, concurrent writers on the pool's connections collide and one fails with `database is locked`. Here
/// every write transaction takes its turn, in order of arrival, while readers go on unhindered (WAL). Writers from
/// another process (the command line beside a running server) are waited for by SQLite's busy timeout instead.
actor SQLiteWriter {
    /// How long SQLite waits for another process's write lock before giving up (`PRAGMA busy_timeout`).
    let busyTimeout: Duration
    /// How long a write waits for its turn in this process's queue before giving up with `DatabaseBusy`: long enough
    /// for the writes ahead of it, each of which may itself wait `busyTimeout` for another process.
    let patience: Duration

    private var writing = false
    private var waiting: [(ticket: Int, turn: CheckedContinuation<Void, Error>)] = []
    private var lastTicket = 0

    init(busyTimeout: Duration) {
        self.busyTimeout = busyTimeout
        self.patience = busyTimeout * 3
    }

    /// Runs `body` when it is this write's turn, and lets the next one in when it ends, however it ends.
    nonisolated func write<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await waitForTurn()
        do {
            let result = try await body()
            await finish()
            return result
        } catch {
            await finish()
            throw error
        }
    }

    private func waitForTurn() async throws {
        guard writing else {
            writing = true
            return
        }
        lastTicket += 1
        let ticket = lastTicket
        let timer = Task { [patience] in
            try await Task.sleep(for: patience)
            self.giveUp(ticket)
        }
        defer { timer.cancel() }
        try await withCheckedThrowingContinuation { turn in
            waiting.append((ticket, turn))
        }
    }

    /// Hands the turn straight to the longest-waiting write, so none can overtake it.
    private func finish() {
        if waiting.isEmpty {
            writing = false
        } else {
            waiting.removeFirst().turn.resume()
        }
    }

    private func giveUp(_ ticket: Int) {
        guard let index = waiting.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiting.remove(at: index).turn.resume(throwing: DatabaseBusy())
    }
}
