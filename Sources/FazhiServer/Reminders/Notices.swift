import Fluent
import Foundation
import SQLKit
import Vapor

/// A notice to post to a user: what it says and the key that makes it once-only (`digest:<user>:<day>`).
struct Notice: Sendable {
    let kind: String
    let dedupeKey: String
    let title: String
    let lines: [NoticeLine]

    /// The notice as mail and text messages carry it.
    var body: String { lines.map(\.text).joined(separator: "\n") }
}

enum Notices {
    /// Posts `notice` to `user`'s inbox and, when `external`, queues it in the outbox on the channels the user chose,
    /// all on `db` (the caller's transaction). A notice whose key was posted before is not posted again, nor queued;
    /// returns whether it was posted.
    @discardableResult
    static func post(_ notice: Notice, to user: UUID, on db: Database, now: Date = Date(), external: Bool = true) async throws -> Bool {
        let lines = String(decoding: try JSONEncoder().encode(notice.lines), as: UTF8.self)
        let posted = try await db.sql.raw("""
            INSERT INTO inbox_notices (id, user_id, kind, dedupe_key, title, body, lines, created_at) \
            VALUES (\(bind: UUID()), \(bind: user), \(bind: notice.kind), \(bind: notice.dedupeKey), \(bind: notice.title), \
            \(bind: notice.body), \(bind: lines), \(bind: now)) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
            """).all()
        guard !posted.isEmpty else { return false }
        guard external, let channels = try await ReminderChannels.query(on: db).filter(\.$userID == user).first() else { return true }
        if channels.byEmail, let email = channels.email {
            try await Outbox.queue(.mail, to: email, subject: notice.title, body: notice.body + "\n\n（法治工作平台自动发送，请勿回复）",
                                   key: notice.dedupeKey + ":mail", on: db, now: now)
        }
        if channels.bySMS, let phone = channels.phone {
            try await Outbox.queue(.sms, to: phone, subject: notice.title, body: "【法治工作平台】" + notice.title + "，详见系统消息提醒。",
                                   key: notice.dedupeKey + ":sms", on: db, now: now)
        }
        return true
    }

    /// Unread notices of `user`.
    static func unreadCount(of user: UUID, on db: Database) async throws -> Int {
        try await InboxNotice.query(on: db).filter(\.$userID == user).filter(\.$readAt == nil).count()
    }
}
