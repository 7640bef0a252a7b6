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

    /// Whether a grant of this role reads `line`, given the line named on the grant. Asked line by line, so a role
    /// that reads every line needs no list of them (the lines are the running app's, not Core's); station staff read
    /// the lines that say street stations run them (`WorkLine.runsAtStations`).
    public func reads(_ line: WorkLine, grantLine: WorkLine?) -> Bool {
        switch self {
        case .admin, .leader, .viewer: true
        case .officer: line == grantLine
        case .stationStaff: line.runsAtStations || line == grantLine
        case .mediator: line.runsAtCommittees
        }
    }

    /// Whether a grant of this role acts in `line` (creates, changes), given the line named on the grant.
    public func acts(in line: WorkLine, grantLine: WorkLine?) -> Bool {
        switch self {
        case .admin, .leader: true
        case .viewer: false
        default: reads(line, grantLine: grantLine)
        }
    }

    /// Whether this role manages orgs, users, the calendar and reads the audit log.
    public var administers: Bool { self == .admin }
}
