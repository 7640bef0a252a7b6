@testable import FazhiCore

/// The shipped calendar (2024–2026), loaded once for all tests.
let bundledCalendar: WorkingCalendar = {
    do { return try WorkingCalendar.bundled() } catch { fatalError("bundled calendar: \(error)") }
}()

/// A date from a literal the test author checked by hand.
func day(_ text: String) -> CivilDate {
    guard let date = CivilDate(string: text) else { fatalError("bad test date \(text)") }
    return date
}

/// SplitMix64: a seeded generator, so property tests are deterministic and reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
