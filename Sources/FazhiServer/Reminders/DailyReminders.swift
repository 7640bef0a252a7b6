import FazhiCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Every working day at 08:00 (China time): to each handler a digest of their statutory deadlines — past due, due
/// within 3 working days — and of the cases they handle; to the head of each office with a binding deadline past due,
/// one escalation listing them office by office. Each notice is keyed by its recipient and day (`digest:<user>:<day>`,
/// `escalation:<head>:<day>`), so however often the job runs, on however many nodes, each is posted once.
enum DailyReminders {
    static let job = ScheduledJob(key: "reminders.daily", title: "每日到期提醒（承办人）与超期督办（科室负责人）",
                                  schedule: .daily(hour: 8, minute: 0)) { context in
        let calendar = try await CalendarStore(db: context.db).calendar()
        guard calendar.isWorkingDay(context.today) else { return "\(context.today.chinese)不是工作日，不发提醒" }
        let inbox = context.app.fazhi.publicURL.map { $0.trimmingSuffix("/") + ReminderPages.inboxPath }
        let digests = try await postDigests(on: context.db, modules: context.modules, today: context.today, calendar: calendar,
                                            now: context.now, inboxURL: inbox)
        let escalations = try await postEscalations(on: context.db, modules: context.modules, today: context.today, now: context.now,
                                                    inboxURL: inbox)
        return "新发每日提醒 \(digests) 份、超期督办 \(escalations) 份"
    }

    /// The deadline lists a notice shows at most; the queues hold the rest.
    static let itemsShown = 10
    /// "Due soon": within this many working days (the queues' 即将到期).
    static let dueSoonWorkingDays = 3

    struct DueItem {
        let caseID: UUID
        let line: String
        let caseNumber: String
        let caseTitle: String
        let deadline: String
        let basis: String
        let dueOn: CivilDate
        let handlerName: String?
    }

    /// Running deadlines of open cases due by `through`, the condition on them after `AND`.
    /// The lines are named so that both databases walk the running-deadline index (`line, completed_on, due_on`).
    private static func running(lines: [WorkLine], kinds: [DeadlineKind], through: CivilDate, withHandler: Bool = false) -> SQLQueryString {
        let handler: SQLQueryString = withHandler ? " LEFT JOIN users u ON u.id = c.handler_id" : ""
        return """
        FROM case_deadlines d JOIN cases c ON c.id = d.case_id\(handler) \
        WHERE d.line IN (\(binds: lines.map(\.rawValue))) AND d.completed_on IS NULL AND d.paused = \(bind: false) AND d.kind IN (\(binds: kinds.map(\.rawValue))) \
        AND d.due_on <= \(bind: through.description) AND c.is_open = \(bind: true)
        """
    }

    private static func items(_ condition: SQLQueryString, lines: [WorkLine], kinds: [DeadlineKind], through: CivilDate,
                              on db: Database) async throws -> [DueItem] {
        try await db.sql.raw("""
            SELECT c.id AS case_id, c.line AS line, c.case_number AS case_number, c.title AS case_title, d.title AS deadline, \
            d.basis AS basis, d.due_on AS due_on, u.display_name AS handler_name \
            \(running(lines: lines, kinds: kinds, through: through, withHandler: true)) AND \(condition) \
            ORDER BY d.due_on, c.case_number LIMIT \(literal: itemsShown)
            """).all().map { row in
            DueItem(caseID: try row.decode(column: "case_id", as: UUID.self), line: try row.decode(column: "line", as: String.self),
                    caseNumber: try row.decode(column: "case_number", as: String.self),
                    caseTitle: try row.decode(column: "case_title", as: String.self),
                    deadline: try row.decode(column: "deadline", as: String.self), basis: try row.decode(column: "basis", as: String.self),
                    dueOn: CivilDate(string: try row.decode(column: "due_on", as: String.self))!,
                    handlerName: try row.decode(column: "handler_name", as: String?.self))
        }
    }

