/// The result of running a clock: the due date, whether it is final, and why it is that day.
public struct DeadlineComputation: Hashable, Sendable {
    public let clock: DeadlineClock
    /// The last day to act (or, for a minimum, the earliest day the next step may happen).
    public let due: CivilDate
    /// The last day counted, before any roll-forward to a working day.
    public let lastCounted: CivilDate
    /// True when a day the count depended on lies in a year without calendar data (RULES.md §2):
    /// show 「暂定」 and recompute when the year's notice is added.
    public let provisional: Bool
    /// The years without calendar data that the count depended on, ascending.
    public let missingYears: [Int]
    /// Holidays, make-up days, pauses, extension and roll-forward that mattered, in order.
    public let steps: [DeadlineStep]
}
