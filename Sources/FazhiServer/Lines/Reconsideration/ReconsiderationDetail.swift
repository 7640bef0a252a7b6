import Fluent
import Vapor

/// What a reconsideration case holds besides its events and parties: the act challenged and the request.
final class ReconsiderationDetail: Model, @unchecked Sendable {
    static let schema = "reconsideration_details"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    /// 被申请行政复议的行政行为, e.g. 河市监罚〔2024〕15号行政处罚决定.
    @Field(key: "act") var act: String
    /// 行政复议请求.
    @Field(key: "request") var request: String
    /// 道路交通类: a traffic case, eligible for pre-case processing with the traffic police.
    @Field(key: "traffic") var traffic: Bool

    init() {}

    init(caseID: UUID, act: String, request: String, traffic: Bool) {
        self.id = UUID()
        self.$caseRecord.id = caseID
        self.act = act
        self.request = request
        self.traffic = traffic
    }
}

/// The detail as the API shows it, with the application-deadline check of the dossier.
struct ReconsiderationDetailBody: Content {
    let act: String
    let request: String
    let traffic: Bool
    let procedure: String?
    let isLate: Bool
    let lateBasis: String?
    let channel: String
}

extension ReconsiderationDetail: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $caseRecord, $act, $request, $traffic] }
}
