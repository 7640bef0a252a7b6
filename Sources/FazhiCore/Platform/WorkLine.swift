import Foundation

/// A line of the bureau's work (GLOSSARY.md). Every case, ledger and role belongs to one.
///
/// An open identifier rather than an enum: each line declares its own in its folder
/// (`extension WorkLine { static let … }`), so adding a line edits no shared file. The lines the running program
/// knows are registered once at start, from the modules, by the server (`WorkLine.register`): Core cannot name the
/// lines, yet a line read back from the database or a form (`init(rawValue:)`) must be one of them, with its label.
/// The registry only grows and holds constants, so it is not a hidden dependency of any rule.
public struct WorkLine: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The code name (GLOSSARY.md), stored in the database and used in URLs.
    public let rawValue: String
    /// The Chinese name shown in the UI.
    public let label: String
    /// Whether street judicial stations (司法所) run the line by default, so their staff read it without a grant
    /// naming it (调解, walk-in legal services, legal education).
    public let runsAtStations: Bool
    /// Whether the people's committees under the stations (调委会) run it: their mediators read and work it.
    public let runsAtCommittees: Bool

    /// Declares a line; register it (`register`) so that it can be read back by its code name.
    public init(_ rawValue: String, label: String, runsAtStations: Bool = false, runsAtCommittees: Bool = false) {
        self.rawValue = rawValue
        self.label = label
        self.runsAtStations = runsAtStations
        self.runsAtCommittees = runsAtCommittees
    }

    /// The registered line with this code name, or nil.
    public init?(rawValue: String) {
        guard let line = Self.registry.lines.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = line
    }

    /// Adds lines to the registry (a line already there is kept once).
    public static func register(_ lines: [WorkLine]) { registry.add(lines) }

    private static let registry = LockedLines()

    public static func == (lhs: WorkLine, rhs: WorkLine) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let line = WorkLine(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown work line \(raw)")
        }
        self = line
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The registry's storage: the lines behind a lock.
private final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var registered: [WorkLine] = []

    var lines: [WorkLine] {
        lock.lock()
        defer { lock.unlock() }
        return registered
    }

    func add(_ lines: [WorkLine]) {
        lock.lock()
        defer { lock.unlock() }
        for line in lines where !registered.contains(line) { registered.append(line) }
    }
}

/// The lines that are ledgers or registers today, or not yet built. Each moves to its own folder, beside its rules,
/// when it becomes a line of its own.
extension WorkLine {
    public static let legalServices = WorkLine("legalServices", label: "公共法律服务", runsAtStations: true)

    /// Those lines, in the order of the report.
    public static let ledgerLines: [WorkLine] = [
        .legalServices,
    ]
}
