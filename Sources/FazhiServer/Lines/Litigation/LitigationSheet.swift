import Fluent
import FazhiCore
import Foundation

/// 行政应诉案件 from a spreadsheet (the lawsuits an agency has already been served): its columns are the registration's
/// (`LitigationModule.registration`), and each row is registered by the same rules as the form. A court case number
/// already registered at the same court is the same lawsuit.
enum LitigationSheet: RegistrationSheet {
    static let code = "litigation"
    static let name = "行政应诉案件"
    static let pagesPath = "/litigation"
    static var registration: CaseRegistration<LitigationRules> { LitigationModule.registration }
    static let naturalKey = ["court", "courtCaseNumber"]

    /// Court and court case number of the bureau's lawsuits with one of the rows' court case numbers (the only ones a
    /// row can match), from their detail rows.
    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
        let numbers = Array(Set(rows.compactMap { $0.values["courtCaseNumber"] }))
        var keys = Set<String>()
        // In slices: PostgreSQL takes at most 65,535 bound values.
        for start in stride(from: 0, to: numbers.count, by: 10_000) {
            let slice = Array(numbers[start..<min(numbers.count, start + 10_000)])
            let details = try await LitigationDetail.query(on: db)
                .join(CaseRecord.self, on: \LitigationDetail.$caseRecord.$id == \CaseRecord.$id)
                .filter(CaseRecord.self, \.$org.$id ~~ orgIDs).filter(\.$courtCaseNumber ~~ slice).all()
            for detail in details {
                keys.insert(SheetValidator.key(["court": detail.court, "courtCaseNumber": detail.courtCaseNumber], naturalKey))
            }
        }
        return keys
    }
}
