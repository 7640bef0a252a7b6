import Fluent
import FazhiCore
import Foundation

/// 行政应诉案件 from a spreadsheet (the lawsuits an agency has already been served): each row registered through
/// `LitigationRegistration`, the same rules as the form. A court case number already registered at the same court
/// is the same lawsuit.
enum LitigationSheet: CaseSheet {
    static let code = "litigation"
    static let name = "行政应诉案件"
    static let line = WorkLine.litigation
    static let pagesPath = "/litigation"

    private typealias C = LedgerColumn
    static let columns: [LedgerColumn] = [
        C("servedOn", "收到起诉状副本日期", .date, required: true, example: "2024-04-08"),
        C("court", "受理法院", required: true, example: "天津市河东区人民法院"),
        C("courtCaseNumber", "法院案号", required: true, example: "（2024）津0102行初15号"),
        C("defendant", "被告", required: true, example: "河东区市场监督管理局"),
        C("plaintiff", "原告", required: true, example: "张三"),
        C("identity", "原告身份证号/统一社会信用代码", example: "11010519491231002X"),
        C("claims", "诉讼请求", required: true, example: "撤销东市监罚〔2024〕15号行政处罚决定"),
    ]
    static let naturalKey = ["court", "courtCaseNumber"]

    static func register(_ row: RecordTableValidator.Row, with context: CaseImportContext, today: CivilDate) async throws {
        let defendant = try context.agency(row.values["defendant"], column: "defendant")
        let plaintiff = try context.party(role: "plaintiff", name: row.values["plaintiff"], identity: row.values["identity"],
                                          column: "identity", today: today)
        let input = LitigationRegistration.Input(
            orgID: context.org, servedOn: row.values["servedOn"], court: row.values["court"],
            courtCaseNumber: row.values["courtCaseNumber"], claims: row.values["claims"], defendantID: defendant, plaintiffs: [plaintiff])
        _ = try await LitigationRegistration(db: context.db, scope: context.scope, actor: context.actor,
                                             calendar: context.calendar, protection: context.protection)
            .register(input, today: today)
    }

    /// Court and court case number of the bureau's lawsuits with one of the rows' court case numbers (the only ones a
    /// row can match), from their detail rows.
    static func storedKeys(for rows: [RecordTableValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
        let numbers = Array(Set(rows.compactMap { $0.values["courtCaseNumber"] }))
        var keys = Set<String>()
        // In slices: PostgreSQL takes at most 65,535 bound values.
        for start in stride(from: 0, to: numbers.count, by: 10_000) {
            let slice = Array(numbers[start..<min(numbers.count, start + 10_000)])
            let details = try await LitigationDetail.query(on: db)
                .join(CaseRecord.self, on: \LitigationDetail.$caseRecord.$id == \CaseRecord.$id)
                .filter(CaseRecord.self, \.$org.$id ~~ orgIDs).filter(\.$courtCaseNumber ~~ slice).all()
            for detail in details {
                keys.insert(RecordTableValidator.key(["court": detail.court, "courtCaseNumber": detail.courtCaseNumber], naturalKey))
            }
        }
        return keys
    }

    static func column(ofField field: String) -> String {
        switch field {
        case "servedOn", "court", "courtCaseNumber", "claims": field
        case "defendantID": "defendant"
        case _ where field.hasSuffix("idNumber") || field.hasSuffix("creditCode"): "identity"
        case _ where field.hasPrefix("plaintiffs"): "plaintiff"
        default: ""
        }
    }
}
