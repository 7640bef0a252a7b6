import Foundation
import NIOCore
import NIOPosix
import Vapor

/// E-mail through an SMTP relay (RFC 5321) on the bureau's network: `smtp://[user:password@]host[:port]` (port 25 by
/// default). EHLO, AUTH PLAIN when the address names a user, MAIL FROM, RCPT TO, DATA, QUIT, each reply checked; the
/// message is UTF-8 text, Base64-encoded, its subject RFC 2047-encoded, its `Message-ID` the outbox message's id.
/// Plain TCP only: a relay that requires TLS is reached through a local relay (e.g. Postfix) that adds it.
struct SMTPMail: MailSender {
    let host: String
    let port: Int
    let user: String?
    let password: String?
    let from: String
    let eventLoopGroup: any EventLoopGroup
    /// The whole exchange, connection included, within this long.
    var timeout: Duration = .seconds(30)

    init?(url: String, from: String, eventLoopGroup: any EventLoopGroup) {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "smtp",
              let host = components.host, !host.isEmpty else { return nil }
        self.host = host
        self.port = components.port ?? 25
        self.user = components.user.flatMap { $0.removingPercentEncoding }
        self.password = components.password.flatMap { $0.removingPercentEncoding }
        self.from = from
        self.eventLoopGroup = eventLoopGroup
    }

    struct Refused: Error, CustomStringConvertible {
        let step: String
        let reply: String
        var description: String { "SMTP \(step): \(reply)" }
    }

    func send(_ mail: OutgoingMail, logger: Logger) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await exchange(mail) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Refused(step: "timeout", reply: "no answer within \(timeout)")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func exchange(_ mail: OutgoingMail) async throws {
        let channel = try await ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = Replies(inbound.makeAsyncIterator())
            func say(_ line: String, step: String, expect codes: Set<Int>) async throws {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                try await replies.expect(codes, step: step)
            }
            try await replies.expect([220], step: "greeting")
            try await say("EHLO fazhi", step: "EHLO", expect: [250])
            if let user {
                let credentials = Data(([0] + Array(user.utf8) + [0] + Array((password ?? "").utf8))).base64EncodedString()
                try await say("AUTH PLAIN " + credentials, step: "AUTH", expect: [235])
            }
            try await say("MAIL FROM:<\(from)>", step: "MAIL FROM", expect: [250])
            try await say("RCPT TO:<\(mail.to)>", step: "RCPT TO", expect: [250, 251])
            try await say("DATA", step: "DATA", expect: [354])
            try await outbound.write(ByteBuffer(string: message(mail) + "\r\n.\r\n"))
            try await replies.expect([250], step: "message")
            // Accepted: what follows cannot unsend it, so a failure to say goodbye is not the message's.
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }

    /// The message: headers, then the body in Base64 lines of 76 (so no line of it can start with a dot).
    func message(_ mail: OutgoingMail) -> String {
        let body = Data(mail.body.replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString()
        var lines = [
            "From: \(from)",
            "To: \(mail.to)",
            "Subject: =?UTF-8?B?\(Data(mail.subject.utf8).base64EncodedString())?=",
            "Date: \(Self.rfc5322(Date()))",
            "Message-ID: <\(mail.id.uuidString.lowercased())@fazhi>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        var rest = Substring(body)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(76)))
            rest = rest.dropFirst(76)
        }
        return lines.joined(separator: "\r\n")
    }

    /// `Sat, 05 Dec 2026 11:13:36 +0000` (RFC 5322, in UTC).
    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// The server's replies, a line at a time; a reply of several lines (`250-…`) ends at the line with a space after
    /// its code.
    struct Replies {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending = ""

        init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

        mutating func line() async throws -> String {
            while true {
                if let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending = String(pending[end.upperBound...])
                    return line
                }
                guard pending.utf8.count < 64 * 1024, var buffer = try await iterator.next() else {
                    throw Refused(step: "reply", reply: "connection closed")
                }
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
            }
        }

        mutating func expect(_ codes: Set<Int>, step: String) async throws {
            var line = try await line()
            while line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == "-" { line = try await self.line() }
            guard let code = Int(line.prefix(3)), codes.contains(code) else { throw Refused(step: step, reply: line) }
        }
    }
}
