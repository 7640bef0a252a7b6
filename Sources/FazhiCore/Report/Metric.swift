/// One figure of the annual report (REPORT.md): a stable key, what it counts, and how it is written.
public struct Metric: Hashable, Sendable, Identifiable {
    public enum Kind: String, Sendable, Codable {
        /// A whole number of records (件, 次, 人 …).
        case count
        /// A fraction 0–1, written as a percentage.
        case rate
        /// An amount in yuan.
        case money
    }

    /// Stable key used by `fazhi report --format json`, the API and the dashboard, e.g. `legal_aid.accepted`.
    public let key: String
    /// The label in Chinese, e.g. 接收行政复议申请.
    public let label: String
    public let kind: Kind
    /// The measure word written after the figure: 件, 件次, 次, 场次, 人, 人次, 家, 名, 类, 项, 元.
    public let measureWord: String
    /// The line whose records it counts.
    public let line: WorkLine
    /// The definition over records, as REPORT.md states it.
    public let definition: String
    /// Written approximately in the report ("100余场次", "473万余元") rather than exactly; see `ReportNumberFormat`.
    /// Only figures the reference report itself rounds are approximate; every other figure is written exact.
    public let approximate: Bool

    public var id: String { key }

    public init(_ key: String, _ label: String, kind: Kind = .count, measureWord: String, line: WorkLine, definition: String,
                approximate: Bool = false) {
        self.key = key
        self.label = label
        self.kind = kind
        self.measureWord = measureWord
        self.line = line
        self.definition = definition
        self.approximate = approximate
    }
}