    static func line(_ item: DueItem, today: CivilDate, bases: [String: String], withHandler: Bool = false) -> NoticeLine {
        let when = item.dueOn < today ? "已超期\(item.dueOn.days(to: today))天" : item.dueOn == today ? "今天届满" : "\(item.dueOn.month)月\(item.dueOn.day)日届满"
        let label = WorkLine(rawValue: item.line)?.label ?? item.line
        let handler = withHandler ? "（承办人：\(item.handlerName ?? "未分配")）" : ""
        return NoticeLine(text: "【\(when)】\(label) \(item.caseNumber) \(item.caseTitle)\(handler)：\(item.deadline)（\(item.basis)）",
                          href: bases[item.line].map { "\($0)/\(item.caseID)" })
    }

    /// Posts today's digest to every active handler with a deadline due or past, or a case open; returns how many
    /// were new.
    static func postDigests(on db: Database, modules: ModuleRegistry, today: CivilDate, calendar: WorkingCalendar, now: Date,
                            inboxURL: String? = nil) async throws -> Int {
        let lines = modules.caseLines.map(\.line)
        guard !lines.isEmpty else { return 0 }
        let cutoff = calendar.addingWorkingDays(dueSoonWorkingDays, to: today)
        let bases = Dictionary(uniqueKeysWithValues: modules.caseLines.map { ($0.line.rawValue, $0.base) })
        var due: [UUID: (overdue: Int, soon: Int)] = [:]
        for row in try await db.sql.raw("""
            SELECT c.handler_id AS who, COUNT(*) AS total, \
            CAST(COALESCE(SUM(CASE WHEN d.due_on < \(bind: today.description) THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue \
            \(running(lines: lines, kinds: [.binding, .target], through: cutoff)) AND c.handler_id IS NOT NULL GROUP BY c.handler_id
            """).all() {
            let overdue = try row.decode(column: "overdue", as: Int.self)
            due[try row.decode(column: "who", as: UUID.self)] = (overdue, try row.decode(column: "total", as: Int.self) - overdue)
        }
        var open: [UUID: [(line: String, count: Int)]] = [:]
        for row in try await db.sql.raw("""
            SELECT handler_id AS who, line, COUNT(*) AS total FROM cases WHERE is_open = \(bind: true) AND handler_id IS NOT NULL \
            GROUP BY handler_id, line ORDER BY line
            """).all() {
            open[try row.decode(column: "who", as: UUID.self), default: []].append((try row.decode(column: "line", as: String.self),
                                                                                   try row.decode(column: "total", as: Int.self)))
        }
        let active = try await User.query(on: db).filter(\.$active == true).filter(\.$id ~~ Array(Set(due.keys).union(open.keys))).all()
        var posted = 0
        for user in active {
            let id = user.id!
            let (overdue, soon) = due[id] ?? (0, 0)
            let mine = open[id] ?? []
            let openTotal = mine.reduce(0) { $0 + $1.count }
            var text = [NoticeLine(text: "已超期 \(overdue) 项，\(dueSoonWorkingDays)个工作日内（至\(cutoff.month)月\(cutoff.day)日）届满 \(soon) 项；您承办的在办案件 \(openTotal) 件。",
                                   href: nil)]
            if overdue + soon > 0 {
                let shown = try await items("c.handler_id = \(bind: id)", lines: lines, kinds: [.binding, .target], through: cutoff, on: db)
                text += shown.map { line($0, today: today, bases: bases) }
                if overdue + soon > shown.count {
                    text.append(NoticeLine(text: "另有 \(overdue + soon - shown.count) 项，见各条线的“已超期”“即将到期”队列。", href: nil))
                }
            }
            text += mine.map { entry in
                NoticeLine(text: "您承办的\(WorkLine(rawValue: entry.line)?.label ?? entry.line)在办案件 \(entry.count) 件",
                           href: bases[entry.line].map { "\($0)?queue=mine" })
            }
            if let inboxURL { text.append(NoticeLine(text: "详见：\(inboxURL)", href: nil)) }
            let notice = Notice(kind: "digest", dedupeKey: "digest:\(id):\(today)",
                                title: "每日提醒（\(today.month)月\(today.day)日）：已超期 \(overdue) 项，即将到期 \(soon) 项，在办 \(openTotal) 件",
                                lines: text)
            // By mail or text message only when something is due: the open cases alone stay in the inbox.
            if try await db.transaction({ tx in try await Notices.post(notice, to: id, on: tx, now: now, external: overdue + soon > 0) }) {
                posted += 1
            }
        }
        return posted
    }

