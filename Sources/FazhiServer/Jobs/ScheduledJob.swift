import FazhiCore
import Fluent
import Foundation
import Vapor

/// Work the system does by itself on a schedule: the case clock, the daily reminders, the delivery of the outbox.
/// A module declares its jobs (`Module.jobs`); `JobRunner` runs each one when it is due, on one node at a time, and
/// records every run (`job_runs`, the admin's `/admin/jobs`). A job must be safe to run twice: a second run finds
/// the work done (a deemed acceptance already recorded, a digest already posted) and does nothing.
struct ScheduledJob: Sendable {
    enum Schedule: Sendable, Equatable {
        /// Again this many seconds after the last run started.
        case every(seconds: Int)
        /// Once a day (China time), at the first check from `hour`:`minute` on.
        case daily(hour: Int, minute: Int)

        var label: String {
            switch self {
            case .every(let seconds) where seconds % 3600 == 0: "每\(seconds / 3600)小时"
            case .every(let seconds) where seconds % 60 == 0: "每\(seconds / 60)分钟"
            case .every(let seconds): "每\(seconds)秒"
            case .daily(let hour, let minute): String(format: "每天 %02d:%02d", hour, minute)
            }
        }
    }

    /// e.g. `case_clock`, `reminders.daily`.
    let key: String
    /// What it does, in Chinese, for the admin's page.
    let title: String
    let schedule: Schedule
    /// One run; returns what it did, in a sentence kept with the run.
    let run: @Sendable (JobContext) async throws -> String
}

/// What a run is given: the app (its database, senders and modules) and the moment it runs for.
struct JobContext: Sendable {
    let app: Application
    let now: Date
    let logger: Logger

    var db: Database { app.db }
    var modules: ModuleRegistry { app.modules }
    /// The bureau's day at `now` (China time).
    var today: CivilDate { ChinaTime.day(of: now) }
}

/// When a job is next due, from its last run.
struct JobDue {
    /// A failed run is tried again after 1, 2, 4 … minutes, at most an hour (and never later than the schedule's next
    /// regular run would come).
    static func backoff(attempt: Int) -> TimeInterval {
        min(3600, 60 * pow(2, Double(max(0, min(attempt, 12) - 1))))
    }

    /// A daily job runs within this long of its time (08:00–12:00 for the reminders): a server started, or a failure
    /// retried, later in the day waits for the next day's time, so nothing is posted in the night.
    static let dailyWindow: TimeInterval = 4 * 3600

    /// When `schedule` is next due, seen at `now`, after `last` (nil: never run).
    static func next(_ schedule: ScheduledJob.Schedule, after last: JobRun?, now: Date) -> Date {
        switch schedule {
        case .every(let seconds):
            guard let last else { return .distantPast }
            let regular = last.startedAt.addingTimeInterval(TimeInterval(seconds))
            guard last.outcome.isFailure, let finished = last.finishedAt else { return regular }
            return min(regular, finished.addingTimeInterval(backoff(attempt: last.attempt)))
        case .daily(let hour, let minute):
            let offset = TimeInterval(hour * 3600 + minute * 60)
            let today = ChinaTime.day(of: now)
            let todays = today.startInChina.addingTimeInterval(offset)
            let tomorrows = today.adding(days: 1).startInChina.addingTimeInterval(offset)
            let windowEnd = todays.addingTimeInterval(dailyWindow)
            if let last, last.startedAt >= todays {
                guard last.outcome.isFailure else { return tomorrows }
                let retry = (last.finishedAt ?? last.startedAt).addingTimeInterval(backoff(attempt: last.attempt))
                return retry < windowEnd ? retry : tomorrows
            }
            return now < windowEnd ? todays : tomorrows
        }
    }
}
