/// A small deterministic generator (SplitMix64), so the demo bureau is the same on every machine.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A seed drawn from `text` alone (an org's code), so that each district or office draws its own.
    static func seed(_ text: String) -> UInt64 {
        text.unicodeScalars.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1.value) }
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() % 1_000_000) / 1_000_000 < p
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// Picks by weight: `[(value, weight)]`.
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        var roll = int(1...items.reduce(0) { $0 + $1.1 })
        for (value, weight) in items {
            roll -= weight
            if roll <= 0 { return value }
        }
        return items[items.count - 1].0
    }
}
