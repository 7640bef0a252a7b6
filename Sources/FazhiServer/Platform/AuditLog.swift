import Fluent
import FazhiCore
import FluentSQL
import Vapor

/// Who did something: a signed-in user, or an operator command.
struct AuditActor: Sendable {
    let id: UUID?
    let name: String
    /// The one bureau everything the actor may write lies in (a district's staff), recorded with their writes so that
    /// a count kept for a district is refreshed by that district's writes alone (`DataVersion`). Nil when unknown or
    /// wider: a city's staff, an operator command, a job, a resident — such a write refreshes every count.
    var bureau: UUID? = nil

    static func user(_ user: User) -> AuditActor { AuditActor(id: user.id, name: user.username) }

    /// The actor of a write to what every bureau shares — the settings, the working calendar, the choice lists, a line's
    /// catalogue (such as its case types) — whoever makes it: recorded without a bureau, so that it refreshes every
    /// district's kept counts.
    var sharingDeployment: AuditActor {
        var actor = self
        actor.bureau = nil
        return actor
    }
    static let system = AuditActor(id: nil, name: "system")
    static func command(_ name: String) -> AuditActor { AuditActor(id: nil, name: "cli:\(name)") }
}

/// The append-only, hash-chained audit log. `record` must be called inside the transaction of the write it describes.
enum AuditLog {
    static let genesisHash = String(repeating: "0", count: 64)

    /// Appends one row. Serialises writers (a PostgreSQL advisory lock; SQLite serialises writes itself)
    /// so that every row's `prev_hash` is the hash of the row before it. Called outside a transaction (a read that is
    /// audited, such as a reveal), it opens one: the lock only holds within a transaction, and without it two rows
    /// could link to the same previous row and the chain would fork.
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
        guard db.inTransaction else {
            return try await db.transaction { tx in
                try await record(on: tx, actor: actor, action: action, entityType: entityType, entityID: entityID,
                                 before: before, after: after, at: at)
            }
        }
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
        entry.bureauID = actor.bureau
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

    /// The head of the chain, kept by the operator outside the database (`fazhi audit anchor`): verify with it
    /// notices rows deleted at the end, which the chain alone cannot.
    struct Anchor: Sendable, Equatable, CustomStringConvertible {
        let seq: Int
        let hash: String

        var description: String { "\(seq):\(hash)" }

        /// `SEQ:HASH`, as `fazhi audit anchor` prints it.
        init?(_ text: String) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let seq = Int(parts[0]), seq >= 0, parts[1].count == 64,
                  parts[1].allSatisfy({ $0.isHexDigit }) else { return nil }
            self.seq = seq
            self.hash = parts[1].lowercased()
        }

        init(seq: Int, hash: String) {
            self.seq = seq
            self.hash = hash
        }
    }

    /// The current head: the last row's sequence number and hash (0 and the genesis hash for an empty log).
    static func head(on db: Database) async throws -> Anchor {
        guard let last = try await AuditEntry.query(on: db).sort(\.$id, .descending).first() else {
            return Anchor(seq: 0, hash: genesisHash)
        }
        return Anchor(seq: last.id ?? 0, hash: last.hash)
    }

    /// Walks the chain and, with an anchor, checks that the chain still reaches it: the anchored row is there with
    /// the anchored hash (rows deleted at the end, or a rewritten tail, break this).
    static func verify(on db: Database, anchor: Anchor?) async throws -> (checked: Int, firstBreak: Break?) {
        var reached = anchor == nil || anchor?.seq == 0
        var anchorBreak: Break?
        let result = try await verify(on: db) { entry in
            guard let anchor, entry.id == anchor.seq else { return }
            reached = true
            if entry.hash != anchor.hash {
                anchorBreak = Break(seq: anchor.seq, reason: "与锚点记录的哈希不符（锚点之前的记录被改写）")
            }
        }
        if let broken = result.firstBreak { return (result.checked, broken) }
        if let anchorBreak { return (result.checked, anchorBreak) }
        if !reached, let anchor {
            return (result.checked, Break(seq: anchor.seq, reason: "哈希链未到达锚点（第 \(anchor.seq) 行及其后的记录被删除）"))
        }
        return result
    }

    /// Walks the whole chain in order, in pages, and reports the first broken row.
    static func verify(on db: Database, visit: (AuditEntry) -> Void = { _ in }) async throws -> (checked: Int, firstBreak: Break?) {
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
                visit(entry)
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
        return SHA256.hash(data: Data(content.utf8)).hexString
    }

    static func canonicalJSON(_ values: [String: String]?) -> String {
        guard let values else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(values), as: UTF8.self)) ?? ""
    }
}
