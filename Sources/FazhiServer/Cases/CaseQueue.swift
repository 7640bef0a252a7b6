import Fluent
import FazhiCore
import FluentSQL
import Vapor

/// A work queue (待受理, 我的案件, 即将到期, 已超期, 中止, 已审结 …): a condition on one line's cases in scope.
/// A page of it is one SQL query over the columns a row shows, walking an index in the page's order
/// (`IndexCaseQueues`); its length is counted up to `countLimit`.
struct CaseQueue: Sendable {
    let key: String
    let title: String
    /// The condition on the `cases` row beyond the line and the scope (columns qualified with `cases.`); nil: none.
    let condition: @Sendable (Context) async throws -> SQLQueryString?

    struct Context: Sendable {
        let db: Database
        let userID: UUID
        let today: CivilDate
        let calendar: WorkingCalendar
        let line: WorkLine
        /// The orgs whose cases of the line the viewer may read.
        let orgIDs: [UUID]
        /// The bureau those orgs all belong to (the tenancy key the queue indexes start with, `IndexCasesByBureau`);
        /// nil when they span several (a city's leaders: their queues walk the line-first indexes, `IndexCaseQueues`)
        /// or the scope does not know it.
        let bureau: UUID?
        /// The request's stages (`Server-Timing`).
        let timing: RequestTiming

        /// `table.bureau_id = … AND ` for a scope within one bureau, else nothing.
        func tenancy(_ table: String) -> SQLQueryString {
            guard let bureau else { return "" }
            return "\(ident: table).\(ident: "bureau_id") = \(bind: bureau) AND "
        }

        init(db: Database, userID: UUID, today: CivilDate, calendar: WorkingCalendar, line: WorkLine, scope: Scope,
             timing: RequestTiming = RequestTiming()) {
            self.db = db
            self.userID = userID
            self.today = today
            self.calendar = calendar
            self.line = line
            self.orgIDs = Array(scope.readableOrgIDs(line))
            self.bureau = scope.readableBureau(line)
            self.timing = timing
        }
    }

    static func column(_ name: String) -> SQLQueryString { "\(ident: "cases").\(ident: name)" }

    static let all = CaseQueue(key: "all", title: "全部") { _ in nil }
    static let open = CaseQueue(key: "open", title: "在办") { _ in "\(column("is_open")) = \(bind: true)" }
    static let mine = CaseQueue(key: "mine", title: "我承办的") { context in
        "\(column("handler_id")) = \(bind: context.userID) AND \(column("is_open")) = \(bind: true)"
    }
    static let concluded = CaseQueue(key: "concluded", title: "已办结") { _ in "\(column("is_open")) = \(bind: false)" }

    /// Open cases with an open binding or target deadline due within 3 working days (DeadlineStatus.dueSoon).
    static let dueSoon = CaseQueue(key: "dueSoon", title: "即将到期") { context in
        let cutoff = context.calendar.addingWorkingDays(3, to: context.today)
        return try await openDeadline(context, from: context.today.description, through: cutoff.description)
    }

    /// Open cases with an open binding or target deadline already past.
    static let overdue = CaseQueue(key: "overdue", title: "已超期") { context in
        try await openDeadline(context, from: nil, through: context.today.adding(days: -1).description)
    }

    /// Below this many cases with a running deadline in the window, the queue reads their ids first and looks the cases
    /// up by id (a short list, then sorted); from it on, it walks the open cases in the page's order and looks each
    /// one's deadlines up by case (`EXISTS`), stopping once the page is full. Either way the work is bounded by what
    /// the page shows, not by the line. (Written so on purpose: without statistics, SQLite's planner scans the whole
    /// running-deadline index for each case, or every open case for a short list.)
    static let shortList = 2_000

    /// Open cases with a running binding or target deadline due within `from…through` (`from` nil: any day before).
    static func openDeadline(_ context: Context, from: String?, through: String) async throws -> SQLQueryString {
        var due: SQLQueryString = """
            \(ident: "case_deadlines").\(ident: "completed_on") IS NULL AND \(ident: "case_deadlines").\(ident: "due_on") <= \(bind: through)
            """
        if let from { due = due + " AND \(ident: "case_deadlines").\(ident: "due_on") >= \(bind: from)" as SQLQueryString }
        due = due + """
             AND \(ident: "case_deadlines").\(ident: "paused") = \(bind: false) \
            AND \(ident: "case_deadlines").\(ident: "kind") <> \(bind: DeadlineKind.minimum.rawValue)
            """
        let open: SQLQueryString = "\(column("is_open")) = \(bind: true)"
        let listed = try await context.db.sql.raw("""
            SELECT DISTINCT \(ident: "case_id") FROM \(ident: "case_deadlines") \
            WHERE \(context.tenancy("case_deadlines")) \(ident: "case_deadlines").\(ident: "line") = \(bind: context.line.rawValue) \
            AND \(due) AND \(ident: "case_deadlines").\(ident: "org_id") IN (\(binds: context.orgIDs)) LIMIT \(literal: shortList)
            """).all().map { try $0.decode(column: "case_id", as: UUID.self) }
        if listed.isEmpty { return "1 = 0" }
        if listed.count < shortList { return open + " AND \(column("id")) IN (\(binds: listed))" as SQLQueryString }
        return open + """
             AND EXISTS (SELECT 1 FROM \(ident: "case_deadlines") WHERE \(ident: "case_deadlines").\(ident: "case_id") = \(column("id")) \
            AND \(due))
            """
    }

