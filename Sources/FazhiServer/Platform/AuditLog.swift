import Fluent
import FluentSQL
import Vapor

/// Who did something: a signed-in user, or an operator command.
struct AuditActor: Sendable {
    let id: UUID?
    let name: String

    static func user(_ user: User) -> AuditActor { AuditActor(id: user.id, name: user.username) }
    static let system = AuditActor(id: nil, name: "system")
    static func command(_ name: String) -> AuditActor { AuditActor(id: nil, name: "cli:\(name)") }
}

/// The append-only, hash-chained audit log. `record` must be called inside the transaction of the write it describes.
enum AuditLog {
    static let genesisHash = String(repeating: "0", count: 64)

    /// Appends one row. Serialises writers (a PostgreSQL advisory lock; SQLite serialises writes itself)
    /// so that every row's `prev_hash` is the hash of the row before it.
    static func record(
        on db: Database,
        actor: AuditActor,
        action: String,
        entityType: String,
        entityID: String,
        before: [String: String]?,
        after: [String: String]?,
        at: Date = Date()
    ) async throws {
        if let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(7270010)").run()
        }
        let previous = try await AuditEntry.query(on: db).sort(\.$id, .descending).first()
        let entry = AuditEntry()
        entry.at = Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded() / 1000)
        entry.actorID = actor.id
        entry.actorName = actor.name
        entry.action = action
        entry.entityType = entityType
        entry.entityID = entityID
        entry.before = canonicalJSON(before)
        entry.after = canonicalJSON(after)
        entry.prevHash = previous?.hash ?? genesisHash
        entry.hash = hash(of: entry)
        try await entry.create(on: db)
    }

    /// The first row whose hash or link does not match, or nil when the chain is intact.
    struct Break: Sendable, Equatable {
        let seq: Int
        let reason: String
    }

    /// Walks the whole chain in order, in pages, and reports the first broken row.
    static func verify(on db: Database) async throws -> (checked: Int, firstBreak: Break?) {
        var expectedPrev = genesisHash
        var lastSeq = 0
        var checked = 0
        while true {
            let page = try await AuditEntry.query(on: db)
                .filter(\.$id > lastSeq)
                .sort(\.$id, .ascending)
                .limit(1000)
                .all()
            if page.isEmpty { return (checked, nil) }
            for entry in page {
                let seq = entry.id ?? 0
                if entry.prevHash != expectedPrev {
                    return (checked, Break(seq: seq, reason: "prev_hash 与上一行的哈希不符（上一行被删除或篡改）"))
                }
                if hash(of: entry) != entry.hash {
                    return (checked, Break(seq: seq, reason: "内容与其哈希不符（本行被篡改）"))
                }
                expectedPrev = entry.hash
                lastSeq = seq
                checked += 1
            }
        }
    }

    static func hash(of entry: AuditEntry) -> String {
        let millis = Int64((entry.at.timeIntervalSince1970 * 1000).rounded())
        let content = [
            String(millis), entry.actorID?.uuidString ?? "", entry.actorName, entry.action,
            entry.entityType, entry.entityID, entry.before, entry.after, entry.prevHash,
        ].joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(content.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func canonicalJSON(_ values: [String: String]?) -> String {
        guard let values else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(values), as: UTF8.self)) ?? ""
    }
}
