import Fluent
import FazhiCore
import Vapor

/// 行政复议申请 from a spreadsheet: each row registered through `ReconsiderationRegistration`, the same rules as the
/// form. A row whose applicant, respondent, act and received date match a stored case is already registered.
enum ReconsiderationSheet: CaseSheet {
    static let code = "reconsideration"
    static let name = "行政复议申请"
    static let line = WorkLine.reconsideration
    static let pagesPath = ReconsiderationPages.base

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

    static func register(_ row: RecordTableValidator.Row, with context: CaseImportContext, today: CivilDate) async throws {
        let respondent = try context.agency(row.values["respondent"], column: "respondent")
        let applicant = try context.party(role: "applicant", name: row.values["applicant"], identity: row.values["identity"],
                                          column: "identity", today: today)
        let input = ReconsiderationRegistration.Input(
            orgID: context.org, receivedOn: row.values["receivedOn"], channel: "reception", applicants: [applicant],
            respondentID: respondent, act: row.values["act"], knewOn: row.values["knewOn"], request: row.values["request"])
        _ = try await ReconsiderationRegistration(db: context.db, scope: context.scope, actor: context.actor,
                                                  calendar: context.calendar, protection: context.protection)
            .register(input, today: today)
    }

    /// Natural keys of the reconsideration cases received on any of the rows' dates (the only ones a row can match).
    static func storedKeys(for rows: [RecordTableValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
        let dates = Set(rows.compactMap { $0.values["receivedOn"] })
        guard !dates.isEmpty else { return [] }
        let cases = try await CaseRecord.query(on: db).filter(\.$line == .reconsideration).filter(\.$org.$id ~~ orgIDs)
            .filter(\.$receivedOn ~~ Array(dates)).all()
        guard !cases.isEmpty else { return [] }
        let ids = cases.compactMap(\.id)
        var acts: [UUID: String] = [:]
        var applicants: [UUID: String] = [:]
        // In slices: a file spanning a busy year meets many stored cases, and PostgreSQL takes at most 65,535 bound values.
        for start in stride(from: 0, to: ids.count, by: 10_000) {
            let slice = Array(ids[start..<min(ids.count, start + 10_000)])
            for detail in try await ReconsiderationDetail.query(on: db).filter(\.$caseRecord.$id ~~ slice).all() {
                acts[detail.$caseRecord.id] = acts[detail.$caseRecord.id] ?? detail.act
            }
            for party in try await PartyRecord.query(on: db).filter(\.$caseRecord.$id ~~ slice).filter(\.$role == "applicant").all()
            where applicants[party.$caseRecord.id] == nil {
                applicants[party.$caseRecord.id] = party.name
            }
        }
        let agencyIDs = Set(cases.compactMap { $0.$agency.id })
        let agencyNames = Dictionary(try await Org.query(on: db).filter(\.$id ~~ Array(agencyIDs)).all().map { ($0.id!, $0.name) },
                                     uniquingKeysWith: { first, _ in first })
        return Set(cases.map { record in
            RecordTableValidator.key([
                "applicant": applicants[record.id!] ?? "", "respondent": record.$agency.id.flatMap { agencyNames[$0] } ?? "",
                "act": acts[record.id!] ?? "", "receivedOn": record.receivedOn,
            ], naturalKey)
        })
    }

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
}
