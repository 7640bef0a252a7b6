import Crypto
import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// Imports a spreadsheet of one ledger or register kind into one org (STYLE.md: one named workflow object):
/// every row is checked first; if any breaks a rule nothing is written and every problem is returned; otherwise
/// the new rows and one audit row describing the import go in one transaction.
struct BookImport {
    let db: Database
    let kind: any BookKind
    let org: UUID
    let actor: AuditActor

    /// Checks the table; returns the rows that would be added and how many are already stored, or throws `ImportRejected`.
    func check(_ table: SpreadsheetTable) async throws -> (new: [SheetValidator.Row], present: Int) {
        let (rows, problems) = SheetValidator(kind: kind).validate(table)
        guard problems.isEmpty else { throw ImportRejected(problems: problems) }
        let existing = try await BookWriter(db: db, kind: kind, org: org, actor: actor).existingKeys()
        let new = existing.isEmpty ? rows : rows.filter { !existing.contains(UTF8Key($0.naturalKey)) }
        return (new, rows.count - new.count)
    }

    /// Checks and writes. `fileName` and the file's SHA-256 go into the audit row, so the import can be traced to its file.
    /// `timings` gets the stages "check" (rows and stored keys), "insert" (rows, rollup, audit) and "commit".
    func run(_ table: SpreadsheetTable, fileName: String, fileData: Data, timings: ImportTimings = ImportTimings()) async throws -> ImportSummary {
        let kind = self.kind, org = self.org, actor = self.actor
        let committing = Committing()
        let summary = try await db.transaction { tx in
            let importer = BookImport(db: tx, kind: kind, org: org, actor: actor)
            // Checked again inside the transaction: the stored keys are then the ones the insert meets.
            let (new, present) = try await timings.measure("check") { try await importer.check(table) }
            return try await timings.measure("insert") {
                let importID = UUID()
                // Counted by what went in: on PostgreSQL another import may have stored some of the keys meanwhile.
                let written = try await BookWriter(db: tx, kind: kind, org: org, actor: actor).insert(new, importID: importID)
                    .compactMap { $0 }
                let added = written.count
                let summary = ImportSummary(added: added, alreadyPresent: present + new.count - added)
                let digest = SHA256.hash(data: fileData).hexString
                try await AuditLog.record(on: tx, actor: actor, action: "import", entityType: kind.family.rawValue + "Import",
                                          entityID: importID.uuidString, before: nil, after: [
                                              "kind": kind.code, "org": org.uuidString, "file": fileName, "sha256": digest,
                                              "added": String(summary.added), "alreadyPresent": String(summary.alreadyPresent),
                                              ImportDigest.key: ImportDigest.digest(written),
                                          ])
                committing.start()
                return summary
            }
        }
        timings.record("commit", committing.elapsed)
        return summary
    }
}

/// When the transaction's work ended, so the commit that follows can be timed.
final class Committing: @unchecked Sendable {
    private var started = ContinuousClock.now
    func start() { started = ContinuousClock.now }
    var elapsed: Duration { ContinuousClock.now - started }
}
