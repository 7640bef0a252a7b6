import Fluent
import Foundation
import Vapor

/// `fazhi keys rotate`: every stored personal field re-sealed under a new data key.
extension FazhiApp {
    /// Keys from the environment cannot be written by the command: the operator sets `FAZHI_DATA_KEY_NEXT` first.
    public struct NextKeyRequired: Error, CustomStringConvertible {
        /// A freshly generated key the operator may use.
        public let suggestion: String

        public var description: String {
            """
            数据密钥来自环境变量：请先在每个节点上设置 FAZHI_DATA_KEY_NEXT 为新密钥（32 字节 Base64，如 openssl rand -base64 32，\
            或下面这个新生成的密钥），重启服务后再运行 fazhi keys rotate。
            the data key comes from the environment: set FAZHI_DATA_KEY_NEXT to a new key on every node (32 bytes in Base64, \
            e.g. openssl rand -base64 32, or this freshly generated one), restart, then run fazhi keys rotate again:
            FAZHI_DATA_KEY_NEXT=\(suggestion)
            """
        }
    }

    /// Re-seals every party's ID number, phone and address under a new key, in batches of `batchSize`, each its own
    /// transaction, then promotes the new key. The old key stays in force until every field is under the new one, so a
    /// crash at any point leaves every field readable and a rerun goes on where it stopped (it finds `<db>.key.next`,
    /// or `FAZHI_DATA_KEY_NEXT`, and the rows not yet under it). `progress(resealed, total)` follows each batch. Returns
    /// what the operator should read (and, for keys from the environment, do).
    public static func rotateKeys(
        _ app: Application, _ config: FazhiConfiguration, batchSize: Int = 500, progress: @escaping (Int, Int) -> Void = { _, _ in }
    ) async throws -> [String] {
        let store = try DataKeyStore(config)
        let (old, next) = try rotationKeys(store)
        let rotation = KeyRotation(db: app.db, protection: DataProtection(current: next, previous: [old]), batchSize: max(1, batchSize))
        var resealed = 0
        // A writer that still sealed under the old key during the pass leaves rows behind; they are taken in the next pass.
        for _ in 0..<5 {
            resealed += try await rotation.reseal { progress($0.resealed, $0.total) }
            if try await rotation.remaining() == 0 { break }
        }
        let left = try await rotation.remaining()
        guard left == 0 else {
            throw DataProtection.Failure.badKey("\(left) parties are still written under the old key: stop every server and run fazhi keys rotate again")
        }
        let resealedCount = resealed
        try await app.db.transaction { tx in
            try await AuditLog.record(on: tx, actor: .command("keys rotate"), action: "rotate", entityType: "data_key",
                                      entityID: next.id, before: ["key": old.id], after: ["key": next.id, "resealed": String(resealedCount)])
        }
        var lines = ["已将 \(resealed) 位当事人的个人信息改用新数据密钥 \(next.id) 加密（原密钥 \(old.id)） / re-sealed \(resealed) parties under key \(next.id) (was \(old.id))"]
        switch store {
        case .file(let file):
            if old.id != next.id { try file.promoteNext(retiring: old) }
            lines.append("新密钥已启用：\(file.path)；原密钥保存在 \(file.retiredPath)，仅用于恢复此前的备份，不再需要时请删除。")
            lines.append("the new key is in \(file.path); the old one is kept in \(file.retiredPath) for backups taken before now: delete it when they are gone.")
        case .environment:
            lines.append("请在每个节点上把 FAZHI_DATA_KEY 设为 FAZHI_DATA_KEY_NEXT 的值，删除 FAZHI_DATA_KEY_NEXT，然后重启服务。")
            lines.append("now set FAZHI_DATA_KEY to the value of FAZHI_DATA_KEY_NEXT on every node, unset FAZHI_DATA_KEY_NEXT, and restart.")
        }
        return lines
    }

    /// The key being retired and the key taking over. For key files the next key is created (mode 600, synced) before
    /// any row is touched, or found there when a previous run stopped.
    private static func rotationKeys(_ store: DataKeyStore) throws -> (old: DataKey, next: DataKey) {
        switch store {
        case .file(let file):
            guard let old = try DataKeyFile.readKey(file.path) else {
                throw DataProtection.Failure.unreadableKeyFile(path: file.path, reason: "missing")
            }
            if let next = try DataKeyFile.readKey(file.nextPath) { return (old, next) }
            var candidate = DataKey.random()
            while candidate.id == old.id { candidate = .random() }
            try DataKeyFile.create(candidate, at: file.nextPath)
            guard let next = try DataKeyFile.readKey(file.nextPath) else {
                throw DataProtection.Failure.keyFileNotWritten(path: file.nextPath, reason: "missing after writing")
            }
            return (old, next)
        case .environment(let key, let next):
            let old = try DataKey(base64: key, source: "FAZHI_DATA_KEY")
            guard let next else {
                var suggestion = DataKey.random()
                while suggestion.id == old.id { suggestion = .random() }
                throw NextKeyRequired(suggestion: suggestion.base64)
            }
            return (old, try DataKey(base64: next, source: "FAZHI_DATA_KEY_NEXT"))
        }
    }
}
