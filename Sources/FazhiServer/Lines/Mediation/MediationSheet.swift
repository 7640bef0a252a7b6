import Fluent
import FazhiCore
import Foundation

/// 矛盾纠纷 from the spreadsheets committees keep today: the registration's columns (`MediationModule.registration`),
/// each row registered by the same rules as the form, at the importing committee. A dispute is the same when its
/// committee has one received the same day with the same applicant and summary.
enum MediationSheet: RegistrationSheet {
    static let code = "mediation"
    static let name = "矛盾纠纷"
    static let pagesPath = "/mediation"
    static var registration: CaseRegistration<MediationRules> { MediationModule.registration }
    static let naturalKey = ["receivedOn", "applicant", "summary"]

    /// The natural keys of the committee's disputes received on one of the rows' days, with their summaries.
    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
        try await storedKeys(for: rows, among: orgIDs, on: db, key: "summary") { ids, db in
            try await openingTexts(ids, on: db, kind: "receive") { event in
                if case .receive(_, _, _, let summary) = event { return summary } else { return nil }
            }
        }
    }
}
