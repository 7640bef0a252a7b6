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

    /// The natural keys of the centre's cases received on one of the rows' days.
    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
        let days = Array(Set(rows.compactMap { $0.values["receivedOn"] }))
        let types = try await LegalAidCaseType.all(on: db)
        var keys = Set<String>()
        for start in stride(from: 0, to: days.count, by: 5_000) {
            let slice = Array(days[start..<min(days.count, start + 5_000)])
            let cases = try await CaseRecord.query(on: db).filter(\.$line == .legalAid).filter(\.$org.$id ~~ orgIDs).filter(\.$receivedOn ~~ slice).all()
            guard !cases.isEmpty else { continue }
            let ids = cases.compactMap(\.id)
            let applicants = try await PartyRecord.query(on: db).filter(\.$caseRecord.$id ~~ ids).filter(\.$role == "applicant").all()
            let details = Dictionary(try await LegalAidDetail.query(on: db).filter(\.$caseRecord.$id ~~ ids).all().map { ($0.$caseRecord.id, $0.caseType) },
                                     uniquingKeysWith: { first, _ in first })
            for record in cases {
                let code = details[record.id!] ?? ""
                // A row names the type by code or label: both count as the same case.
                let names = [code] + types.filter { $0.code == code }.map(\.label)
                for applicant in applicants where applicant.$caseRecord.id == record.id {
                    for name in names {
                        keys.insert(SheetValidator.key(["receivedOn": record.receivedOn, "applicant": applicant.name, "caseType": name], naturalKey))
                    }
                }
            }
        }
        return keys
    }
}
