import Foundation

/// How long each stage of an import took (read the file, check the rows, write them), for `fazhi import --timing`
/// and the scale benchmark. Stages are listed in the order they first end.
public final class ImportTimings: @unchecked Sendable {
    private let lock = NSLock()
    private var stages: [(name: String, duration: Duration)] = []

    public init() {}

    /// Runs `work` and records its duration under `name`.
    func measure<T>(_ name: String, _ work: () async throws -> T) async rethrows -> T {
        let started = ContinuousClock.now
        defer { record(name, ContinuousClock.now - started) }
        return try await work()
    }

    func measure<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        let started = ContinuousClock.now
        defer { record(name, ContinuousClock.now - started) }
        return try work()
    }

    /// A stage recorded again adds up (a streamed import reads, checks and inserts once per chunk).
    func record(_ name: String, _ duration: Duration) {
        lock.withLock {
            if let index = stages.firstIndex(where: { $0.name == name }) {
                stages[index].duration += duration
            } else {
                stages.append((name, duration))
            }
        }
    }

    /// One "stage: seconds" line per stage, e.g. `read: 0.052 s`.
    public var lines: [String] {
        lock.withLock {
            stages.map { name, duration in
                let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                return "\(name): " + String(format: "%.3f s", seconds)
            }
        }
    }
}