    /// Cases in one of `states`.
    static func states(_ key: String, _ title: String, _ states: [String]) -> CaseQueue {
        CaseQueue(key: key, title: title) { _ in "\(column("state")) IN (\(binds: states))" }
    }
}

/// One row of a queue: the case, the next open deadline, days waiting since receipt.
struct CaseQueueRow: Content {
    let id: UUID
    let caseNumber: String
    let title: String
    let state: String
    let stateLabel: String
    let receivedOn: String
    let daysWaiting: Int
    let handlerName: String?
    let agencyName: String?
    let version: Int
    let nextDeadline: CaseDeadlineBody?
    /// Whether the case came in from the public portal (网上申请): the queues mark it.
    let viaPortal: Bool
}

struct CaseQueuePage: Content {
    let queue: String
    /// The queue's length, counted up to `CaseQueue.countLimit`: when `totalIsLowerBound`, there are more.
    let total: Int
    let totalIsLowerBound: Bool
    let page: Int
    /// Whether a page follows this one (known even when the total is only a lower bound).
    let hasNextPage: Bool
    let pageSize: Int
    let rows: [CaseQueueRow]
}

extension CaseQueue {
    static let pageSize = 50
    /// A queue's length is counted this far and no further ("1000 件以上"): counting a whole queue of 10⁵ cases on
    /// every page view costs more than the page itself.
    static let countLimit = 1_000

    /// The queue's cases (`cases.*`) as SQL: the line, the scope (its bureau first, when it has one) and the queue's
    /// `condition`.
    private static func filter(_ context: Context, condition: SQLQueryString?) -> SQLQueryString {
        var sql: SQLQueryString = "\(column("line")) = \(bind: context.line.rawValue) AND " + context.tenancy("cases")
            + "\(column("org_id")) IN (\(binds: context.orgIDs))" as SQLQueryString
        if let condition { sql = sql + " AND (\(condition))" as SQLQueryString }
        return sql
    }

    /// The queue's length up to `countLimit`; `atLeast` when it goes on.
    func count(_ context: Context) async throws -> (total: Int, atLeast: Bool) {
        try await count(context, condition: try await condition(context))
    }

    private func count(_ context: Context, condition: SQLQueryString?) async throws -> (total: Int, atLeast: Bool) {
        guard !context.orgIDs.isEmpty else { return (0, false) }
        let row = try await context.db.sql.raw(Self.countQuery(context, condition: condition)).first()
        let counted = try row?.decode(column: "n", as: Int.self) ?? 0
        return (min(counted, Self.countLimit), counted > Self.countLimit)
    }

    /// The query counting the queue's cases up to one past `countLimit`, as column `n`.
    static func countQuery(_ context: Context, condition: SQLQueryString?) -> SQLQueryString {
        """
        SELECT COUNT(*) AS \(ident: "n") FROM (SELECT 1 FROM \(ident: "cases") WHERE \(filter(context, condition: condition)) \
        LIMIT \(literal: countLimit + 1)) AS \(ident: "q")
        """
    }

    /// One page of the queue over the viewer's scope (`pageSize` rows; an export asks for all of them in one page),
    /// newest first unless `sort` says otherwise, each row with its next running deadline.
    func page(context: Context, paging: Paging, sort: String?) async throws -> CaseQueuePage {
        let shown = try await context.timing.measure("condition") { try await condition(context) }
        let (total, atLeast) = try await context.timing.measure("count") { try await count(context, condition: shown) }
        var rows = context.orgIDs.isEmpty ? [] : try await rows(context, condition: shown, paging: paging, sort: sort)
        let hasNextPage = rows.count > paging.size
        rows.removeLast(max(0, rows.count - paging.size))
        return CaseQueuePage(queue: key, total: total, totalIsLowerBound: atLeast, page: paging.page, hasNextPage: hasNextPage,
                             pageSize: paging.size, rows: rows)
    }

    /// The columns of a case a row shows, with its handler's and agency's names joined (named in the query as here:
    /// converting snake_case keys per row cost more than the query).
    private struct Listed: Decodable {
        let id: UUID
        let caseNumber: String
        let title: String
        let state: String
        let stateLabel: String
        let receivedOn: String
        let isOpen: Bool
        let version: Int
        let handlerName: String?
        let agencyName: String?
        let viaPortal: Bool
    }

