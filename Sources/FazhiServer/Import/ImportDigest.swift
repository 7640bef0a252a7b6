import Crypto
import Fluent
import FluentSQL
import Foundation

/// Names the rows a spreadsheet import wrote, in its audit row: a SHA-256 over the sorted ids of the entries that carry
/// the import's id. `fazhi audit verify` recomputes it from the entries still carrying that id plus those removed since
/// (each removal's audit row keeps the import id), so a row slipped into an import, or taken out of one without an
/// audit row, is found.
enum ImportDigest {
    /// The audit row's key for the digest.
    static let key = "rowsSHA256"

    /// SHA-256 of the ids' lowercase texts in sorted order, one per line. Computed without that text: the ids are sorted
    /// as 128-bit numbers (fixed-width hex with the hyphens in the same places sorts as the bytes do) and each is written
    /// into one small buffer fed to the hash, so a million-row import holds its ids and nothing more.
    static func digest(_ ids: [UUID]) -> String {
        let sorted = ids.map { id in
            withUnsafeBytes(of: id.uuid) { ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self).bigEndian,
                                            $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian) }
        }.sorted { $0 < $1 }
        let hex = Array("0123456789abcdef".utf8)
        var hasher = SHA256()
        var line = [UInt8]()
        line.reserveCapacity(64 * 1_024)
        for (position, id) in sorted.enumerated() {
            if position > 0 { line.append(UInt8(ascii: "\n")) }
            for half in 0..<2 {
                let bits = half == 0 ? id.0 : id.1
                for nibble in 0..<16 {
                    let offset = half * 16 + nibble
                    if offset == 8 || offset == 12 || offset == 16 || offset == 20 { line.append(UInt8(ascii: "-")) }
                    line.append(hex[Int((bits >> UInt64(60 - 4 * nibble)) & 0xF)])
                }
            }
            if line.count >= 60 * 1_024 {
                hasher.update(data: line)
                line.removeAll(keepingCapacity: true)
            }
        }
        hasher.update(data: line)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The first import whose rows no longer match its audit row, as a break of the audit log.
    static func verify(on db: Database) async throws -> AuditLog.Break? {
        let imports = try await AuditEntry.query(on: db).filter(\.$action == "import")
            .filter(\.$entityType ~~ RecordFamily.allCases.map { $0.rawValue + "Import" }).sort(\.$id).all()
        guard !imports.isEmpty else { return nil }
        var removed: [String: [UUID]] = [:]
        let removals = try await AuditEntry.query(on: db).filter(\.$action == "delete")
            .filter(\.$entityType ~~ RecordFamily.allCases.map { $0.rawValue + "Entry" }).all()
        for removal in removals {
            guard let before = decode(removal.before), let importID = before["importID"], let id = UUID(uuidString: removal.entityID)
            else { continue }
            removed[importID.lowercased(), default: []].append(id)
        }
        for entry in imports {
            guard let after = decode(entry.after), let expected = after[key], let importID = UUID(uuidString: entry.entityID) else { continue }
            let table = entry.entityType == RecordFamily.ledger.rawValue + "Import" ? LedgerEntry.schema : RegisterEntry.schema
            guard let sql = db as? SQLDatabase else { continue }
            let stored = try await sql.select().column("id").from(table).where("import_id", .equal, importID).all()
                .map { try $0.decode(column: "id", as: UUID.self) }
            if digest(stored + (removed[importID.uuidString.lowercased()] ?? [])) != expected {
                return AuditLog.Break(seq: entry.id ?? 0, reason: "导入记录的行与审计日志中的摘要不符（导入的行被增删或改动了归属）")
            }
        }
        return nil
    }

    private static func decode(_ json: String) -> [String: String]? {
        guard !json.isEmpty else { return nil }
        return try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))
    }
}
