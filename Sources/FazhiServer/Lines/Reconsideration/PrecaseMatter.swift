import Fluent
import FazhiCore
import Vapor

/// 道路交通类案前处理: a traffic matter resolved with the traffic police before acceptance. Counted on its own,
/// never as an accepted case (issue 4, item 5).
final class PrecaseMatter: Model, OrgOwned, @unchecked Sendable {
    static let schema = "precase_matters"
    static let orgKey = \PrecaseMatter.$org.$id
    static let bureauKey: KeyPath<PrecaseMatter, OptionalFieldProperty<PrecaseMatter, UUID>>? = \PrecaseMatter.$bureauID
    static let line: WorkLine? = .reconsideration

    @ID(key: .id) var id: UUID?
    @Parent(key: "org_id") var org: Org
    /// The tenancy key: the org's bureau, filled by the database (`TenancyKeyColumn`).
    @OptionalField(key: "bureau_id") var bureauID: UUID?
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "resolved_on") var resolvedOn: String
    @Field(key: "applicant_name") var applicantName: String
    @Field(key: "act") var act: String
    /// How it was resolved, e.g. 交警支队撤销原处罚决定 / 当事人接受解释.
    @Field(key: "resolution") var resolution: String
    @Field(key: "recorded_by") var recordedBy: String

    init() {}

    struct Input: Content {
        var receivedOn: String?
        var resolvedOn: String?
        var applicantName: String?
        var act: String?
        var resolution: String?
    }

    /// Validates and stores one matter, with its audit row.
    static func record(_ input: Input, org: UUID, actor: AuditActor, on db: Database) async throws -> PrecaseMatter {
        var errors = ValidationErrors()
        let received = input.receivedOn.flatMap(CivilDate.init(string:))
        let resolved = input.resolvedOn.flatMap(CivilDate.init(string:))
        if received == nil { errors.add("receivedOn", "收到日期格式应为 YYYY-MM-DD") }
        if resolved == nil { errors.add("resolvedOn", "化解日期格式应为 YYYY-MM-DD") }
        if let received, let resolved, resolved < received { errors.add("resolvedOn", "化解日期不能早于收到日期") }
        for (field, value, label) in [("applicantName", input.applicantName, "申请人"), ("act", input.act, "行政行为"),
                                      ("resolution", input.resolution, "处理结果")]
        where (value ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            errors.add(field, "\(label)不能为空")
        }
        try errors.throwIfAny()
        let matter = PrecaseMatter()
        matter.id = UUID()
        matter.$org.id = org
        matter.receivedOn = received!.description
        matter.resolvedOn = resolved!.description
        matter.applicantName = input.applicantName!.trimmingCharacters(in: .whitespaces)
        matter.act = input.act!.trimmingCharacters(in: .whitespaces)
        matter.resolution = input.resolution!.trimmingCharacters(in: .whitespaces)
        matter.recordedBy = actor.name
        try await db.transaction { tx in
            try await matter.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "create", entityType: "precaseMatter", entityID: matter.id!.uuidString,
                                      before: nil, after: ["receivedOn": matter.receivedOn, "resolvedOn": matter.resolvedOn, "act": matter.act])
        }
        return matter
    }
}
extension PrecaseMatter: Content {}