    /// Posts today's escalation to each head of an org with a binding deadline past due — one notice per head, listing
    /// each of their orgs; returns how many were new.
    static func postEscalations(on db: Database, modules: ModuleRegistry, today: CivilDate, now: Date, inboxURL: String? = nil) async throws -> Int {
        let lines = modules.caseLines.map(\.line)
        guard !lines.isEmpty else { return 0 }
        let yesterday = today.adding(days: -1)
        let bases = Dictionary(uniqueKeysWithValues: modules.caseLines.map { ($0.line.rawValue, $0.base) })
        var counts: [(org: UUID, count: Int)] = []
        for row in try await db.sql.raw("""
            SELECT d.org_id AS org, COUNT(*) AS total \(running(lines: lines, kinds: [.binding], through: yesterday)) GROUP BY d.org_id
            """).all() {
            counts.append((try row.decode(column: "org", as: UUID.self), try row.decode(column: "total", as: Int.self)))
        }
        guard !counts.isEmpty else { return 0 }
        let orgs = Dictionary(uniqueKeysWithValues: try await Org.query(on: db).all().map { ($0.id!, $0) })
        var byHead: [UUID: [(org: Org, count: Int, lines: [NoticeLine])]] = [:]
        for (orgID, count) in counts.sorted(by: { ($0.count, $0.org.uuidString) > ($1.count, $1.org.uuidString) }) {
            guard let org = orgs[orgID] else { continue }
            let heads = try await officeHeads(of: org, orgs: orgs, on: db)
            guard !heads.isEmpty else { continue }
            let shown = try await items("d.org_id = \(bind: orgID)", lines: lines, kinds: [.binding], through: yesterday, on: db)
            var text = [NoticeLine(text: "\(org.name)：\(count) 项法定期限已届满而未办结，请督促承办人办理或依法中止、延长。", href: nil)]
            text += shown.map { line($0, today: today, bases: bases, withHandler: true) }
            if count > shown.count { text.append(NoticeLine(text: "另有 \(count - shown.count) 项，见各条线的“已超期”队列。", href: nil)) }
            for head in heads { byHead[head, default: []].append((org, count, text)) }
        }
        var posted = 0
        for (head, entries) in byHead.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            let total = entries.reduce(0) { $0 + $1.count }
            let names = entries.map(\.org.name)
            let title = "超期督办（\(today.month)月\(today.day)日）：\(names.count == 1 ? names[0] : "\(names[0])等\(names.count)个机构")有 \(total) 项法定期限已超期"
            var text = entries.flatMap(\.lines)
            if let inboxURL { text.append(NoticeLine(text: "详见：\(inboxURL)", href: nil)) }
            let notice = Notice(kind: "escalation", dedupeKey: "escalation:\(head):\(today)", title: title, lines: text)
            if try await db.transaction({ tx in try await Notices.post(notice, to: head, on: tx, now: now) }) { posted += 1 }
        }
        return posted
    }

    /// Who is told when `org`'s deadlines run out: the office head set for it (`reminders.officeHead.<code>`), else the
    /// one set for the nearest org above it, else the leaders (局领导) at the nearest level that has any.
    static func officeHeads(of org: Org, orgs: [UUID: Org], on db: Database) async throws -> [UUID] {
        let chain = org.path.split(separator: "/").compactMap { UUID(uuidString: String($0)) }.reversed().compactMap { orgs[$0] }
        for level in chain {
            if let username = try await Setting.value("reminders.officeHead.\(level.code)", on: db),
               let user = try await User.query(on: db).filter(\.$username == username).filter(\.$active == true).first() {
                return [user.id!]
            }
        }
        for level in chain {
            let leaders = try await RoleGrant.query(on: db).filter(\.$role == .leader).filter(\.$org.$id == level.id!)
                .join(User.self, on: \RoleGrant.$user.$id == \User.$id).filter(User.self, \.$active == true).all()
            if !leaders.isEmpty { return Array(Set(leaders.map { $0.$user.id })).sorted { $0.uuidString < $1.uuidString } }
        }
        return []
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
