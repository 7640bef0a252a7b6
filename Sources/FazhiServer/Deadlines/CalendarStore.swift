import Fluent
import FazhiCore
import Vapor

/// The working calendar in force: the notices shipped with the project, overridden or extended by the years
/// an admin imported. Importing a year recomputes every stored deadline that depends on the calendar.
struct CalendarStore {
    enum Source: String, Content {
        case bundled
        case imported
    }

    struct Year {
        let notice: HolidayYear
        let source: Source
        let importedBy: String?
        let importedAt: Date?
    }

    let db: Database

    /// Every year with data, ascending.
    func years() async throws -> [Year] {
        var byYear: [Int: Year] = [:]
        for year in try WorkingCalendar.bundledYears() {
            byYear[year.year] = Year(notice: year, source: .bundled, importedBy: nil, importedAt: nil)
        }
        for record in try await CalendarYearRecord.query(on: db).all() {
            let notice = try WorkingCalendar.decode(Data(record.data.utf8), file: "calendar_years/\(record.year)")
            byYear[record.year] = Year(notice: notice, source: .imported, importedBy: record.importedBy, importedAt: record.importedAt)
        }
        return byYear.keys.sorted().map { byYear[$0]! }
    }

    func calendar() async throws -> WorkingCalendar {
        WorkingCalendar(try await years().map(\.notice))
    }

    struct ImportResult {
        let year: HolidayYear
        let replaced: Bool
        let recomputed: Int
    }

    /// Validates one year's JSON, stores it (replacing an earlier import of that year) with an audit row,
    /// then recomputes the deadlines of every case of the modules' case lines with an open or provisional deadline, and
    /// the deadlines the modules keep on records of their own (`Module.recountDeadlines`). `expectedYear` guards a
    /// URL naming another year than the file.
    func importYear(_ data: Data, file: String, expectedYear: Int? = nil, actor: AuditActor,
                    recomputing modules: ModuleRegistry) async throws -> ImportResult {
        let year = try WorkingCalendar.decode(data, file: file)
        if let expectedYear, expectedYear != year.year {
            throw FieldError(field: "year", message: "文件中的年份 \(year.year) 与所选年份 \(expectedYear) 不一致")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(year), as: UTF8.self)
        let previous = try await calendar()
        let replaced = try await db.transaction { tx in
            let existing = try await CalendarYearRecord.query(on: tx).filter(\.$year == year.year).first()
            let record = existing ?? CalendarYearRecord()
            let replaced = existing != nil
            let before = existing.map { ["notice": $0.notice, "data": $0.data] }
            record.year = year.year
            record.notice = year.notice
            record.data = json
            record.importedBy = actor.name
            record.importedAt = Date()
            try await record.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor.sharingDeployment, action: replaced ? "update" : "create", entityType: "calendarYear",
                                      entityID: String(year.year), before: before, after: ["notice": year.notice, "data": json])
            return replaced
        }
        let calendar = try await calendar()
        var recomputed = 0
        for handler in modules.caseLines {
            recomputed += try await CaseLines.recomputeAffectedCases(handler, on: db, previous: previous, calendar: calendar)
        }
        for module in modules.all {
            recomputed += try await module.recountDeadlines(db, calendar: calendar, catalogue: modules.deadlineCatalogue)
        }
        // The recount's end in the log: the deadlines and figures it moved are new data (`CountCache` counts afresh).
        try await AuditLog.record(on: db, actor: actor.sharingDeployment, action: "recount", entityType: "calendarYear", entityID: String(year.year),
                                  before: nil, after: ["recomputed": String(recomputed)])
        return ImportResult(year: year, replaced: replaced, recomputed: recomputed)
    }
}

extension Request {
    var calendarStore: CalendarStore { CalendarStore(db: db) }
}
