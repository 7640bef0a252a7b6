@testable import FazhiServer
import Foundation
import Testing

@Suite("Ledger fields JSON")
struct LedgerFieldsTests {
    @Test("Hand-written JSON round-trips every character and sorts keys")
    func roundTrip() throws {
        let values = ["b": "引号\"与\\反斜杠\n换行\t制表\u{01}\r\n回车换行\u{1F}分隔", "a": "普通文字 / slash", "c": ""]
        let text = LedgerFields.encode(values)
        #expect(text.hasPrefix("{\"a\":"))
        #expect(LedgerFields.decode(text) == values)
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] == values)
        #expect(LedgerFields.encode([:]) == "{}")
    }
}
