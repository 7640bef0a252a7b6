import FazhiCore
import Foundation
import Vapor

/// An e-mail the outbox hands over; `id` is the outbox message's, sent as its `Message-ID` so a repeat can be dropped.
struct OutgoingMail: Sendable, Equatable {
    let id: UUID
    let to: String
    let subject: String
    let body: String
}

/// Sends reminders by e-mail. The provider is configuration (`FAZHI_SMTP_URL`), never a code change; without one the
/// mail goes to the server's log.
protocol MailSender: Sendable {
    func send(_ mail: OutgoingMail, logger: Logger) async throws
}

/// The default: each mail written to the log at `notice` level, for a trial or a development machine — its id, the
/// recipient masked, its subject (counts, no names) and its length; the body (case titles) stays out of the log.
struct LoggedMail: MailSender {
    func send(_ mail: OutgoingMail, logger: Logger) async throws {
        logger.notice("邮件（未配置邮件服务，仅记录日志） id=\(mail.id) to=\(Masking.email(mail.to)) subject=\(mail.subject) body=\(mail.body.count)字")
    }
}

private struct MailSenderKey: StorageKey {
    typealias Value = any MailSender
}

extension Application {
    /// The sender the configuration names; a test may set one that records what it was given.
    var mail: any MailSender {
        get {
            if let sender = storage[MailSenderKey.self] { return sender }
            // `configure` refused to start with an address SMTPMail cannot use.
            if let url = fazhi.smtpURL, let smtp = SMTPMail(url: url, from: fazhi.mailFrom, eventLoopGroup: eventLoopGroup) { return smtp }
            return LoggedMail()
        }
        set { storage[MailSenderKey.self] = newValue }
    }
}
