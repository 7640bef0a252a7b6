import Crypto
import FazhiCore
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
    /// as 128-bit numbers (fixed-width hex with the hyphens in the same places sorts as the bytes do) and hashed as
    /// they come (`Running`).
    static func digest(_ ids: [UUID]) -> String {
        var running = Running()
        running.add(ids)
        return running.value
    }

    /// The digest of ids given a batch at a time, for an import that does not hold all it wrote: a streamed import's
    /// ids come from one `TimeOrderedIDs`, so each chunk's are larger than the chunk's before, and they are hashed as
    /// they come. Should a batch not follow on, `inOrder` turns false and the caller computes the digest again from
    /// what is stored (`digest(ofImport:…)`).
    struct Running {
        private var hasher = SHA256()
        private var last: (UInt64, UInt64)?
        private var line: [UInt8] = []
        private var hashed = 0
        private(set) var inOrder = true

        /// Adds `ids` (in any order among themselves).
        mutating func add(_ ids: [UUID]) {
            let sorted = ids.map { id in
                withUnsafeBytes(of: id.uuid) { ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self).bigEndian,
                                                $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian) }
            }.sorted { $0 < $1 }
            guard let first = sorted.first else { return }
            if let last, !(last < first) { inOrder = false }
            last = sorted.last
            let hex = Array("0123456789abcdef".utf8)
            line.reserveCapacity(64 * 1_024)
            for id in sorted {
                if hashed > 0 { line.append(UInt8(ascii: "\n")) }
                hashed += 1
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
        }

        /// The digest of every id added, in hex.
        var value: String {
            var hasher = hasher
            hasher.update(data: line)
            return hasher.finalize().hexString
        }
    }

    /// The digest of the entries in `table` that carry `importID`, plus `removed` (ids taken out since, by their audit rows).
    static func digest(ofImport importID: UUID, in table: String, removed: [UUID] = [], on db: Database) async throws -> String? {
        guard let sql = db as? SQLDatabase else { return nil }
        let stored = try await sql.select().column("id").from(table).where("import_id", .equal, importID).all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        return digest(stored + removed)
    }

    /// The first import whose rows no longer match its audit row, as a break of the audit log.
    static func verify(on db: Database) async throws -> AuditLog.Break? {
        let imports = try await AuditEntry.query(on: db).filter(\.$action == "import")
            .filter(\.$entityType ~~ BookFamily.allCases.map { $0.rawValue + "Import" }).sort(\.$id).all()
        guard !imports.isEmpty else { return nil }
        var removed: [String: [UUID]] = [:]
        let removals = try await AuditEntry.query(on: db).filter(\.$action == "delete")
            .filter(\.$entityType ~~ BookFamily.allCases.map { $0.rawValue + "Entry" }).all()
        for removal in removals {
            guard let before = decode(removal.before), let importID = before["importID"], let id = UUID(uuidString: removal.entityID)
            else { continue }
            removed[importID.lowercased(), default: []].append(id)
        }
        for entry in imports {
            guard let after = decode(entry.after), let expected = after[key], let importID = UUID(uuidString: entry.entityID) else { continue }
            let table = entry.entityType == BookFamily.ledger.rawValue + "Import" ? LedgerEntry.schema : RegisterEntry.schema
            let found = try await digest(ofImport: importID, in: table, removed: removed[importID.uuidString.lowercased()] ?? [], on: db)
            if let found, found != expected {
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
