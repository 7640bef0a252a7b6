import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Reminders: the daily digest, escalation, the outbox, the inbox")
struct ReminderTests {
    /// A running binding deadline of an open case with a handler, from the demo bureau: the latest one.
    struct Due {
        let caseNumber: String
        let handler: User
        let orgID: UUID
        let dueOn: CivilDate
    }

    /// A reconsideration case received yesterday (its acceptance review running: 5 working days, 行政复议法第三十条),
    /// assigned by the office head to `fuyi`; returns its latest running binding deadline.
    static func latestDeadline(_ app: Application) async throws -> Due {
        let fuyi = try await TestClient.api(app, "fuyi")
        let received = ChinaTime.today.adding(days: -1)
        let registered = try await fuyi.register(try await registration(app, receivedOn: received.description,
                                                                         knewOn: received.adding(days: -10).description))
        let officer = try #require(try await User.query(on: app.db).filter(\.$username == "fuyi").first())
        let head = try await TestClient.api(app, "fuyizhuren")
        try await head.send(.POST, "/api/v1/reconsideration/cases/\(registered.id)/assign",
                            json: JSONBody(["handlerID": .string(officer.id!.uuidString), "version": .int(registered.version)])) { res in
            #expect(res.status == .ok, "\(res.text)")
        }
        let row = try #require(try await app.db.sql.raw("""
            SELECT c.case_number AS case_number, c.handler_id AS handler, d.org_id AS org, d.due_on AS due_on \
            FROM case_deadlines d JOIN cases c ON c.id = d.case_id \
            WHERE d.completed_on IS NULL AND d.paused = \(bind: false) AND d.kind = 'binding' AND c.is_open = \(bind: true) \
            AND c.handler_id IS NOT NULL ORDER BY d.due_on DESC LIMIT 1
            """).first())
        let handler = try #require(try await User.find(try row.decode(column: "handler", as: UUID.self), on: app.db))
        return Due(caseNumber: try row.decode(column: "case_number", as: String.self), handler: handler,
                   orgID: try row.decode(column: "org", as: UUID.self),
                   dueOn: try #require(CivilDate(string: try row.decode(column: "due_on", as: String.self))))
    }

    /// 09:00 in China on `day`.
    static func morning(_ day: CivilDate) -> Date { day.startInChina.addingTimeInterval(9 * 3600) }

    @Test("A handler with a deadline due within three working days gets the digest once, in the inbox and by mail, even with two nodes",
          arguments: TestDatabase.all)
    func digestOnce(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let calendar = try await CalendarStore(db: app.db).calendar()
            let due = try await Self.latestDeadline(app)
            var today = due.dueOn
            while !calendar.isWorkingDay(today) { today = today.adding(days: -1) }
            let now = Self.morning(today)
            // The handler chooses e-mail as well as the inbox.
            let handler = try await TestClient.api(app, due.handler.username)
            try await handler.send(.PUT, "/api/v1/me/reminder-channels",
                                   json: ReminderPages.ChannelsInput(email: "chengban@hedong.gov.cn", byEmail: true)) { res in
                #expect(res.status == .ok)
            }
            let log = LogLines()
            try await withTwoNodes(app) { first, second in
                first.mail = LoggedMail()
                second.mail = LoggedMail()
                // Both nodes reach 08:00 at once: one posts, the other finds the job held or done.
                let ran = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for node in [first, second] {
                        group.addTask { try await JobRunner.runIfDue(DailyReminders.job, app: node, now: now) != nil }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(ran == 1)
                #expect(try await JobRunner.runIfDue(DailyReminders.job, app: second, now: now.addingTimeInterval(60)) == nil)
                // Run by hand again (an operator's retry): nothing is posted twice.
                #expect(try await DailyReminders.postDigests(on: second.db, modules: second.modules, today: today, calendar: calendar, now: now) == 0)

                let notices = try await InboxNotice.query(on: app.db).filter(\.$userID == due.handler.id!).filter(\.$kind == "digest").all()
                #expect(notices.count == 1)
                let notice = try #require(notices.first)
                #expect(notice.dedupeKey == "digest:\(due.handler.id!):\(today)")
                #expect(notice.title.contains("每日提醒（\(today.month)月\(today.day)日）"))
                // The handler has this one case: its deadline is listed with its basis and a link to the case.
                let listed = try #require(notice.lines.first { $0.text.contains(due.caseNumber) })
                #expect(listed.text.contains("行政复议法"))
                #expect(listed.href?.hasPrefix("/reconsideration/") == true)
                #expect(notice.lines.contains { $0.href?.hasSuffix("?queue=mine") == true })
                let mails = try await OutboxMessage.query(on: app.db).filter(\.$address == "chengban@hedong.gov.cn").all()
                #expect(mails.count == 1)
                #expect(mails.first?.subject == notice.title)

                // Both nodes deliver at once, each logging through its own logger: the mail is written once.
                first.logger = log.logger()
                second.logger = log.logger()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for node in [first, second] {
                        group.addTask { _ = try await JobRunner.runIfDue(Outbox.job, app: node, now: now.addingTimeInterval(60)) }
                    }
                    try await group.waitForAll()
                }
                _ = try await JobRunner.runIfDue(Outbox.job, app: second, now: now.addingTimeInterval(120))
                let logged = log.lines.filter { $0.contains("邮件（未配置邮件服务，仅记录日志）") && $0.contains("ch***@hedong.gov.cn") }
                #expect(logged.count == 1)
                #expect(logged.first?.contains(notice.title) == true)
                #expect(logged.first?.contains("id=\(mails.first!.id!)") == true)
                // The address and the body (case titles) stay out of the log.
                #expect(!log.lines.joined().contains("chengban@hedong.gov.cn"))
                #expect(!log.lines.joined().contains(due.caseNumber))
                let sent = try #require(try await OutboxMessage.find(mails.first!.id, on: app.db))
                #expect(sent.sentAt != nil && sent.attempts == 1)
                #expect(try await Outbox.backlog(on: app.db) == 0)
            }
            // The handler reads it in the inbox, and marks it read.
            try await handler.get("/api/v1/me/inbox") { res in
                let body = try res.content.decode(ReminderPages.InboxBody.self)
                #expect(body.unread >= 1)
                #expect(body.notices.contains { $0.kind == "digest" })
            }
            try await handler.getPage("/account/inbox") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("每日提醒"))
            }
        }
    }

    @Test("A mail that fails is retried with backoff and given up after its attempts, kept for the admin", arguments: TestDatabase.all)
    func retries(_ database: TestDatabase) async throws {
        try await withTestApp(database, demo: false) { app in
            struct Down: MailSender {
                func send(_ mail: OutgoingMail, logger: Logger) async throws { throw Abort(.serviceUnavailable, reason: "邮件服务器不可用") }
            }
            app.mail = Down()
            try await Outbox.queue(.mail, to: "a@b.cn", subject: "主题", body: "正文", key: "test:1", on: app.db)
            var now = Date()
            for attempt in 1...Outbox.maxAttempts {
                let result = try await Outbox.deliver(app: app, now: now)
                #expect(result.failed == 1, "attempt \(attempt)")
                let message = try #require(try await OutboxMessage.query(on: app.db).first())
                #expect(message.attempts == attempt)
                #expect(message.lastError?.contains("邮件服务器不可用") == true)
                // Not again before its delay.
                #expect(try await Outbox.deliver(app: app, now: now.addingTimeInterval(30)).failed == 0)
                now = message.nextAttemptAt.addingTimeInterval(1)
            }
            let message = try #require(try await OutboxMessage.query(on: app.db).first())
            #expect(message.failedAt != nil)
            #expect(try await Outbox.deliver(app: app, now: now.addingTimeInterval(86_400)).failed == 0)
            #expect(try await Outbox.backlog(on: app.db) == 0)
        }
    }

    @Test("The office head set for an org, else its leaders, gets the escalation of its binding deadlines past due",
          arguments: TestDatabase.all)
    func escalation(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let due = try await Self.latestDeadline(app)
            let after = due.dueOn.adding(days: 3)
            // No head set: the leaders above the org.
            #expect(try await DailyReminders.postEscalations(on: app.db, modules: app.modules, today: after, now: Self.morning(after)) > 0)
            let escalations = try await InboxNotice.query(on: app.db).filter(\.$kind == "escalation").all()
            let about = escalations.filter { $0.body.contains(due.caseNumber) }
            #expect(!about.isEmpty)
            // Each went to a leader (局领导) of the case's org or an org above it.
            let leaders = Set(try await RoleGrant.query(on: app.db).filter(\.$role == .leader).all().map { $0.$user.id })
            #expect(about.allSatisfy { leaders.contains($0.userID) })
            let leader = try #require(try await User.find(about.first?.userID, on: app.db))
            // Run again: nothing new.
            #expect(try await DailyReminders.postEscalations(on: app.db, modules: app.modules, today: after, now: Self.morning(after)) == 0)
            // A head set for the org's bureau (the nearest org above with one) takes over the next day.
            let org = try #require(try await Org.find(due.orgID, on: app.db))
            try await Settings.set("reminders.officeHead.\(org.code)", to: "viewer", modules: app.modules, actor: .system, on: app.db)
            let nextDay = after.adding(days: 1)
            _ = try await DailyReminders.postEscalations(on: app.db, modules: app.modules, today: nextDay, now: Self.morning(nextDay))
            let viewer = try #require(try await User.query(on: app.db).filter(\.$username == "viewer").first())
            let toHead = try await InboxNotice.query(on: app.db).filter(\.$userID == viewer.id!).filter(\.$kind == "escalation").all()
            #expect(toHead.count == 1)
            #expect(toHead.first?.title.contains(org.name) == true)
            #expect(try await InboxNotice.query(on: app.db).filter(\.$userID == leader.id!)
                .filter(\.$dedupeKey == "escalation:\(leader.id!):\(nextDay)").count() == 0)
            // A head must be an active account.
            await #expect(throws: Settings.Refused.self) {
                try await Settings.set("reminders.officeHead.\(org.code)", to: "no-such-user", modules: app.modules, actor: .system, on: app.db)
            }
        }
    }

    @Test("Channels: each address checked under its field; a user reads and marks only their own notices", arguments: TestDatabase.all)
    func channelsAndInbox(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let fuyi = try await TestClient.api(app, "fuyi")
            try await fuyi.send(.PUT, "/api/v1/me/reminder-channels", json: ReminderPages.ChannelsInput(email: "不是邮箱", byEmail: true)) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("email") && res.body.string.contains("电子邮箱格式不正确"))
            }
            try await fuyi.send(.PUT, "/api/v1/me/reminder-channels", json: ReminderPages.ChannelsInput(bySMS: true)) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("phone") && res.body.string.contains("须填写手机号码"))
            }
            #expect(try await ReminderChannels.query(on: app.db).count() == 0)
            try await fuyi.send(.PUT, "/api/v1/me/reminder-channels", json: ReminderPages.ChannelsInput(phone: "13812345678", bySMS: true)) { res in
                #expect(res.status == .ok)
            }
            try await fuyi.get("/api/v1/me/reminder-channels") { res in
                let body = try res.content.decode(ReminderPages.ChannelsBody.self)
                #expect(body.phone == "13812345678" && body.bySMS && !body.byEmail)
            }
            try await fuyi.postForm("/account/reminders", ["email": "x@", "byEmail": "on"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("电子邮箱格式不正确"))
            }
            // A notice to fuyi queues a text message (its channel), and only fuyi may mark it read.
            let fuyiUser = try #require(try await User.query(on: app.db).filter(\.$username == "fuyi").first())
            try await Notices.post(Notice(kind: "digest", dedupeKey: "test:fuyi", title: "测试提醒", lines: [NoticeLine(text: "一行", href: nil)]),
                                   to: fuyiUser.id!, on: app.db)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$channel == .sms).filter(\.$address == "13812345678").count() == 1)
            let notice = try #require(try await InboxNotice.query(on: app.db).filter(\.$dedupeKey == "test:fuyi").first())
            let other = try await TestClient.api(app, "yingsu")
            try await other.send(.POST, "/api/v1/me/inbox/\(notice.id!)/read", json: [String: String]()) { res in
                #expect(res.status == .notFound)
            }
            try await other.get("/api/v1/me/inbox") { res in
                #expect(!res.body.string.contains("测试提醒"))
            }
            #expect(try await InboxNotice.find(notice.id, on: app.db)?.readAt == nil)
            try await fuyi.send(.POST, "/api/v1/me/inbox/\(notice.id!)/read", json: [String: String]()) { res in
                #expect(res.status == .ok)
            }
            #expect(try await InboxNotice.find(notice.id, on: app.db)?.readAt != nil)
        }
    }

    @Test("A mail through a real SMTP server arrives with its subject and body")
    func smtp() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let received = directory.appendingPathComponent("received.eml")
        let portFile = directory.appendingPathComponent("port")
        // Python's own SMTP server (smtpd, in the standard library up to 3.11) on a free loopback port, until the test
        // ends it (10 minutes at most: with every suite running at once, the test may wait long for its turn).
        let script = """
            import asyncore, smtpd, socket, sys, warnings
            warnings.simplefilter("ignore")
            class Keep(smtpd.SMTPServer):
                def process_message(self, peer, mailfrom, rcpttos, data, **kw):
                    open(sys.argv[1], "wb").write(data if isinstance(data, bytes) else data.encode())
            s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
            server = Keep(("127.0.0.1", port), None, decode_data=False)
            # A server that takes the connection and never answers.
            silent = socket.socket(); silent.bind(("127.0.0.1", 0)); silent.listen(5)
            open(sys.argv[3], "w").write(str(silent.getsockname()[1]))
            open(sys.argv[2], "w").write(str(port))
            asyncore.loop(timeout=0.2, count=3000)
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let silentFile = directory.appendingPathComponent("silent")
        python.arguments = ["python3", "-c", script, received.path, portFile.path, silentFile.path]
        try python.run()
        defer { python.terminate() }
        var port: Int?
        for _ in 0..<300 where port == nil {
            try await Task.sleep(for: .milliseconds(100))
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let listening = try #require(port)
        let sender = try #require(SMTPMail(url: "smtp://127.0.0.1:\(listening)", from: "fazhi@hedong.gov.cn", eventLoopGroup: group))
        let mail = OutgoingMail(id: UUID(), to: "chengban@hedong.gov.cn", subject: "每日提醒（12月7日）", body: "已超期 1 项\n.以点开头的一行")
        try await sender.send(mail, logger: Logger(label: "test"))
        var data = Data()
        for _ in 0..<300 where data.isEmpty {
            data = (try? Data(contentsOf: received)) ?? Data()
            if data.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("Message-ID: <\(mail.id.uuidString.lowercased())@fazhi>"))
        #expect(text.contains("Subject: =?UTF-8?B?\(Data(mail.subject.utf8).base64EncodedString())?="))
        // The server hands the message over with its lines joined by LF: the body follows the first empty line.
        let encoded = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n").dropFirst().joined()
            .replacingOccurrences(of: "\n", with: "")
        let body = Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) }
        #expect(body == "已超期 1 项\r\n.以点开头的一行")
        let date = try #require(text.components(separatedBy: "\n").first { $0.hasPrefix("Date: ") })
        #expect(date.range(of: #"^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000\r?$"#,
                                options: .regularExpression) != nil, "\(date)")
        // A server that never answers: a failure within the timeout, not a hang.
        let silentPort = try #require((try? String(contentsOf: silentFile, encoding: .utf8)).flatMap { Int($0) })
        var hanging = try #require(SMTPMail(url: "smtp://127.0.0.1:\(silentPort)", from: "fazhi@hedong.gov.cn", eventLoopGroup: group))
        hanging.timeout = .seconds(1)
        let started = ContinuousClock.now
        await #expect(throws: (any Error).self) { try await hanging.send(mail, logger: Logger(label: "test")) }
        #expect(ContinuousClock.now - started < .seconds(20))
        // Nobody listening: a clear failure, not a hang.
        let closed = try #require(SMTPMail(url: "smtp://127.0.0.1:1", from: "fazhi@hedong.gov.cn", eventLoopGroup: group))
        await #expect(throws: (any Error).self) { try await closed.send(mail, logger: Logger(label: "test")) }
    }
}
