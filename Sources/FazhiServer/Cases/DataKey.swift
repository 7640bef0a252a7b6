import Crypto
import Foundation

/// One master data key (32 random bytes) and the keys derived from it with HKDF-SHA256: one that encrypts
/// personal fields, one that hashes ID numbers for lookups, and a short id that every ciphertext carries, so a
/// reader knows which key sealed a field and a rotation knows which fields are still under the old key. Separate
/// derived keys mean the lookup hash never uses the key that encrypts, and neither is the master key itself.
struct DataKey: Sendable {
    /// The master key as configured; before key ids existed it encrypted and hashed directly (the legacy format).
    let master: SymmetricKey
    /// Eight hex digits naming the key in ciphertexts (`v1:<id>:…`).
    let id: String
    let encryption: SymmetricKey
    let lookup: SymmetricKey

    init(master: SymmetricKey) {
        self.master = master
        encryption = DataKey.derive(master, "fazhi personal data encryption", bytes: 32)
        lookup = DataKey.derive(master, "fazhi id number lookup hash", bytes: 32)
        id = DataKey.derive(master, "fazhi data key id", bytes: 4).withUnsafeBytes { bytes in
            bytes.hexString
        }
    }

    /// `base64` is 32 random bytes in Base64 (`openssl rand -base64 32`); `source` names where it came from in the error.
    init(base64: String, source: String) throws {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
            throw DataProtection.Failure.badKey("\(source): must be 32 bytes in Base64 (openssl rand -base64 32)")
        }
        self.init(master: SymmetricKey(data: data))
    }

    static func random() -> DataKey { DataKey(master: SymmetricKey(size: .bits256)) }

    var base64: String { master.withUnsafeBytes { Data($0).base64EncodedString() } }

    private static func derive(_ master: SymmetricKey, _ purpose: String, bytes: Int) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: master, salt: Data("fazhi".utf8), info: Data(purpose.utf8), outputByteCount: bytes)
    }
}
