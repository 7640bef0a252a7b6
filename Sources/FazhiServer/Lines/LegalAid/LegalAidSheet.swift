import Fluent
import FazhiCore
import Foundation

/// 法律援助案件 from the spreadsheets centres keep today: the registration's columns (`LegalAidModule.registration`),
/// each row registered by the same rules as the form, at the importing centre. A case is the same when the centre has
/// one received the same day for the same applicant and case type.
enum LegalAidSheet: RegistrationSheet {
    static let code = "legalAid"
    static let name = "法律援助案件"
    static let pagesPath = "/legal-aid"
    static var registration: CaseRegistration<LegalAidRules> { LegalAidModule.registration }
    static let naturalKey = ["receivedOn", "applicant", "caseType"]

    /// The natural keys of the centre's cases received on one of the rows' days; a row names the type by code or label,
    /// so both count as the same case.
    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
        let labels = Dictionary(try await LegalAidCaseType.all(on: db).map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        return try await storedKeys(for: rows, among: orgIDs, on: db, key: "caseType") { ids, db in
            let details = try await LegalAidDetail.query(on: db).filter(\.$caseRecord.$id ~~ ids).all()
            return Dictionary(details.map { ($0.$caseRecord.id, [$0.caseType] + (labels[$0.caseType].map { [$0] } ?? [])) },
                              uniquingKeysWith: { first, _ in first })
        }
    }
}
