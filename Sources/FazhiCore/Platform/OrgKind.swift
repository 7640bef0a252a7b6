import Foundation

/// A kind of body in a bureau's org tree (DESIGN.md, "Org tree").
///
/// An open identifier, as `WorkLine` is: the platform declares the kinds every bureau has (below), and a work line
/// declares the bodies it runs at in its own folder (`extension OrgKind { static let … }`, listed in its module's
/// `orgKinds`), so adding a line edits no shared file. The kinds the running program knows are registered once at
/// start (`OrgKind.register`); only those are offered and accepted on input (`known`).
public struct OrgKind: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The code name (GLOSSARY.md), stored in `orgs.kind` and used by the orgs API.
    public let rawValue: String
    /// The Chinese name shown in the UI.
    public let label: String
    /// Whether offices, committees and service stations may sit under it (a station, a centre, an office).
    public let hostsUnits: Bool
    /// Whether it may sit under such a body (an office, a committee, a service station).
    public let isUnit: Bool

    /// Declares a kind; register it (`register`) so that it is offered and accepted.
    public init(_ rawValue: String, label: String, hostsUnits: Bool = false, isUnit: Bool = false) {
        self.rawValue = rawValue
        self.label = label
        self.hostsUnits = hostsUnits
        self.isUnit = isUnit
    }

    /// The registered kind with this code name. A stored org of a kind no running module declares still reads back
    /// (its code name as its label, holding nothing), so one line left out of a build never makes the org tree
    /// unreadable; input is checked with `known`.
    public init(rawValue: String) {
        self = Self.known(rawValue) ?? OrgKind(rawValue, label: rawValue)
    }

    /// The registered kind with this code name, or nil: what a form or the API may name.
    public static func known(_ rawValue: String) -> OrgKind? {
        registered.first { $0.rawValue == rawValue }
    }

    /// Every registered kind, the platform's first, in the order registered.
    public static var registered: [OrgKind] { registry.kinds }

    /// Adds kinds to the registry (a kind already there is kept once).
    public static func register(_ kinds: [OrgKind]) { registry.add(kinds) }

    private static let registry = LockedKinds(platform + unbuiltLines)

    /// Which kinds may sit directly under an org of this kind. The bureau is the root of a tenant and holds any
    /// other kind; a body that hosts units holds units; the rest hold nothing.
    public func allowsChild(_ child: OrgKind) -> Bool {
        if self == .bureau { return child != .bureau }
        return hostsUnits && child.isUnit
    }

    public static func == (lhs: OrgKind, rhs: OrgKind) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The kinds every bureau's tree has, whatever lines it runs.
extension OrgKind {
    public static let bureau = OrgKind("bureau", label: "司法局")
    public static let office = OrgKind("office", label: "科室", hostsUnits: true, isUnit: true)
    public static let judicialStation = OrgKind("judicialStation", label: "司法所", hostsUnits: true)
    public static let serviceStation = OrgKind("serviceStation", label: "公共法律服务站", isUnit: true)
    public static let agency = OrgKind("agency", label: "行政机关")
    public static let lawFirm = OrgKind("lawFirm", label: "律师事务所")

    static let platform: [OrgKind] = [.bureau, .office, .judicialStation, .serviceStation, .agency, .lawFirm]
}

/// The bodies of the lines not built yet. Each moves to its line's folder, beside its rules, when the line is built.
extension OrgKind {

    static let unbuiltLines: [OrgKind] = []
}

/// The registry's storage: the kinds behind a lock.
private final class LockedKinds: @unchecked Sendable {
    private let lock = NSLock()
    private var registered: [OrgKind]

    init(_ kinds: [OrgKind]) { registered = kinds }

    var kinds: [OrgKind] {
        lock.lock()
        defer { lock.unlock() }
        return registered
    }

    func add(_ kinds: [OrgKind]) {
        lock.lock()
        defer { lock.unlock() }
        for kind in kinds where !registered.contains(kind) { registered.append(kind) }
    }
}
