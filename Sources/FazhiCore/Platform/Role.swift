/// A role a user holds at an org. A role sees its org's subtree and acts only within its line(s).
public enum Role: String, CaseIterable, Codable, Sendable {
    case admin
    case leader
    case officer
    case stationStaff
    case mediator
    case viewer

    public var label: String {
        switch self {
        case .admin: "系统管理员"
        case .leader: "局领导"
        case .officer: "业务科室工作人员"
        case .stationStaff: "司法所工作人员"
        case .mediator: "人民调解员"
        case .viewer: "只读查看"
        }
    }

    /// Whether a grant of this role must name the line it works in.
    public var requiresLine: Bool { self == .officer }

    /// The lines a grant of this role may read, given the line named on the grant.
    public func readableLines(grantLine: WorkLine?) -> Set<WorkLine> {
        switch self {
        case .admin, .leader, .viewer: Set(WorkLine.allCases)
        case .officer: grantLine.map { [$0] } ?? []
        case .stationStaff: Self.stationLines.union(grantLine.map { [$0] } ?? [])
        case .mediator: [.mediation]
        }
    }

    /// The lines a grant of this role may act in (create, change), given the line named on the grant.
    public func actingLines(grantLine: WorkLine?) -> Set<WorkLine> {
        switch self {
        case .admin, .leader: Set(WorkLine.allCases)
        case .viewer: []
        default: readableLines(grantLine: grantLine)
        }
    }

    /// Whether this role manages orgs, users, the calendar and reads the audit log.
    public var administers: Bool { self == .admin }

    /// The lines a street judicial station runs by default (mediation, walk-in services, publicity).
    static let stationLines: Set<WorkLine> = [.mediation, .legalServices, .publicity]
}
