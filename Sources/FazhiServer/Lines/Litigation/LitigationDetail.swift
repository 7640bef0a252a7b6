import Fluent
import Vapor

/// What a lawsuit is known by besides its events: the court, the court's case number and the claims, as served
/// (`LitigationEvent.serve`). Written with the serving event in the transaction that opens the case, so the pages and
/// the import read them here instead of decoding events. A court case number names one lawsuit: the bureau holds it once.
final class LitigationDetail: Model, @unchecked Sendable {
    static let schema = "litigation_details"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    /// The bureau the case is handled in (`OrgDirectory.bureau`): the court case number is unique within it.
    @Field(key: "bureau_id") var bureauID: UUID
    /// 受理法院, e.g. 天津市河东区人民法院.
    @Field(key: "court") var court: String
    /// 法院案号, e.g. （2024）津0102行初15号.
    @Field(key: "court_case_number") var courtCaseNumber: String
    /// 诉讼请求.
    @Field(key: "claims") var claims: String

    init() {}

    init(caseID: UUID, bureauID: UUID, court: String, courtCaseNumber: String, claims: String) {
        self.id = UUID()
        self.$caseRecord.id = caseID
        self.bureauID = bureauID
        self.court = court
        self.courtCaseNumber = courtCaseNumber
        self.claims = claims
    }

    /// The bureau's lawsuit with this court and court case number, if one is registered.
    static func registered(court: String, courtCaseNumber: String, bureauID: UUID, on db: Database) async throws -> LitigationDetail? {
        try await query(on: db).filter(\.$bureauID == bureauID).filter(\.$court == court)
            .filter(\.$courtCaseNumber == courtCaseNumber).with(\.$caseRecord).first()
    }
}

extension LitigationDetail: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $caseRecord, $bureauID, $court, $courtCaseNumber, $claims] }
}
