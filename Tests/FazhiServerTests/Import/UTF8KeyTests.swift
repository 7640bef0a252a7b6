@testable import FazhiServer
import Foundation
import Testing

@Suite("Natural keys compared as bytes")
struct UTF8KeyTests {
    @Test("Order and equality are the UTF-8 bytes' (as the database's unique index compares text), not Swift's")
    func bytes() {
        let texts = ["2024-03-01\u{1F}春华街道", "2024-03-01\u{1F}春华", "", "2024-03-01", "b", "a", "春华街道", "2024-03-01\u{1F}春华"]
        let order = UTF8Key.byteOrder(texts)
        let expected = texts.indices.sorted { a, b in
            let (left, right) = (Array(texts[a].utf8), Array(texts[b].utf8))
            return left == right ? a < b : left.lexicographicallyPrecedes(right)
        }
        #expect(order == expected)
        #expect(order.map { UTF8Key(texts[$0]) } == order.map { UTF8Key(texts[$0]) }.sorted())
        // "é" composed and decomposed are one String to Swift, two keys to the database.
        #expect("\u{E9}" == "e\u{301}")
        #expect(UTF8Key("\u{E9}") != UTF8Key("e\u{301}"))
        #expect(Set([UTF8Key("春华"), UTF8Key("春华"), UTF8Key("春")]).count == 2)
    }
}
