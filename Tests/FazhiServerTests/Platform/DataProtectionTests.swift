@testable import FazhiServer
import Foundation
import Testing

@Suite("Personal data encryption")
struct DataProtectionTests {
    @Test("The key file is created once, then reused; data round-trips and the hash is stable")
    func keyFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try DataProtection.keyFile(at: path)
        let sealed = try first.encrypt("120102198001011234")
        #expect(!sealed.contains("120102"))
        let second = try DataProtection.keyFile(at: path)
        #expect(try second.decrypt(sealed) == "120102198001011234")
        #expect(first.lookupHash("x") == second.lookupHash("x"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test("A wrong key cannot decrypt; a malformed key is refused")
    func wrongKey() throws {
        let sealed = try DataProtection(base64: [UInt8](repeating: 1, count: 32).base64).encrypt("秘密")
        let other = try DataProtection(base64: [UInt8](repeating: 2, count: 32).base64)
        #expect(throws: DataProtection.Failure.self) { try other.decrypt(sealed) }
        #expect(throws: DataProtection.Failure.self) { try DataProtection(base64: "short") }
    }
}
