import Crypto
import Foundation

/// Encryption of personal data at rest (AES-GCM) and keyed hashes for lookups (HMAC-SHA256), under keys derived
/// from the master key (`DataKey`): `FAZHI_DATA_KEY`, or for the embedded default a key file beside the SQLite file
/// (`DataKeyFile`).
///
/// A field is stored as `v1:<key id>:<Base64 of nonce, ciphertext and tag>`. Fields written before key ids existed
/// are plain Base64 sealed with the master key itself; they stay readable and `fazhi keys rotate` rewrites them.
/// During a rotation two keys are in force: the new one seals, and both open.
struct DataProtection: Sendable {
    /// The key that seals and hashes what is written now.
    let current: DataKey
    /// Every key a stored field may be under: `current` first, then the key being rotated away from.
    let keys: [DataKey]

    enum Failure: Error, CustomStringConvertible {
        case badKey(String)
        case undecryptable
        /// The key file exists but cannot be read: starting with a new key would make every stored field unreadable.
        case unreadableKeyFile(path: String, reason: String)
        /// The key file exists but does not hold a key.
        case malformedKeyFile(path: String)
        case keyFileNotWritten(path: String, reason: String)
        /// The database holds data but its key file is gone: a new key would not open what the old one sealed.
        case missingKeyFile(path: String)

        var description: String {
            switch self {
            case .badKey(let reason):
                "数据密钥无效 / data key: \(reason)"
            case .undecryptable:
                "已加密的个人信息无法用当前数据密钥解密 / encrypted personal data cannot be decrypted with the configured data key"
            case .unreadableKeyFile(let path, let reason):
                "数据密钥文件 \(path) 存在但无法读取（\(reason)），拒绝启动：换用新密钥会使已加密的个人信息全部无法解密。请修复该文件的权限或从备份恢复。"
                    + " / the data key file \(path) exists but cannot be read (\(reason)); refusing to start, because a new key"
                    + " would make every stored personal field unreadable. Fix its permissions or restore it from a backup."
            case .malformedKeyFile(let path):
                "数据密钥文件 \(path) 不是有效的密钥（应为 Base64 编码的 32 字节），拒绝启动。请从备份恢复该文件。"
                    + " / the data key file \(path) does not hold a key (32 bytes in Base64); refusing to start. Restore it from a backup."
            case .missingKeyFile(let path):
                "数据库已有数据，但数据密钥文件 \(path) 不存在，拒绝启动：新密钥无法解密已加密的个人信息。请从备份恢复该文件（或设置 FAZHI_DATA_KEY）。"
                    + " / the database holds data but its data key file \(path) is missing; refusing to start, because a new key"
                    + " cannot decrypt the stored personal fields. Restore the file from a backup (or set FAZHI_DATA_KEY)."
            case .keyFileNotWritten(let path, let reason):
                "无法写入数据密钥文件 \(path)（\(reason)） / cannot write the data key file \(path): \(reason)"
            }
        }
    }

    /// `previous`: keys that may still open stored fields (a rotation's old key); duplicates of `current` are dropped.
    init(current: DataKey, previous: [DataKey] = []) {
        self.current = current
        var keys = [current]
        for key in previous where !keys.contains(where: { $0.id == key.id }) { keys.append(key) }
        self.keys = keys
    }

    init(key: SymmetricKey) { self.init(current: DataKey(master: key)) }

    /// `base64` is 32 random bytes in Base64 (`openssl rand -base64 32`).
    init(base64: String) throws {
        self.init(current: try DataKey(base64: base64, source: "FAZHI_DATA_KEY"))
    }

    /// `FAZHI_DATA_KEY`, and during a rotation `FAZHI_DATA_KEY_NEXT`, which then seals.
    init(environment key: String, next: String?) throws {
        let key = try DataKey(base64: key, source: "FAZHI_DATA_KEY")
        if let next {
            self.init(current: try DataKey(base64: next, source: "FAZHI_DATA_KEY_NEXT"), previous: [key])
        } else {
            self.init(current: key)
        }
    }

    /// The keys in the files beside a SQLite database (`DataKeyFile`); the key file is created when absent.
    static func keyFile(at path: String) throws -> DataProtection {
        try DataKeyFile(path: path).load()
    }

    /// What every field sealed under `current` begins with.
    var sealedPrefix: String { "v1:\(current.id):" }

    func encrypt(_ text: String) throws -> String {
        sealedPrefix + (try AES.GCM.seal(Data(text.utf8), using: current.encryption).combined!.base64EncodedString())
    }

    func decrypt(_ sealed: String) throws -> String {
        if sealed.hasPrefix("v1:") {
            let parts = sealed.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let key = keys.first(where: { $0.id == parts[1] }),
                  let data = Data(base64Encoded: String(parts[2])), let text = Self.open(data, with: key.encryption) else {
                throw Failure.undecryptable
            }
            return text
        }
        // The legacy format: sealed with a master key itself.
        guard let data = Data(base64Encoded: sealed) else { throw Failure.undecryptable }
        for key in keys {
            if let text = Self.open(data, with: key.master) { return text }
        }
        throw Failure.undecryptable
    }

    /// A keyed hash for equality lookups of a value that is stored encrypted, under the current key.
    func lookupHash(_ text: String) -> String {
        Self.hex(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: current.lookup))
    }

    /// Every hash a stored row of `text` may carry: under each key in force, derived and legacy (the master key).
    func lookupHashes(_ text: String) -> [String] {
        keys.flatMap { key in
            [key.lookup, key.master].map { Self.hex(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: $0)) }
        }
    }

    private static func open(_ data: Data, with key: SymmetricKey) -> String? {
        guard let box = try? AES.GCM.SealedBox(combined: data), let plain = try? AES.GCM.open(box, using: key) else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }

    private static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.hexString
    }
}
