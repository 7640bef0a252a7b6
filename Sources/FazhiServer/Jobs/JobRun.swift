import Fluent
import SQLKit
import Foundation
import Vapor

/// One run of a scheduled job: which node ran it, when, how it ended and what it did or why it failed.
final class JobRun: Model, @unchecked Sendable {
    static let schema = "job_runs"

    enum Outcome: String, Codable, Sendable {
        case running
        case ok
        case failed
        /// Its node stopped mid-run (found still `running` by the next node that took the job's lock).
        case interrupted

        var isFailure: Bool { self == .failed || self == .interrupted }

        /// Its badge's tone: green when it succeeded, blue while it runs, red when it failed or was cut off.
        var tone: String { self == .ok ? "ok" : self == .running ? "info" : "danger" }

        var label: String {
            switch self {
            case .running: "运行中"
            case .ok: "成功"
            case .failed: "失败"
            case .interrupted: "中断"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "job") var job: String
    @Field(key: "node") var node: String
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @Enum(key: "outcome") var outcome: Outcome
    /// 1 for a run after a success; one more for each failure in a row (the backoff grows with it).
    @Field(key: "attempt") var attempt: Int
    @OptionalField(key: "summary") var summary: String?
    @OptionalField(key: "error") var error: String?

    init() {}

    init(job: String, node: String, startedAt: Date, attempt: Int) {
        self.id = UUID()
        self.job = job
        self.node = node
        self.startedAt = startedAt
        self.outcome = .running
        self.attempt = attempt
    }
}

struct CreateJobRuns: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(JobRun.schema)
            .id()
            .field("job", .string, .required)
            .field("node", .string, .required)
            .field("started_at", .datetime, .required)
            .field("finished_at", .datetime)
            .field("outcome", .string, .required)
            .field("attempt", .int, .required)
            .field("summary", .string)
            .field("error", .string)
            .create()
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "job_runs_job_started_idx").on(JobRun.schema).column("job").column("started_at").run()
    }

    func revert(on db: Database) async throws {
        try await db.schema(JobRun.schema).delete()
    }
}

/// 2026-12-05: the admin's list of recent runs reads them by start, newest first.
struct IndexJobRunsByStart: AsyncMigration {
    func prepare(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "job_runs_started_idx").on(JobRun.schema).column("started_at").run()
    }

    func revert(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.drop(index: "job_runs_started_idx").run()
    }
}