    /// The page's rows and the first row of the next page, if any (so the pager knows whether to offer one).
    private func rows(_ context: Context, condition: SQLQueryString?, paging: Paging, sort: String?) async throws -> [CaseQueueRow] {
        let order: SQLQueryString = switch sort {
        case "receivedOn": "\(Self.column("received_on")) ASC, \(Self.column("seq")) ASC"
        case "caseNumber": "\(Self.column("year")) DESC, \(Self.column("seq")) DESC"
        default: "\(Self.column("received_on")) DESC, \(Self.column("seq")) DESC"
        }
        let listed = try await context.timing.measure("rows") { try await context.db.sql.raw("""
            SELECT \(Self.column("id")) AS \(ident: "id"), \(Self.column("case_number")) AS \(ident: "caseNumber"), \
            \(Self.column("title")) AS \(ident: "title"), \(Self.column("state")) AS \(ident: "state"), \
            \(Self.column("state_label")) AS \(ident: "stateLabel"), \(Self.column("received_on")) AS \(ident: "receivedOn"), \
            \(Self.column("is_open")) AS \(ident: "isOpen"), \(Self.column("version")) AS \(ident: "version"), \
            \(ident: "handler").\(ident: "display_name") AS \(ident: "handlerName"), \
            \(ident: "agency").\(ident: "name") AS \(ident: "agencyName"), \
            EXISTS (SELECT 1 FROM \(ident: PortalApplicationRecord.schema) AS \(ident: "portal") \
            WHERE \(ident: "portal").\(ident: "case_id") = \(Self.column("id"))) AS \(ident: "viaPortal") \
            FROM \(ident: "cases") \
            LEFT JOIN \(ident: User.schema) AS \(ident: "handler") ON \(ident: "handler").\(ident: "id") = \(Self.column("handler_id")) \
            LEFT JOIN \(ident: Org.schema) AS \(ident: "agency") ON \(ident: "agency").\(ident: "id") = \(Self.column("agency_id")) \
            WHERE \(Self.filter(context, condition: condition)) ORDER BY \(order) \
            LIMIT \(literal: paging.size + 1) OFFSET \(literal: paging.offset)
            """).all(decoding: Listed.self) }
        let next = try await context.timing.measure("deadlines") { try await Self.nextDeadlines(of: listed.map(\.id), on: context.db) }
        return listed.map { row in
            let received = CivilDate(string: row.receivedOn) ?? context.today
            return CaseQueueRow(id: row.id, caseNumber: row.caseNumber, title: row.title, state: row.state,
                                stateLabel: row.stateLabel, receivedOn: row.receivedOn,
                                daysWaiting: row.isOpen ? received.days(to: context.today) : 0,
                                handlerName: row.handlerName, agencyName: row.agencyName, version: row.version,
                                nextDeadline: next[row.id].map { CaseDeadlineBody($0, today: context.today, calendar: context.calendar) },
                                viaPortal: row.viaPortal)
        }
    }

    /// The columns of a deadline a row shows: the explanation (the longest column) stays on the case page.
    private struct Running: Decodable {
        let caseId: UUID
        let ruleKey: String
        let title: String
        let basis: String
        let kind: String
        let startOn: String
        let dueOn: String
        let provisional: Bool
        let paused: Bool
    }

    /// Each case's first running deadline (by due date), read in slices: an export puts a whole queue on one page, and
    /// PostgreSQL takes at most 65,535 bound values.
    static func nextDeadlines(of ids: [UUID], on db: Database) async throws -> [UUID: CaseDeadline] {
        var next: [UUID: CaseDeadline] = [:]
        for start in stride(from: 0, to: ids.count, by: 10_000) {
            let slice = Array(ids[start..<min(ids.count, start + 10_000)])
            let running = try await db.sql.raw("""
                SELECT \(ident: "case_id") AS \(ident: "caseId"), \(ident: "rule_key") AS \(ident: "ruleKey"), \(ident: "title"), \
                \(ident: "basis"), \(ident: "kind"), \(ident: "start_on") AS \(ident: "startOn"), \(ident: "due_on") AS \(ident: "dueOn"), \
                \(ident: "provisional"), \(ident: "paused") \
                FROM \(ident: "case_deadlines") WHERE \(ident: "case_id") IN (\(binds: slice)) AND \(ident: "completed_on") IS NULL \
                ORDER BY \(ident: "due_on")
                """).all(decoding: Running.self)
            for row in running where next[row.caseId] == nil {
                guard let kind = DeadlineKind(rawValue: row.kind), let start = CivilDate(string: row.startOn),
                      let due = CivilDate(string: row.dueOn) else { continue }
                next[row.caseId] = CaseDeadline(ruleKey: row.ruleKey, title: row.title, basis: row.basis, kind: kind,
                                                 start: start, due: due, provisional: row.provisional, paused: row.paused,
                                                 completedOn: nil, explanation: [])
            }
        }
        return next
    }
}

extension WorkingCalendar {
    /// The day `count` working days after `date` (the day itself not counted).
    func addingWorkingDays(_ count: Int, to date: CivilDate) -> CivilDate {
        var day = date
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }
}
