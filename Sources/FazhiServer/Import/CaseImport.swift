import Crypto
import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// A case kind that can be brought in from a spreadsheet (a reception centre's 收案登记簿, an agency's list of
/// lawsuits): its columns, its natural key, and how one checked row becomes a registration through the line's own
/// registration rules. `CaseImport` does the rest — all rows or none, every problem reported, re-import adds
/// nothing — so a later line declares a sheet and is importable from the CLI and the web.
protocol CaseSheet: Sendable {
    /// The kind's code for `fazhi import --kind`, the line's code name.
    static var code: String { get }
    /// The Chinese name, e.g. 行政复议申请.
    static var name: String { get }
    static var line: WorkLine { get }
    /// The path of the line's pages (`/<line code>`); the import pages live under it.
    static var pagesPath: String { get }
    /// In template order.
    static var columns: [SheetColumn] { get }
    /// The columns whose values identify a case already registered.
    static var naturalKey: [String] { get }
    /// The column a registration error's field (`receivedOn`, `applicants[0].idNumber`) came from.
    static func column(ofField field: String) -> String
    /// The natural keys of stored cases that `rows` could match.
    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String>
    /// Registers one checked row; throws `CellProblem`, `ValidationErrors` or a `DomainError` for a row the rules refuse.
    static func register(_ row: SheetValidator.Row, with context: CaseImportContext, today: CivilDate) async throws
}

extension CaseSheet {
    /// The .xlsx template (for callers holding the sheet as `any CaseSheet.Type`).
    static func template() throws -> Data { try CaseImport<Self>.template() }

    /// Imports `table` as this kind (for callers holding the sheet as `any CaseSheet.Type`).
    static func importTable(_ table: SpreadsheetTable, db: Database, scope: Scope, actor: AuditActor, calendar: WorkingCalendar,
                            protection: DataProtection, org: UUID, fileName: String, fileData: Data, today: CivilDate) async throws -> ImportSummary {
        try await CaseImport<Self>(db: db, scope: scope, actor: actor, calendar: calendar, protection: protection, org: org)
            .run(table, fileName: fileName, fileData: fileData, today: today)
    }
}

/// A row refused before it reaches the registration rules (an agency not found, an identity number of neither kind).
struct CellProblem: Error {
    let column: String
    let message: String
}

/// What a sheet's `register` works with: the transaction, the importing officer, and lookups shared by the lines.
struct CaseImportContext {
    let db: Database
    let scope: Scope
    let actor: AuditActor
    let calendar: WorkingCalendar
    let protection: DataProtection
    /// The org whose cases these become (the office that receives the line's cases).
    let org: UUID
    /// The district's active agencies by their exact name.
    let agencies: [String: UUID]

    /// The agency named in `column`, or a problem naming the column.
    func agency(_ name: String?, column: String) throws -> UUID {
        guard let id = agencies[name ?? ""] else {
            throw CellProblem(column: column, message: "「\(name ?? "")」不是本区的行政机关（须与机构名称完全一致）")
        }
        return id
    }

    /// A party from a name and one identity cell holding either a citizen ID number (GB 11643, a person) or a unified
    /// social credit code (GB 32100, an organisation); the rule broken is named when it is neither.
    func party(role: String, name: String?, identity: String?, column: String, today: CivilDate) throws -> PartyInput {
        var party = PartyInput(role: role, kind: "person", name: name)
        guard let identity = identity?.uppercased() else { return party }
        if IDNumber.validate(identity, today: today) == nil {
            party.idNumber = identity
        } else if CreditCode.validate(identity) == nil {
            party.kind = "organisation"
            party.creditCode = identity
        } else {
            let looksLikeID = identity.allSatisfy { $0.isNumber || $0 == "X" }
            let error = looksLikeID ? IDNumber.validate(identity, today: today) : CreditCode.validate(identity)
            throw CellProblem(column: column, message: error?.message ?? "证件号码无效")
        }
        return party
    }
}

