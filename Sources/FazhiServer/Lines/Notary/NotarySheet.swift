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

    /// The natural keys of the office's matters received on one of the rows' days.
    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
        let days = Array(Set(rows.compactMap { $0.values["receivedOn"] }))
        var keys = Set<String>()
        for start in stride(from: 0, to: days.count, by: 5_000) {
            let slice = Array(days[start..<min(days.count, start + 5_000)])
            guard !slice.isEmpty, !orgIDs.isEmpty else { continue }
            let cases = try await CaseRecord.query(on: db).filter(\.$line == .notary).filter(\.$org.$id ~~ orgIDs)
                .filter(\.$receivedOn ~~ slice).all()
            guard !cases.isEmpty else { continue }
            let applicants = try await PartyRecord.query(on: db).filter(\.$caseRecord.$id ~~ cases.compactMap(\.id))
                .filter(\.$role == "applicant").all()
            let events = try await CaseEventRecord.query(on: db).filter(\.$caseRecord.$id ~~ cases.compactMap(\.id)).filter(\.$kind == "receive").all()
            let summaries = Dictionary(events.compactMap { event -> (UUID, String)? in
                guard case .receive(_, _, _, let summary)? = try? JSONDecoder().decode(NotaryEvent.self, from: Data(event.payload.utf8)) else { return nil }
                return (event.$caseRecord.id, summary)
            }, uniquingKeysWith: { first, _ in first })
            for record in cases {
                for applicant in applicants where applicant.$caseRecord.id == record.id {
                    keys.insert(SheetValidator.key(["receivedOn": record.receivedOn, "applicant": applicant.name,
                                                    "summary": summaries[record.id!] ?? ""], naturalKey))
                }
            }
        }
        return keys
    }
}
