import Vapor

/// Sends a text message (短信) to a mobile number: the one-time codes and the notices of the portal. The provider is
/// configuration (`FAZHI_SMS_URL`), never a code change; without one the message goes to the server's log.
protocol TextMessageSender: Sendable {
    func send(_ text: String, to phone: String, logger: Logger) async throws
}

/// The default: each message written to the log at `notice` level, for a trial or a development machine.
struct LoggedTextMessages: TextMessageSender {
    func send(_ text: String, to phone: String, logger: Logger) async throws {
        logger.notice("短信（未配置短信服务，仅记录日志） to=\(phone) text=\(text)")
    }
}

/// A provider's HTTP endpoint: `POST {"phone","text"}` as JSON with the configured bearer token, within 10 s; any
/// answer but 2xx is a failure the caller reports ("短信发送失败").
struct HTTPTextMessages: TextMessageSender {
    let url: String
    let token: String?
    let client: Client

    struct Body: Content {
        let phone: String
        let text: String
    }

    func send(_ text: String, to phone: String, logger: Logger) async throws {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        let response = try await client.post(URI(string: url), headers: headers) { request in
            try request.content.encode(Body(phone: phone, text: text), as: .json)
            request.timeout = .seconds(10)
        }
        guard (200..<300).contains(response.status.code) else {
            logger.error("SMS provider answered \(response.status.code) for a message to \(phone.prefix(3))****")
            throw TextMessageFailure()
        }
    }
}

/// The provider refused or did not answer: the resident may try again (503).
struct TextMessageFailure: AbortError {
    var status: HTTPResponseStatus { .serviceUnavailable }
    var reason: String { "短信发送失败，请稍后重试" }
}

private struct TextMessageSenderKey: StorageKey {
    typealias Value = any TextMessageSender
}

extension Application {
    /// The sender the configuration names; a test may set one that records what it was given.
    var textMessages: any TextMessageSender {
        get {
            if let sender = storage[TextMessageSenderKey.self] { return sender }
            if let url = fazhi.smsURL { return HTTPTextMessages(url: url, token: fazhi.smsToken, client: client) }
            return LoggedTextMessages()
        }
        set { storage[TextMessageSenderKey.self] = newValue }
    }
}
