import Fluent
import FazhiCore
import FluentSQL
import Vapor

/// A work queue (待受理, 我的案件, 即将到期, 已超期, 中止, 已审结 …): a filter over one line's cases in scope.
struct CaseQueue: Sendable {
    let key: String
    let title: String
    let filter: @Sendable (QueryBuilder<CaseRecord>, Context) async throws -> QueryBuilder<CaseRecord>

    struct Context: Sendable {
        let db: Database
        let userID: UUID
        let today: CivilDate
        let calendar: WorkingCalendar
        let line: WorkLine
    }

    static let all = CaseQueue(key: "all", title: "全部") { query, _ in query }
    static let open = CaseQueue(key: "open", title: "在办") { query, _ in query.filter(\.$isOpen == true) }
    static let mine = CaseQueue(key: "mine", title: "我承办的") { query, context in
        query.filter(\.$isOpen == true).filter(\.$handler.$id == context.userID)
    }
    static let concluded = CaseQueue(key: "concluded", title: "已办结") { query, _ in query.filter(\.$isOpen == false) }

    /// Open cases with an open binding or target deadline due within 3 working days (DeadlineStatus.dueSoon).
    static let dueSoon = CaseQueue(key: "dueSoon", title: "即将到期") { query, context in
        let cutoff = context.calendar.addingWorkingDays(3, to: context.today)
        return query.filter(\.$isOpen == true).filter(.custom(openDeadline(context.line, from: context.today.description,
                                                                             through: cutoff.description)))
    }

    /// Open cases with an open binding or target deadline already past.
    static let overdue = CaseQueue(key: "overdue", title: "已超期") { query, context in
        query.filter(\.$isOpen == true).filter(.custom(openDeadline(context.line, from: nil, through: context.today.adding(days: -1).description)))
    }

    /// `cases.id IN (SELECT case_id FROM case_deadlines WHERE …)`: a subquery, so the queue works at any scale
    /// (an id list would exceed PostgreSQL's bind-parameter limit).
    static func openDeadline(_ line: WorkLine, from: String?, through: String) -> SQLQueryString {
        var sql: SQLQueryString = """
            \(ident: "cases").\(ident: "id") IN (SELECT \(ident: "case_id") FROM \(ident: "case_deadlines") \
            WHERE \(ident: "line") = \(bind: line.rawValue) AND \(ident: "completed_on") IS NULL \
            AND \(ident: "paused") = \(bind: false) AND \(ident: "kind") <> \(bind: DeadlineKind.minimum.rawValue) \
            AND \(ident: "due_on") <= \(bind: through)
            """
        if let from { sql = sql + " AND \(ident: "due_on") >= \(bind: from)" as SQLQueryString }
        return sql + ")"
    }

    /// Cases in one of `states`.
    static func states(_ key: String, _ title: String, _ states: [String]) -> CaseQueue {
        CaseQueue(key: key, title: title) { query, _ in query.filter(\.$state ~~ states) }
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
}

struct CaseQueuePage: Content {
    let queue: String
    let total: Int
    let page: Int
    let pageSize: Int
    let rows: [CaseQueueRow]
}

extension CaseQueue {
    static let pageSize = 50

    /// Runs the queue over the user's scope, newest first, one page at a time, with each row's next deadline.
    /// One page of the queue (`pageSize` rows; an export asks for all of them in one page).
    func page(line: WorkLine, scope: Scope, context: Context, paging: Paging, sort: String?) async throws -> CaseQueuePage {
        let base = try await filter(scope.cases(line, on: context.db), context)
        let total = try await base.count()
        var query = try await filter(scope.cases(line, on: context.db), context).with(\.$handler).with(\.$agency)
        switch sort {
        case "receivedOn": query = query.sort(\.$receivedOn, .ascending)
        case "caseNumber": query = query.sort(\.$year, .descending).sort(\.$seq, .descending)
        default: query = query.sort(\.$receivedOn, .descending).sort(\.$seq, .descending)
        }
        let records = try await query.range(paging.range).all()
        let ids = records.compactMap(\.id)
        var next: [UUID: CaseDeadlineRecord] = [:]
        // In slices: an export puts a whole queue on one page, and PostgreSQL takes at most 65,535 bound values.
        for start in stride(from: 0, to: ids.count, by: 10_000) {
            let slice = Array(ids[start..<min(ids.count, start + 10_000)])
            // The columns a row shows: the explanation (the longest column) stays on the case page.
            let deadlines = try await CaseDeadlineRecord.query(on: context.db).filter(\.$caseRecord.$id ~~ slice)
                .filter(\.$completedOn == nil).sort(\.$dueOn)
                .field(\.$id).field(\.$caseRecord.$id).field(\.$ruleKey).field(\.$title).field(\.$basis).field(\.$kind)
                .field(\.$startOn).field(\.$dueOn).field(\.$provisional).field(\.$paused).field(\.$completedOn).all()
            for row in deadlines where next[row.$caseRecord.id] == nil { next[row.$caseRecord.id] = row }
        }
        let rows = records.map { record -> CaseQueueRow in
            let received = CivilDate(string: record.receivedOn) ?? context.today
            let deadline = next[record.id!].map { CaseDeadlineBody($0, today: context.today, calendar: context.calendar, explained: false) }
            return CaseQueueRow(id: record.id!, caseNumber: record.caseNumber, title: record.title, state: record.state,
                                stateLabel: record.stateLabel, receivedOn: record.receivedOn,
                                daysWaiting: record.isOpen ? received.days(to: context.today) : 0,
                                handlerName: record.handler?.displayName, agencyName: record.agency?.name,
                                version: record.version, nextDeadline: deadline)
        }
        return CaseQueuePage(queue: key, total: total, page: paging.page, pageSize: paging.size, rows: rows)
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
