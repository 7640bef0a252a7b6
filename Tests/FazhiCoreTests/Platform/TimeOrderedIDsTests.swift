import FazhiCore
import Foundation
import Testing

@Suite("Time-ordered ids")
struct TimeOrderedIDsTests {
    @Test("Each id sorts after the one before, as text and as bytes; version 7, RFC 9562 variant")
    func ordered() {
        var ids = TimeOrderedIDs(now: Date(timeIntervalSince1970: 1_764_000_000))
        let made = (0..<10_000).map { _ in ids.next() }
        #expect(Set(made).count == made.count)
        for (earlier, later) in zip(made, made.dropFirst()) {
            #expect(earlier.uuidString < later.uuidString)
        }
        for id in made.prefix(100) {
            #expect(id.uuidString.dropFirst(14).first == "7")          // version nibble
            #expect("89AB".contains(id.uuidString.dropFirst(19).first!)) // variant 10xx
        }
        // The first 48 bits are the milliseconds since 1970.
        #expect(made[0].uuidString.hasPrefix(String(format: "%08X", 1_764_000_000_000 >> 16)))
    }

    @Test("A later batch sorts after an earlier one")
    func laterBatches() {
        var first = TimeOrderedIDs(now: Date(timeIntervalSince1970: 1_764_000_000))
        var second = TimeOrderedIDs(now: Date(timeIntervalSince1970: 1_764_000_001))
        #expect(first.next().uuidString < second.next().uuidString)
    }
}
