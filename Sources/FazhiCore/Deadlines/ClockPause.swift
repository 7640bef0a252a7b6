/// Days the clock does not run: `from` through `to`, both included (`--pause A..B`).
///
/// RULES.md §1: suspension (中止) stops a running clock and resumption restarts it with the days
/// left; periods the law says are "not counted" (inspection, appraisal, supplementing materials,
/// e.g. 行政复议法实施条例第四十五条、公证法第三十条) are pauses too.
public struct ClockPause: Codable, Hashable, Sendable {
    public var from: CivilDate
    public var to: CivilDate

    public init(from: CivilDate, to: CivilDate) {
        self.from = from
        self.to = to
    }

    /// Parses `YYYY-MM-DD..YYYY-MM-DD`; nil when either date is invalid or the separator is missing.
    /// An end before the start parses, so the engine can report it as a named error.
    public init?(string: String) {
        let parts = string.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].isEmpty,
              let from = CivilDate(string: String(parts[0])), let to = CivilDate(string: String(parts[2])) else {
            return nil
        }
        self.init(from: from, to: to)
    }

    /// Days covered, both ends included.
    public var length: Int { to.dayNumber - from.dayNumber + 1 }

    public func contains(_ date: CivilDate) -> Bool {
        from <= date && date <= to
    }
}

extension ClockPause: CustomStringConvertible {
    public var description: String { "\(from)..\(to)" }
}
