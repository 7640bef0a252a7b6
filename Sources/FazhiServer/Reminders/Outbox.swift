import Fluent
import Foundation
import SQLKit
import Vapor

/// The messages waiting to be sent and their delivery (the `reminders.outbox` job): each pending message is handed to
/// its channel's sender, marked sent once the provider accepted it, and otherwise tried again after 1, 2, 4 … minutes
/// (at most 6 hours) until `maxAttempts`, then kept as failed for the admin to see. One node delivers at a time (the
/// job's lock), so no message is handed over twice by two nodes; a node that stops between the provider's acceptance
/// and the mark can send that one message twice — the message's id goes with it (`Message-ID`, the SMS body's `id`)
/// so a provider can drop the repeat.
enum Outbox {
    static let maxAttempts = 8
    /// Messages handed over per run.
    static let batch = 100

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

    static let job = ScheduledJob(key: "reminders.outbox", title: "发送待发的邮件和短信（失败后退避重试）", schedule: .every(seconds: 30)) { context in
        let (sent, failed) = try await deliver(app: context.app, now: context.now)
        let backlog = try await backlog(on: context.db)
        OperationalGauges.recordOutboxBacklog(backlog)
        return "发出 \(sent) 条，未成功 \(failed) 条，待发 \(backlog) 条"
    }

    /// Hands the due messages to their senders; returns how many were sent and how many failed this time.
    static func deliver(app: Application, now: Date) async throws -> (sent: Int, failed: Int) {
        let due = try await OutboxMessage.query(on: app.db).filter(\.$sentAt == nil).filter(\.$failedAt == nil)
            .filter(\.$nextAttemptAt <= now).sort(\.$nextAttemptAt).limit(batch).all()
        var sent = 0, failed = 0
        for message in due {
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
                sent += 1
            } catch {
                message.attempts += 1
                message.lastError = String(String(describing: error).prefix(500))
                if message.attempts >= maxAttempts { message.failedAt = Date() }
                message.nextAttemptAt = Date().addingTimeInterval(retryDelay(afterAttempts: message.attempts))
                failed += 1
                app.logger.warning("outbox: \(message.channel.rawValue) message \(message.id!) failed (attempt \(message.attempts)): \(error)")
            }
            try await message.update(on: app.db)
        }
        return (sent, failed)
    }
}
