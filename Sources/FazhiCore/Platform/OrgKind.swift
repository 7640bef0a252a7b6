/// The kinds of body in a bureau's org tree (DESIGN.md, "Org tree").
public enum OrgKind: String, CaseIterable, Codable, Sendable {
    case bureau
    case office
    case judicialStation
    case mediationCommittee
    case serviceStation
    case legalAidCentre
    case notaryOffice
    case agency
    case lawFirm

    public var label: String {
        switch self {
        case .bureau: "司法局"
        case .office: "科室"
        case .judicialStation: "司法所"
        case .mediationCommittee: "人民调解委员会"
        case .serviceStation: "公共法律服务站"
        case .legalAidCentre: "法律援助中心"
        case .notaryOffice: "公证处"
        case .agency: "行政机关"
        case .lawFirm: "律师事务所"
        }
    }

    /// Which kinds may sit directly under an org of this kind. The bureau is the root of a tenant.
    public func allowsChild(_ child: OrgKind) -> Bool {
        switch self {
        case .bureau: child != .bureau
        case .office, .judicialStation, .legalAidCentre, .notaryOffice:
            [.office, .mediationCommittee, .serviceStation].contains(child)
        case .mediationCommittee, .serviceStation, .agency, .lawFirm: false
        }
    }
}
