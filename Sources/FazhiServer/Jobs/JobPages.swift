import FazhiCore
import Fluent
import Foundation
import Vapor

/// What the system administrator sees of the scheduled jobs: each job's schedule, last run, next run and failures in a
/// row, the recent runs, and a button to run a job now (`POST /admin/jobs/{job}/run`, the same exclusive run).
enum JobPages {
    static let path = "/admin/jobs"

    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("admin", "jobs", use: page)
        routes.post("admin", "jobs", ":job", "run", use: runNow)
        routes.get("api", "v1", "admin", "jobs", use: api)
            .openAPI("后台任务：各任务的计划、上次运行、下次运行与最近运行记录（系统管理员）", tag: "operations")
    }

    struct RunBody: Content {
        let job: String
        let node: String
        let startedAt: Date
        let finishedAt: Date?
        let outcome: JobRun.Outcome
        let attempt: Int
        let summary: String?
        let error: String?

        init(_ run: JobRun) {
            job = run.job
            node = run.node
            startedAt = run.startedAt
            finishedAt = run.finishedAt
            outcome = run.outcome
            attempt = run.attempt
            summary = run.summary
            error = run.error
        }
    }

    struct JobBody: Content {
        let key: String
        let title: String
        let schedule: String
        let lastRun: RunBody?
        let nextDueAt: Date
        /// Failed or interrupted runs since the last success.
        let failuresInARow: Int
    }

    /// A message the outbox gave up on: where it was going (masked), what, how often tried, the last error.
    struct FailedMessageBody: Content {
        let channel: String
        let address: String
        let subject: String
        let attempts: Int
        let failedAt: Date?
        let lastError: String?
    }

    struct JobsBody: Content {
        let jobs: [JobBody]
        let recentRuns: [RunBody]
        /// Messages the outbox gave up on, and the latest of them.
        let outboxFailed: Int
        let latestFailedMessages: [FailedMessageBody]
    }

    /// At most this many recent runs are listed.
    static let recentLimit = 50

    static func listing(_ app: Application, on db: Database) async throws -> JobsBody {
        var jobs: [JobBody] = []
        for job in app.modules.jobs {
            let last = try await JobRunner.lastRun(of: job.key, on: db)
            jobs.append(JobBody(key: job.key, title: job.title, schedule: job.schedule.label, lastRun: last.map(RunBody.init),
                                nextDueAt: max(JobDue.next(job.schedule, after: last, now: Date()), last?.startedAt ?? .distantPast),
                                failuresInARow: last.map { $0.outcome.isFailure ? $0.attempt : 0 } ?? 0))
        }
        let recent = try await JobRun.query(on: db).sort(\.$startedAt, .descending).limit(recentLimit).all()
        let failed = try await Outbox.failed(limit: 20, on: db)
        return JobsBody(jobs: jobs, recentRuns: recent.map(RunBody.init), outboxFailed: failed.count,
                        latestFailedMessages: failed.latest.map { message in
            FailedMessageBody(channel: message.channel.rawValue,
                              address: message.channel == .mail ? Masking.email(message.address) : Masking.phone(message.address),
                              subject: message.subject, attempts: message.attempts, failedAt: message.failedAt, lastError: message.lastError)
        })
    }

    static func api(_ req: Request) async throws -> JobsBody {
        try req.scope.requireSystemAdmin()
        return try await listing(req.application, on: req.db)
    }

    static func page(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        try current.scope.requireSystemAdmin()
        let listing = try await listing(req.application, on: req.db)
        let ran = req.query[String.self, at: "ran"]
        return try await req.page("后台任务") {
            el("p", .class("hint")) {
                "后台任务由服务器按计划自动运行，多台服务器时同一任务同一时间只在一台上运行；失败后 1、2、4……分钟后重试（最长间隔 1 小时）。"
            }
            if let ran, let job = listing.jobs.first(where: { $0.key == ran }) {
                notice("已启动“\(job.title)”，最近一次：\(job.lastRun.map { "\($0.outcome.label)。\($0.summary ?? $0.error ?? "")" } ?? "尚无记录")")
            }
            dataTable(headers: ["任务", "计划", "上次运行", "结果", "下次运行", "操作"], rows: listing.jobs.map { job in
                [Markup.group { el("strong") { job.title }; el("br"); el("code") { job.key } },
                 .text(job.schedule),
                 .text(job.lastRun.map { TableDateFormat.format($0.startedAt, withTime: true) + "（\($0.node)）" } ?? "尚未运行"),
                 Markup.group {
                     if let last = job.lastRun {
                         badge(last.outcome.label, tone: last.outcome.tone)
                         if job.failuresInARow > 0 { el("span") { " 连续失败 \(job.failuresInARow) 次" } }
                         el("br")
                         el("span", .class("hint")) { last.summary ?? last.error ?? "" }
                     }
                 },
                 .text(job.lastRun == nil ? "启动后即运行" : TableDateFormat.format(job.nextDueAt, withTime: true)),
                 el("form", Attribute("method", "post"), Attribute("action", "\(path)/\(job.key)/run"), .class("inline")) {
                     csrfField(current.session.csrfToken)
                     el("button", .type("submit")) { "立即运行" }
                 }]
            })
            el("h2") { "未能发出的邮件和短信" }
            el("p", .class("hint")) { "重试 \(Outbox.maxAttempts) 次仍未发出的共 \(listing.outboxFailed) 条（最近 20 条如下）；请检查邮件中继或短信服务的配置与状态。" }
            dataTable(headers: ["方式", "收件人", "标题", "尝试次数", "放弃时间", "最近错误"], rows: listing.latestFailedMessages.map { message in
                [.text(message.channel == "mail" ? "电子邮件" : "短信"), .text(message.address), .text(message.subject), .text("\(message.attempts)"),
                 .text(message.failedAt.map { TableDateFormat.format($0, withTime: true) } ?? ""), .text(message.lastError ?? "")]
            }, empty: "没有未能发出的消息")
            el("h2") { "最近运行记录" }
            dataTable(caption: "最近 \(recentLimit) 次以内", headers: ["任务", "节点", "开始", "结束", "结果", "说明"],
                      rows: listing.recentRuns.map { run in
                [.text(run.job), .text(run.node), .text(TableDateFormat.format(run.startedAt, withTime: true)),
                 .text(run.finishedAt.map { TableDateFormat.format($0, withTime: true) } ?? ""),
                 badge(run.outcome.label, tone: run.outcome.tone),
                 .text(run.summary ?? run.error ?? "")]
            }, empty: "尚无运行记录")
        }
    }

    /// Runs the job now, whether due or not, unless it is already running somewhere (then says so).
    static func runNow(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        try current.scope.requireSystemAdmin()
        guard let key = req.parameters.get("job"), let job = req.modules.jobs.first(where: { $0.key == key }) else {
            throw Abort(.notFound, reason: "没有这个后台任务")
        }
        guard !req.application.jobClaims.isClaimed(key) else {
            throw Abort(.conflict, reason: "“\(job.title)”正在运行，请稍后再试")
        }
        try await AuditLog.record(on: req.db, actor: current.actor, action: "job:run", entityType: "job", entityID: key,
                                  before: nil, after: nil)
        // In the background: a long pass (the case clock over a large caseload) must not hold the request past the
        // proxy's timeout. The page shows the run as 运行中 until it ends.
        let app = req.application
        Task {
            do { try await JobRunner.runIfDue(job, app: app, force: true) } catch {
                app.logger.error("job \(key) run by hand: \(String(reflecting: error))")
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        return req.redirect(to: "\(path)?ran=\(key)")
    }

}
