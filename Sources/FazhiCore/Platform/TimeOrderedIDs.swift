import Foundation

/// Record ids that sort in the order they were made (RFC 9562 UUID version 7: a millisecond timestamp, then a counter,
/// then random bits). A bulk import gives its rows such ids so that the primary-key index only ever grows at its end,
/// instead of taking 100,000 random inserts; the ids are still ordinary, unguessable-enough UUIDs.
public struct TimeOrderedIDs: Sendable {
    private let milliseconds: UInt64
    private var counter: UInt32
    /// The random bits: seeded once from the system, then SplitMix64 (ids need to be unique, not secret, and a system
    /// call per id cost more than the rest of making it).
    private var state: UInt64

    /// Ids stamped with `now`; the counter starts at a random value below 2³¹, so a run of up to 2³¹ ids stays ordered.
    public init(now: Date = Date()) {
        milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1_000)) & 0xFFFF_FFFF_FFFF
        var system = SystemRandomNumberGenerator()
        state = system.next()
        counter = UInt32.random(in: 0..<(1 << 31), using: &system)
    }

    /// The next id: larger than every earlier one from this generator, as bytes and as `uuidString`.
    public mutating func next() -> UUID {
        let count = counter
        counter &+= 1
        state &+= 0x9E37_79B9_7F4A_7C15
        var tail = state
        tail = (tail ^ (tail >> 30)) &* 0xBF58_476D_1CE4_E5B9
        tail = (tail ^ (tail >> 27)) &* 0x94D0_49BB_1331_11EB
        tail ^= tail >> 31
        let time = milliseconds
        return UUID(uuid: (
            UInt8(truncatingIfNeeded: time >> 40), UInt8(truncatingIfNeeded: time >> 32),
            UInt8(truncatingIfNeeded: time >> 24), UInt8(truncatingIfNeeded: time >> 16),
            UInt8(truncatingIfNeeded: time >> 8), UInt8(truncatingIfNeeded: time),
            0x70 | UInt8(truncatingIfNeeded: count >> 28) & 0x0F,          // version 7, counter bits 31–28
            UInt8(truncatingIfNeeded: count >> 20),                        // counter bits 27–20
            0x80 | UInt8(truncatingIfNeeded: count >> 14) & 0x3F,          // variant 10, counter bits 19–14
            UInt8(truncatingIfNeeded: count >> 6),                         // counter bits 13–6
            UInt8(truncatingIfNeeded: count << 2) | UInt8(truncatingIfNeeded: tail) & 0x03, // counter bits 5–0, random
            UInt8(truncatingIfNeeded: tail >> 8), UInt8(truncatingIfNeeded: tail >> 16),
            UInt8(truncatingIfNeeded: tail >> 24), UInt8(truncatingIfNeeded: tail >> 32),
            UInt8(truncatingIfNeeded: tail >> 40)
        ))
    }
}
