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

    /// The natural keys of the committee's disputes received on one of the rows' days.
    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
        let days = Array(Set(rows.compactMap { $0.values["receivedOn"] }))
        var keys = Set<String>()
        for start in stride(from: 0, to: days.count, by: 5_000) {
            let slice = Array(days[start..<min(days.count, start + 5_000)])
            let cases = try await CaseRecord.query(on: db).filter(\.$line == .mediation).filter(\.$org.$id ~~ orgIDs)
                .filter(\.$receivedOn ~~ slice).all()
            guard !cases.isEmpty else { continue }
            let applicants = try await PartyRecord.query(on: db).filter(\.$caseRecord.$id ~~ cases.compactMap(\.id))
                .filter(\.$role == "applicant").all()
            let events = try await CaseEventRecord.query(on: db).filter(\.$caseRecord.$id ~~ cases.compactMap(\.id)).filter(\.$kind == "receive").all()
            let summaries = Dictionary(events.compactMap { event -> (UUID, String)? in
                guard case .receive(_, _, _, let summary)? = try? JSONDecoder().decode(MediationEvent.self, from: Data(event.payload.utf8)) else { return nil }
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
