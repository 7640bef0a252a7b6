import Fluent
import FazhiCore
import Vapor

/// A type of dispute (纠纷类型) in the bureau's list: kept as data, so the admin adds a new kind of dispute (快递物流,
/// 网约车 …) without a release. Its code is what a dispute and a committee's coverage store.
final class DisputeType: Model, @unchecked Sendable {
    static let schema = "mediation_dispute_types"

    @ID(key: .id) var id: UUID?
    /// Stable code, e.g. `neighbour`, `expressLogistics`.
    @Field(key: "code") var code: String
    /// 邻里纠纷
    @Field(key: "label") var label: String
    /// Place in the lists.
    @Field(key: "position") var position: Int
    /// A sector's disputes (行业性、专业性领域: 物业, 医疗, 快递物流 …), which call for a specialised committee; the
    /// others (婚姻家庭, 邻里 …) are what every community committee mediates. The coverage gap asks about these.
    @Field(key: "sectoral") var sectoral: Bool

    init() {}

    init(code: String, label: String, position: Int, sectoral: Bool) {
        self.id = UUID()
        self.code = code
        self.label = label
        self.position = position
        self.sectoral = sectoral
    }

    /// The list every bureau starts with: the types the reference report and the 2025 plan name (code, label, sectoral).
    static let standard: [(String, String, Bool)] = [
        ("family", "婚姻家庭纠纷", false), ("neighbour", "邻里纠纷", false), ("property", "物业纠纷", true), ("labour", "劳动争议", true),
        ("traffic", "道路交通事故纠纷", true), ("electricity", "电力纠纷", true), ("veterans", "退役军人事务纠纷", true),
        ("expressLogistics", "快递物流纠纷", true), ("medical", "医疗纠纷", true), ("consumer", "消费纠纷", true),
        ("landlordTenant", "房屋租赁纠纷", false), ("debt", "债务纠纷", false), ("other", "其他纠纷", false),
    ]

    /// The bureau's list in order, as (code, label).
    static func all(on db: Database) async throws -> [(code: String, label: String)] {
        try await query(on: db).sort(\.$position).all().map { ($0.code, $0.label) }
    }
}

/// What the bureau knows of a mediation committee (调委会) beyond its place in the org tree: its kind, the day it was
/// founded (`mediation.committees_founded` counts the year's), the dispute types it covers and its rooms (特色调解室).
final class CommitteeProfile: Model, @unchecked Sendable {
    static let schema = "mediation_committees"

    @ID(key: .id) var id: UUID?
    @Parent(key: "org_id") var org: Org
    @Enum(key: "kind") var kind: CommitteeKind
    /// YYYY-MM-DD.
    @Field(key: "founded_on") var foundedOn: String
    /// Codes of `DisputeType`, comma-separated; a community or street committee takes every type and lists none.
    @Field(key: "dispute_types") var disputeTypes: String
    /// Its specialised rooms (老兵调解室 …), one per line.
    @Field(key: "rooms") var rooms: String

    init() {}

    init(org: UUID, kind: CommitteeKind, foundedOn: CivilDate, disputeTypes: [String], rooms: [String]) {
        self.id = UUID()
        self.$org.id = org
        self.kind = kind
        self.foundedOn = foundedOn.description
        self.disputeTypes = disputeTypes.joined(separator: ",")
        self.rooms = rooms.joined(separator: "\n")
    }

    var coveredTypes: [String] { disputeTypes.split(separator: ",").map(String.init) }
    var roomList: [String] { rooms.split(separator: "\n").map(String.init) }
}

/// A people's mediator (人民调解员) of one committee, in the register with the days of service: a dispute's mediator
/// must be one of its committee's, serving on the day.
final class Mediator: Model, @unchecked Sendable {
    static let schema = "mediators"

    @ID(key: .id) var id: UUID?
    @Parent(key: "committee_id") var committee: Org
    @Field(key: "name") var name: String
    @OptionalField(key: "phone") var phone: String?
    /// YYYY-MM-DD, inclusive.
    @Field(key: "active_from") var activeFrom: String
    @OptionalField(key: "active_to") var activeTo: String?
    /// The staff account of the mediator, if they sign in (their disputes are 我调解的).
    @OptionalParent(key: "user_id") var user: User?

    init() {}

    init(committee: UUID, name: String, phone: String? = nil, activeFrom: CivilDate, activeTo: CivilDate? = nil, user: UUID? = nil) {
        self.id = UUID()
        self.$committee.id = committee
        self.name = name
        self.phone = phone
        self.activeFrom = activeFrom.description
        self.activeTo = activeTo?.description
        self.$user.id = user
    }

    func serves(on day: CivilDate) -> Bool {
        activeFrom <= day.description && (activeTo.map { day.description <= $0 } ?? true)
    }
}

/// What a dispute is counted by besides its events: its type and source, as received (`MediationEvent.receive`),
/// written in the opening transaction so the figures, queues and the coverage gap read columns, not events.
final class MediationDetail: Model, @unchecked Sendable {
    static let schema = "mediation_details"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "dispute_type") var disputeType: String
    @Enum(key: "source") var source: DisputeSource

    init() {}

    init(caseID: UUID, disputeType: String, source: DisputeSource) {
        self.id = UUID()
        self.$caseRecord.id = caseID
        self.disputeType = disputeType
        self.source = source
    }
}

extension MediationDetail: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $caseRecord, $disputeType, $source] }
}
