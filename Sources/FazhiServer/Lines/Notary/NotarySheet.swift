import Fluent
import FazhiCore
import Foundation

/// 公证事项 from the spreadsheets the office keeps today: the registration's columns (`NotaryModule.registration`), each
/// row registered by the same rules as the form, at the importing office. A matter is the same when the office has one
/// received the same day with the same applicant and summary.
enum NotarySheet: RegistrationSheet {
    static let code = "notary"
    static let name = "公证事项"
    static let pagesPath = "/notary"
    static var registration: CaseRegistration<NotaryRules> { NotaryModule.registration }
    static let naturalKey = ["receivedOn", "applicant", "summary"]

    /// The natural keys of the office's matters received on one of the rows' days, with their summaries.
    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
        try await storedKeys(for: rows, among: orgIDs, on: db, key: "summary") { ids, db in
            try await openingTexts(ids, on: db, kind: "receive") { event in
                if case .receive(_, _, _, let summary) = event { return summary } else { return nil }
            }
        }
    }
}
