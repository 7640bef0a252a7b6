import Crypto
import Fluent
import FazhiCore
import Vapor

/// Imports reconsideration applications (收案登记) from a spreadsheet through `ReconsiderationRegistration`, the
/// same rules as the registration form, all in one transaction: every row is registered inside it, every row's
/// errors are collected, and if any row fails the transaction is rolled back, so nothing (no case, no case number,
/// no audit row) is left behind. A row whose applicant, respondent, act and received date match a stored case is
/// skipped, so importing the same file twice registers nothing new.
struct ReconsiderationImport {
    static let code = "reconsideration"
    static let name = "行政复议申请"

    private typealias C = LedgerColumn
    static let columns: [LedgerColumn] = [
        C("receivedOn", "收到日期", .date, required: true, example: "2024-03-15"),
        C("applicant", "申请人", required: true, example: "张三"),
        C("identity", "身份证号/统一社会信用代码", example: "11010519491231002X"),
        C("respondent", "被申请人", required: true, example: "河东区市场监督管理局"),
        C("act", "行政行为", required: true, example: "东市监罚〔2024〕15号行政处罚决定"),
        C("knewOn", "知道日期", .date, required: true, example: "2024-03-01"),
        C("request", "复议请求", required: true, example: "撤销该行政处罚决定"),
    ]
    static let naturalKey = ["applicant", "respondent", "act", "receivedOn"]

    let db: Database
    let scope: Scope
    let actor: AuditActor
    let calendar: WorkingCalendar
    let protection: DataProtection
    /// The org whose cases these become (the reception centre); nil for the user's home org in the line.
    let org: UUID?

    static func template() throws -> Data {
        let table = SpreadsheetTable(header: columns.map(\.header), cells: [columns.map { .string($0.example) }])
        return try XLSXWriter().write(table, sheetName: name, textColumns: Set(columns.indices))
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
        var (rows, problems) = RecordTableValidator(columns: Self.columns, naturalKey: Self.naturalKey).validate(table)
        let agencies = try await Org.query(on: db).filter(\.$kind == .agency).filter(\.$active == true).all()
        let agencyByName = Dictionary(agencies.map { ($0.name, $0.id!) }, uniquingKeysWith: { first, _ in first })
        var inputs: [(row: RecordTableValidator.Row, input: ReconsiderationRegistration.Input)] = []
        for row in rows {
            guard let respondent = agencyByName[row.values["respondent"] ?? ""] else {
                problems.append(problem(row.number, "respondent", table, "「\(row.values["respondent"] ?? "")」不是本区的行政机关（须与机构名称完全一致）"))
                continue
            }
            var party = PartyInput(role: "applicant", kind: "person", name: row.values["applicant"])
            if let identity = row.values["identity"]?.uppercased() {
                if IDNumber.validate(identity, today: today) == nil {
                    party.idNumber = identity
                } else if CreditCode.validate(identity) == nil {
                    party.kind = "organisation"
                    party.creditCode = identity
                } else {
                    let looksLikeID = identity.allSatisfy { $0.isNumber || $0 == "X" }
                    let error = looksLikeID ? IDNumber.validate(identity, today: today) : CreditCode.validate(identity)
                    problems.append(problem(row.number, "identity", table, error?.message ?? "证件号码无效"))
                    continue
                }
            }
            inputs.append((row, ReconsiderationRegistration.Input(
                orgID: org, receivedOn: row.values["receivedOn"], channel: "reception", applicants: [party],
                respondentID: respondent, act: row.values["act"], knewOn: row.values["knewOn"], request: row.values["request"])))
        }
        guard problems.isEmpty else { throw ImportRejected(problems: problems.sorted { ($0.row ?? 0) < ($1.row ?? 0) }) }
        rows = inputs.map(\.row)
        let stored = try await storedKeys(receivedOn: Set(rows.compactMap { $0.values["receivedOn"] }))
        let new = inputs.filter { !stored.contains($0.row.naturalKey) }
        let present = inputs.count - new.count

        let registration = (scope: scope, actor: actor, calendar: calendar, protection: protection)
        let tableForErrors = table
        return try await db.transaction { tx in
            var problems: [ImportProblem] = []
            for (row, input) in new {
                do {
                    _ = try await ReconsiderationRegistration(db: tx, scope: registration.scope, actor: registration.actor,
                                                              calendar: registration.calendar, protection: registration.protection)
                        .register(input, today: today)
                } catch let errors as ValidationErrors {
                    problems += errors.errors.map { self.problem(row.number, Self.column(ofField: $0.field), tableForErrors, $0.message) }
                } catch let error as DomainError {
                    problems.append(self.problem(row.number, Self.column(ofField: error.invalidField ?? ""), tableForErrors, error.message))
                }
            }
            // Throwing rolls back every case registered above.
            guard problems.isEmpty else { throw ImportRejected(problems: problems) }
            guard keep else { throw DryRun(summary: ImportSummary(added: new.count, alreadyPresent: present)) }
            let digest = SHA256.hash(data: fileData).map { String(format: "%02x", $0) }.joined()
            try await AuditLog.record(on: tx, actor: registration.actor, action: "import", entityType: "reconsiderationImport",
                                      entityID: UUID().uuidString, before: nil, after: [
                                          "file": fileName, "sha256": digest, "added": String(new.count), "alreadyPresent": String(present),
                                      ])
            return ImportSummary(added: new.count, alreadyPresent: present)
        }
    }

