import Crypto
import Foundation

/// Encryption of personal data at rest (AES-GCM) and keyed hashes for lookups (HMAC-SHA256), with the key from
/// `FAZHI_DATA_KEY`, or for the embedded default a key generated once and stored beside the SQLite file.
struct DataProtection: Sendable {
    let key: SymmetricKey

    enum Failure: Error, CustomStringConvertible {
        case badKey(String)
        case undecryptable

        var description: String {
            switch self {
            case .badKey(let reason): "FAZHI_DATA_KEY: \(reason)"
            case .undecryptable: "encrypted personal data cannot be decrypted with this FAZHI_DATA_KEY"
            }
        }
    }

    init(key: SymmetricKey) { self.key = key }

    /// `base64` is 32 random bytes in Base64 (`openssl rand -base64 32`).
    init(base64: String) throws {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
            throw Failure.badKey("must be 32 bytes in Base64 (openssl rand -base64 32)")
        }
        self.key = SymmetricKey(data: data)
    }

    /// Reads the key file, or creates it (mode 600) when it does not exist yet.
    static func keyFile(at path: String) throws -> DataProtection {
        if let existing = FileManager.default.contents(atPath: path) {
            return try DataProtection(base64: String(decoding: existing, as: UTF8.self))
        }
        let key = SymmetricKey(size: .bits256)
        let base64 = key.withUnsafeBytes { Data($0).base64EncodedString() }
        guard FileManager.default.createFile(atPath: path, contents: Data((base64 + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw Failure.badKey("cannot write the key file \(path)")
        }
        return DataProtection(key: key)
    }

    func encrypt(_ text: String) throws -> String {
        try AES.GCM.seal(Data(text.utf8), using: key).combined!.base64EncodedString()
    }

    func decrypt(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw Failure.undecryptable }
        do {
            return String(decoding: try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key), as: UTF8.self)
        } catch {
            throw Failure.undecryptable
        }
    }

    /// A keyed hash for equality lookups of a value that is stored encrypted.
    func lookupHash(_ text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }
}
