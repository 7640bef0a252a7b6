import Fluent
import FazhiCore
import FluentSQL
import Vapor

/// Case numbers (案号) per bureau, line and year from a configurable pattern, e.g. 东政复〔2024〕12号.
/// Issued inside the case's transaction from a counter row, so a number is never issued twice.
struct CaseNumbering {
    let db: Database

    static func settingKey(_ line: WorkLine) -> String { "caseNumber.\(line.rawValue)" }

    /// The next number of `line` in the bureau of `org` for `year`: from the bureau's pattern in `settings`
    /// (`caseNumber.<line>`), or the line's own (`CaseLineRules.caseNumberPattern`).
    func next(line: WorkLine, declaredPattern: String, org: UUID, year: Int) async throws -> (Int, String) {
        try await reserve(1, line: line, declaredPattern: declaredPattern, org: org, year: year)[0]
    }

    /// The next `count` numbers at once (a bulk opening), in order, from the same counter and pattern as `next`.
    func reserve(_ count: Int, line: WorkLine, declaredPattern: String, org: UUID, year: Int) async throws -> [(Int, String)] {
        let bureau = try await bureauID(of: org)
        if let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(7270020)").run()
        }
        let counter = try await CaseNumberCounter.query(on: db)
            .filter(\.$bureauID == bureau).filter(\.$line == line.rawValue).filter(\.$year == year).first()
            ?? {
                let fresh = CaseNumberCounter()
                fresh.bureauID = bureau
                fresh.line = line.rawValue
                fresh.year = year
                fresh.lastSeq = 0
                return fresh
            }()
        let first = counter.lastSeq + 1
        counter.lastSeq += count
        try await counter.save(on: db)
        let pattern = try await Setting.value(Self.settingKey(line), on: db)
            ?? declaredPattern
        return (first ..< first + count).map { ($0, Self.format(pattern, year: year, seq: $0)) }
    }

    static func format(_ pattern: String, year: Int, seq: Int) -> String {
        pattern.replacingOccurrences(of: "{year}", with: String(year)).replacingOccurrences(of: "{seq}", with: String(seq))
    }

    /// The bureau (tenant root) an org belongs to: the first id of its path.
    private func bureauID(of org: UUID) async throws -> UUID {
        guard let record = try await Org.find(org, on: db) else { throw Abort(.notFound, reason: "机构不存在") }
        let root = record.path.split(separator: "/").first.map(String.init) ?? org.uuidString
        return UUID(uuidString: root) ?? org
    }
}
