import FazhiTestSupport
import Foundation
import Testing

/// The `fazhi deadline` contract (issue 3), run against the built executable.
@Suite("fazhi deadline: command-line contract", .enabled(if: FazhiBinary.url != nil, "the fazhi executable is built beside the tests"))
struct DeadlineCommandTests {
    @Test("Last line is the due date; exit 0, 3 when provisional, 2 on bad input", arguments: [
        (["--from", "2024-09-30", "--days", "5", "--working"], Int32(0), "2024-10-12"),
        (["--from", "2024-02-08", "--rule", "reconsideration.acceptance"], 0, "2024-02-21"),
        (["--from", "2025-09-20", "--rule", "reconsideration.decision", "--extend", "30"], 0, "2025-12-19"),
        (["--from", "2024-01-01", "--days", "10", "--pause", "2024-01-03..2024-01-05"], 0, "2024-01-15"),
        (["--from", "2026-12-20", "--rule", "reconsideration.decision"], 3, "2027-02-18"),
        (["--from", "2024-02-30", "--days", "3"], 2, nil),
        (["--from", "2024-01-01", "--days", "-3"], 2, nil),
        (["--from", "2024-01-01", "--rule", "nope"], 2, nil),
        (["--from", "2024-01-01"], 2, nil),
        (["--from", "2024-01-01", "--days", "3", "--rule", "reconsideration.acceptance"], 2, nil),
        (["--from", "2024-01-01", "--days", "10", "--pause", "2024-03-01..2024-03-05"], 2, nil),
        (["--from", "2024-01-01", "--rule", "reconsideration.decision.simplified", "--extend", "10"], 2, nil),
        (["--bogus"], 2, nil),
    ] as [([String], Int32, String?)])
    func contract(arguments: [String], exit: Int32, due: String?) async throws {
        let result = try await FazhiBinary.run(["deadline"] + arguments, in: FileManager.default.temporaryDirectory)
        #expect(result.status == exit, "stderr: \(result.stderr)")
        if let due { #expect(result.stdout.split(separator: "\n").last.map(String.init) == due) }
        if exit == 2 { #expect(!result.stderr.isEmpty) }
        if exit == 3 { #expect(result.stderr.contains("2027")) }
    }

    @Test("--explain prints the basis and each holiday above the date")
    func explain() async throws {
        let result = try await FazhiBinary.run(["deadline", "--from", "2024-09-25", "--rule", "reconsideration.reply", "--explain"],
                                         in: FileManager.default.temporaryDirectory)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(result.status == 0)
        #expect(lines.first { $0.hasPrefix("依据") }?.contains("第四十八条") == true)
        #expect(lines.contains { $0.contains("国庆节") })
        #expect(lines.last == "2024-10-14")
    }

    @Test("An imported year is used by the calculator in that folder")
    func importedYear() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("2027.json")
        try CalendarFixtures.year2027.write(to: file, atomically: true, encoding: .utf8)
        let imported = try await FazhiBinary.run(["calendar", "import", file.path, "--text-logs"], in: folder)
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        let result = try await FazhiBinary.run(["deadline", "--from", "2027-01-29", "--days", "10", "--working"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").last == "2027-02-18")
        let bad = try await FazhiBinary.run(["calendar", "import", "/nonexistent.json"], in: folder)
        #expect(bad.status == 2)
    }
}

/// The `fazhi` executable built next to the test bundle.
enum FazhiBinary {
    static var url: URL? {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("fazhi")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the executable with `arguments` in `folder` until it exits, off the cooperative pool (`offThePool`).
    static func run(_ arguments: [String], in folder: URL, environment extra: [String: String] = [:]) async throws -> Result {
        try await offThePool { try runBlocking(arguments, in: folder, environment: extra) }
    }

    private static func runBlocking(_ arguments: [String], in folder: URL, environment extra: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DATABASE_URL")
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are read at once: a child that fills one while the other is read to its end would wait forever.
        let stderr = StderrReader(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr.wait(), as: UTF8.self))
    }

    /// Reads a pipe to its end on a thread of its own.
    private final class StderrReader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
