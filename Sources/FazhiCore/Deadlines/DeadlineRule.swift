/// One statutory time limit of the bureau's work, with its legal basis (RULES.md §3–4).
/// Every deadline shown anywhere carries its rule, so it can say 依据.
public struct DeadlineRule: Hashable, Sendable, Identifiable {
    /// Stable key, `<line>.<limit>` as the line declares it; used in URLs, the database and `--rule`.
    public let key: String
    /// Chinese title, e.g. 行政复议决定（普通程序）.
    public let title: String
    /// The event the period runs from, e.g. 受理行政复议申请之日.
    public let trigger: String
    public var limit: Int
    public let unit: DayUnit
    /// Most extra days, granted once (行政复议法第六十二条: at most 30); nil = no extension.
    public let extensionLimit: Int?
    public let kind: DeadlineKind
    public let direction: DeadlineDirection
    /// Law and article, e.g. 《中华人民共和国行政复议法》第三十条.
    public let basis: String
    /// What the law adds (days not counted, consequences of lateness).
    public let note: String?
    /// The value is a configurable default rather than verified law (RULES.md marks it *unverified*).
    public let unverified: Bool

    public var id: String { key }

    /// Shown beside the basis of an unverified rule.
    public static let unverifiedNote = "此期限为可配置的默认值，尚未核实法律依据，请以本地规定为准"

    public init(key: String, title: String, trigger: String, limit: Int, unit: DayUnit,
                extensionLimit: Int? = nil, kind: DeadlineKind = .binding, direction: DeadlineDirection = .after,
                basis: String, note: String? = nil, unverified: Bool = false) {
        self.key = key
        self.title = title
        self.trigger = trigger
        self.limit = limit
        self.unit = unit
        self.extensionLimit = extensionLimit
        self.kind = kind
        self.direction = direction
        self.basis = basis
        self.note = note
        self.unverified = unverified
    }

    /// 60日 / 5个工作日 / 5年, with 不少于 for a minimum.
    public var limitText: String {
        let amount = unit == .working ? "\(limit)个工作日" : "\(limit)\(unit.chinese)"
        return kind == .minimum ? "不少于\(amount)" : amount
    }

    /// A clock for this rule from `start`, checked against the rule when computed.
    public func clock(from start: CivilDate, pauses: [ClockPause] = [], extensionDays: Int = 0) -> DeadlineClock {
        DeadlineClock(start: start, limit: limit, unit: unit, direction: direction,
                      pauses: pauses, extensionDays: extensionDays, ruleKey: key, extensionLimit: extensionLimit)
    }
}
