import Fluent
import Foundation
import SQLKit
import Vapor

/// The messages waiting to be sent and their delivery (the `reminders.outbox` job): each pending message is claimed
/// (a conditional update that moves its next attempt `lease` ahead, so no other deliverer takes it meanwhile), handed
/// to its channel's sender, marked sent once the provider accepted it, and otherwise tried again after 1, 2, 4 …
/// minutes (at most 6 hours) until `maxAttempts`, then kept as failed (`fazhi_outbox_failed`, and on `/admin/jobs`).
/// A channel that fails three times in a row is left for the next run. A node that stops between the provider's
/// acceptance and the mark can send that one message twice, so an e-mail carries the message's id as its `Message-ID`
/// for the receiving side to drop the repeat.
enum Outbox {
    static let maxAttempts = 8
    /// Messages handed over per run.
    static let batch = 100
    /// How long a claimed message is left to its deliverer before another may take it.
    static let lease: TimeInterval = 600
    /// Failures in a row after which a channel is left alone until the next run (a relay that is down or hangs).
    static let failuresBeforePause = 3

    static func queue(_ channel: OutboxMessage.Channel, to address: String, subject: String, body: String, key: String,
                      on db: Database, now: Date = Date()) async throws {
        try await db.sql.raw("""
            INSERT INTO outbox_messages (id, channel, address, subject, body, dedupe_key, created_at, next_attempt_at, attempts) \
            VALUES (\(bind: UUID()), \(bind: channel.rawValue), \(bind: address), \(bind: subject), \(bind: body), \(bind: key), \
            \(bind: now), \(bind: now), 0) ON CONFLICT (dedupe_key) DO NOTHING
            """).run()
    }

    static func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        min(6 * 3600, 60 * pow(2, Double(max(0, min(attempts, 20) - 1))))
    }

    /// Messages not yet sent and not given up.
    static func backlog(on db: Database) async throws -> Int {
        try await OutboxMessage.query(on: db).filter(\.$sentAt == nil).filter(\.$failedAt == nil).count()
    }

    /// Messages given up after `maxAttempts`, newest first.
    static func failed(limit: Int, on db: Database) async throws -> (count: Int, latest: [OutboxMessage]) {
        let query = OutboxMessage.query(on: db).filter(\.$failedAt != nil)
        return (try await query.count(),
                try await OutboxMessage.query(on: db).filter(\.$failedAt != nil).sort(\.$failedAt, .descending).limit(limit).all())
    }

    /// An empty summary when nothing was due (the run is not kept); a failure when every message tried failed.
    static let job = ScheduledJob(key: "reminders.outbox", title: "发送待发的邮件和短信（失败后退避重试）", schedule: .every(seconds: 30)) { context in
        let (sent, failed) = try await deliver(app: context.app, now: context.now)
        OperationalGauges.recordOutbox(backlog: try await backlog(on: context.db), failed: try await Outbox.failed(limit: 0, on: context.db).count)
        if sent + failed == 0 { return "" }
        if sent == 0 { throw JobFailure(message: "\(failed) 条均未发出（见各条的最近错误），将退避重试") }
        return "发出 \(sent) 条，未成功 \(failed) 条"
    }

    /// Hands the due messages to their senders; returns how many were sent and how many failed this time.
    static func deliver(app: Application, now: Date) async throws -> (sent: Int, failed: Int) {
        let due = try await OutboxMessage.query(on: app.db).filter(\.$sentAt == nil).filter(\.$failedAt == nil)
            .filter(\.$nextAttemptAt <= now).sort(\.$nextAttemptAt).limit(batch).all()
        var sent = 0, failed = 0
        var failuresInARow: [OutboxMessage.Channel: Int] = [:]
        for message in due where failuresInARow[message.channel, default: 0] < failuresBeforePause {
            // Claimed, or taken by another deliverer first.
            let claimed = try await app.db.sql.raw("""
                UPDATE outbox_messages SET next_attempt_at = \(bind: now.addingTimeInterval(lease)) \
                WHERE id = \(bind: message.id!) AND sent_at IS NULL AND next_attempt_at <= \(bind: now) RETURNING id
                """).all()
            guard !claimed.isEmpty else { continue }
            do {
                switch message.channel {
                case .mail:
                    try await app.mail.send(OutgoingMail(id: message.id!, to: message.address, subject: message.subject, body: message.body),
                                            logger: app.logger)
                case .sms:
                    try await app.textMessages.send(message.body, to: message.address, logger: app.logger)
                }
                message.sentAt = Date()
                message.attempts += 1
                message.lastError = nil
                failuresInARow[message.channel] = 0
                sent += 1
            } catch {
                message.attempts += 1
                message.lastError = String(String(describing: error).prefix(500))
                if message.attempts >= maxAttempts { message.failedAt = Date() }
                message.nextAttemptAt = Date().addingTimeInterval(retryDelay(afterAttempts: message.attempts))
                failuresInARow[message.channel, default: 0] += 1
                failed += 1
                app.logger.warning("outbox: \(message.channel.rawValue) message \(message.id!) failed (attempt \(message.attempts)): \(error)")
            }
            try await message.update(on: app.db)
        }
        return (sent, failed)
    }
}
