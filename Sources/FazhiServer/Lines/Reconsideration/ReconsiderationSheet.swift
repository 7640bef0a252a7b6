import Fluent
import FazhiCore
import Vapor

/// 行政复议申请 from a spreadsheet: its columns are the registration's (`ReconsiderationModule.registration`), and
/// each row is registered by the same rules as the form. A row whose applicant, respondent, act and received date
/// match a stored case is already registered.
enum ReconsiderationSheet: RegistrationSheet {
    static let code = "reconsideration"
    static let name = "行政复议申请"
    static let pagesPath = ReconsiderationPages.base
    static var registration: CaseRegistration<ReconsiderationRules> { ReconsiderationModule.registration }
    static let naturalKey = ["applicant", "respondent", "act", "receivedOn"]

    /// Natural keys of the reconsideration cases received on any of the rows' dates (the only ones a row can match).
    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
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
            SheetValidator.key([
                "applicant": applicants[record.id!] ?? "", "respondent": record.$agency.id.flatMap { agencyNames[$0] } ?? "",
                "act": acts[record.id!] ?? "", "receivedOn": record.receivedOn,
            ], naturalKey)
        })
    }
}