/// Imports a sheet of `Sheet` cases, all in one transaction: every row is registered inside it, every row's problems
/// are collected, and if any row fails the transaction is rolled back, so nothing (no case, no case number, no audit
/// row) is left behind. A row whose natural key matches a stored case is skipped.
struct CaseImport<Sheet: CaseSheet> {
    let db: Database
    let scope: Scope
    let actor: AuditActor
    let calendar: WorkingCalendar
    let protection: DataProtection
    let org: UUID

    /// Chinese headers and one example row; every column stored as text, so Excel keeps ID numbers whole.
    static func template() throws -> Data {
        let table = SpreadsheetTable(header: Sheet.columns.map(\.header), cells: [Sheet.columns.map { .string($0.example) }])
        return try XLSXWriter().write(table, sheetName: Sheet.name, textColumns: Set(Sheet.columns.indices))
    }

    /// What `run` would do, without keeping any of it: every row goes through the registration rules inside a
    /// transaction that is then rolled back (the page's preview before the staff confirm).
    func check(_ table: SpreadsheetTable, fileName: String, fileData: Data, today: CivilDate) async throws -> ImportSummary {
        do {
            return try await run(table, fileName: fileName, fileData: fileData, today: today, keep: false)
        } catch let dryRun as DryRun {
            return dryRun.summary
        }
    }

    /// Thrown at the end of a checking run to roll its transaction back.
    private struct DryRun: Error {
        let summary: ImportSummary
    }

    func run(_ table: SpreadsheetTable, fileName: String, fileData: Data, today: CivilDate, keep: Bool = true) async throws -> ImportSummary {
        let (rows, problems) = SheetValidator(columns: Sheet.columns, naturalKey: Sheet.naturalKey).validate(table)
        guard problems.isEmpty else { throw ImportRejected(problems: problems) }
        // Only this bureau's cases: whether a case exists in another bureau is not the importer's to learn.
        var bureauOrgs = [org]
        if let bureau = try await OrgDirectory.bureau(of: org, on: db) {
            bureauOrgs = try await OrgDirectory.subtreeIDs(of: bureau, on: db)
        }
        let stored = try await Sheet.storedKeys(for: rows, among: bureauOrgs, on: db)
        let new = rows.filter { !stored.contains($0.naturalKey) }
        let present = rows.count - new.count
        let agencies = try await OrgDirectory.agencies(servingOrg: org, on: db)
        let agencyByName = Dictionary(agencies.map { ($0.name, $0.id!) }, uniquingKeysWith: { first, _ in first })
        let importer = self
        return try await db.transaction { tx in
            let context = CaseImportContext(db: tx, scope: importer.scope, actor: importer.actor, calendar: importer.calendar,
                                            protection: importer.protection, org: importer.org, agencies: agencyByName)
            var problems: [ImportProblem] = []
            for row in new {
                do {
                    try await Sheet.register(row, with: context, today: today)
                } catch let cell as CellProblem {
                    problems.append(importer.problem(row.number, cell.column, table, cell.message))
                } catch let errors as ValidationErrors {
                    problems += errors.errors.map { importer.problem(row.number, Sheet.column(ofField: $0.field), table, $0.message) }
                } catch let error as DomainError {
                    problems.append(importer.problem(row.number, Sheet.column(ofField: error.invalidField ?? ""), table, error.message))
                }
            }
            // Throwing rolls back every case registered above.
            guard problems.isEmpty else { throw ImportRejected(problems: problems) }
            let summary = ImportSummary(added: new.count, alreadyPresent: present)
            guard keep else { throw DryRun(summary: summary) }
            let digest = SHA256.hash(data: fileData).hexString
            try await AuditLog.record(on: tx, actor: importer.actor, action: "import", entityType: Sheet.code + "Import",
                                      entityID: UUID().uuidString, before: nil, after: [
                                          "file": fileName, "sha256": digest, "added": String(new.count), "alreadyPresent": String(present),
                                      ])
            return summary
        }
    }

    private func problem(_ row: Int, _ columnName: String, _ table: SpreadsheetTable, _ message: String) -> ImportProblem {
        let column = Sheet.columns.first { $0.name == columnName }
        return ImportProblem(row: row, column: column.flatMap { table.column(named: $0.header) }, header: column?.header, message: message)
    }
}