    /// Natural keys of the reconsideration cases received on any of `dates` (the only ones a row can match).
    private func storedKeys(receivedOn dates: Set<String>) async throws -> Set<String> {
        guard !dates.isEmpty else { return [] }
        let cases = try await CaseRecord.query(on: db).filter(\.$line == .reconsideration).filter(\.$receivedOn ~~ Array(dates)).all()
        guard !cases.isEmpty else { return [] }
        let ids = cases.compactMap(\.id)
        let acts = Dictionary(try await ReconsiderationDetail.query(on: db).filter(\.$caseRecord.$id ~~ ids).all()
            .map { ($0.$caseRecord.id, $0.act) }, uniquingKeysWith: { first, _ in first })
        var applicants: [UUID: String] = [:]
        for party in try await PartyRecord.query(on: db).filter(\.$caseRecord.$id ~~ ids).filter(\.$role == "applicant").all()
        where applicants[party.$caseRecord.id] == nil {
            applicants[party.$caseRecord.id] = party.name
        }
        let agencyIDs = Set(cases.compactMap { $0.$agency.id })
        let agencyNames = Dictionary(try await Org.query(on: db).filter(\.$id ~~ Array(agencyIDs)).all().map { ($0.id!, $0.name) },
                                     uniquingKeysWith: { first, _ in first })
        return Set(cases.map { record in
            RecordTableValidator.key([
                "applicant": applicants[record.id!] ?? "", "respondent": record.$agency.id.flatMap { agencyNames[$0] } ?? "",
                "act": acts[record.id!] ?? "", "receivedOn": record.receivedOn,
            ], Self.naturalKey)
        })
    }

    /// The spreadsheet column a registration field comes from.
    static func column(ofField field: String) -> String {
        switch field {
        case "receivedOn": "receivedOn"
        case "knewOn": "knewOn"
        case "respondentID": "respondent"
        case "act": "act"
        case "request": "request"
        case _ where field.hasSuffix("idNumber") || field.hasSuffix("creditCode"): "identity"
        case _ where field.hasPrefix("applicants"): "applicant"
        default: ""
        }
    }

    private func problem(_ row: Int, _ columnName: String, _ table: SpreadsheetTable, _ message: String) -> ImportProblem {
        let column = Self.columns.first { $0.name == columnName }
        return ImportProblem(row: row, column: column.flatMap { table.column(named: $0.header) }, header: column?.header, message: message)
    }
}
