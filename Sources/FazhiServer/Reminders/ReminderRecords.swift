import Fluent
import Foundation
import SQLKit
import Vapor

/// A notice in a user's inbox (消息提醒): a daily digest, an escalation. `dedupeKey` is unique, so a notice is posted
/// once however often the job that posts it runs, on however many nodes.
final class InboxNotice: Model, @unchecked Sendable {
    static let schema = "inbox_notices"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "title") var title: String
    /// The notice as plain text, as mail and text messages carry it.
    @Field(key: "body") var body: String
    /// Its lines with the page each one links to (JSON of `[NoticeLine]`), for the inbox page.
    @Field(key: "lines") var linesJSON: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    var lines: [NoticeLine] { (try? JSONDecoder().decode([NoticeLine].self, from: Data(linesJSON.utf8))) ?? [] }
}

/// How a user wants reminders beyond the inbox: by e-mail, by text message, to which address.
final class ReminderChannels: Model, @unchecked Sendable {
    static let schema = "reminder_channels"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @Field(key: "by_email") var byEmail: Bool
    @Field(key: "by_sms") var bySMS: Bool
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// A message to send (an e-mail or a text message), written in the transaction that caused it and sent afterwards by
/// the outbox job with retries: a crash before the commit leaves nothing to send, one after it leaves the message
/// waiting here. `dedupeKey` is unique; the delivery marks it sent once the provider accepted it.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    enum Channel: String, Codable, Sendable {
        case mail
        case sms

        var label: String { self == .mail ? "电子邮件" : "短信" }
    }

    @ID(key: .id) var id: UUID?
    @Enum(key: "channel") var channel: Channel
    @Field(key: "address") var address: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// Set when the retries are used up (`Outbox.maxAttempts`): the admin sees it among the failures.
    @OptionalField(key: "failed_at") var failedAt: Date?
    @OptionalField(key: "last_error") var lastError: String?

    init() {}
}

/// One line of a notice, with the page it points to.
struct NoticeLine: Codable, Sendable, Equatable {
    let text: String
    let href: String?
}

/// 2026-12-05: the inbox, each user's channels and the outbox (issue 18).
struct CreateReminderTables: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(InboxNotice.schema)
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("kind", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("lines", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .unique(on: "dedupe_key")
            .create()
        try await db.schema(ReminderChannels.schema)
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("email", .string)
            .field("phone", .string)
            .field("by_email", .bool, .required)
            .field("by_sms", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
        try await db.schema(OutboxMessage.schema)
            .id()
            .field("channel", .string, .required)
            .field("address", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("created_at", .datetime, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("sent_at", .datetime)
            .field("failed_at", .datetime)
            .field("last_error", .string)
            .unique(on: "dedupe_key")
            .create()
        guard let sql = db as? SQLDatabase else { return }
        try await sql.create(index: "inbox_notices_user_idx").on(InboxNotice.schema).column("user_id").column("created_at").run()
        try await sql.create(index: "outbox_messages_pending_idx").on(OutboxMessage.schema).column("sent_at").column("next_attempt_at").run()
    }

    func revert(on db: Database) async throws {
        for schema in [OutboxMessage.schema, ReminderChannels.schema, InboxNotice.schema] { try await db.schema(schema).delete() }
    }
}
