import Fluent
import FazhiCore
import FazhiOffice
import Foundation

/// A CSV too large to hold, imported as it is read: still all or nothing, in one transaction, but chunk by chunk, so
/// the process holds one chunk's rows, not the file. What grows with the file is the duplicate check's fingerprint and
/// first row per key (`SheetValidator.SeenKeys`, about 50 bytes a row); the written ids are hashed as they go in.
extension BookImport {
    /// The most problems a streamed import keeps to report; past it, only how many more there were (a file with a
    /// wrong column has one per row, and a million lines help nobody).
    static let problemLimit = 1_000

    /// Reads `stream` to its end inside one transaction. Each chunk's rows are checked by the same rules as a whole
    /// table (`SheetValidator.check`, duplicates carried across chunks in `SeenKeys`), and, while no problem
    /// has been found, the rows whose key is not yet stored are written through `BookWriter` (the rollup moving
    /// with them). After the first problem nothing more is written, but every chunk is still checked so the staff
    /// see every problem at once; then `ImportRejected` rolls the transaction back and nothing stays written.
    /// The audit row is the whole-table import's: file name, the file's SHA-256 (hashed as it was read), counts,
    /// and the digest of the ids written (`ImportDigest.Running`, chunk by chunk). `timings` adds up "read", "check"
    /// and "insert" over the chunks, then "commit".
    /// `fileHash` is the one `stream` was opened with (`onRead: fileHash.update`).
    func run(_ stream: CSVStream, fileName: String, fileHash: FileHash, timings: ImportTimings = ImportTimings()) async throws -> ImportSummary {
        let kind = self.kind, org = self.org, actor = self.actor
        let validator = SheetValidator(kind: kind)
        let (positions, missing) = validator.positions(in: stream.header)
        guard missing.isEmpty else { throw ImportRejected(problems: missing) }
        let committing = Committing()
        let summary = try await db.transaction { tx in
            let writer = BookWriter(db: tx, kind: kind, org: org, actor: actor)
            let importID = UUID()
            var problems = ProblemList(limit: Self.problemLimit)
            var seen = SheetValidator.SeenKeys()
            var ids = TimeOrderedIDs()
            var digest = ImportDigest.Running()
            var added = 0
            var present = 0
            var rowsRead = 0
            try await writer.withImportCache {
                while true {
                    let rows: [SpreadsheetRow]
                    do {
                        guard let next = try timings.measure("read", { try stream.next() }) else { break }
                        rows = next
                    } catch let error as SpreadsheetError {
                        // The file cannot be read on: what was found so far is reported with why it stopped.
                        problems.append([ImportProblem(row: nil, column: nil, header: nil, message: error.description)])
                        break
                    }
                    rowsRead += rows.count
                    let (checked, found) = timings.measure("check") { validator.check(rows, positions, seen: &seen) }
                    problems.append(found)
                    guard problems.isEmpty else { continue }
                    let stored = writer.skipsStoredKeys ? []
                        : try await timings.measure("check") { try await writer.storedKeys(among: checked.map(\.naturalKey)) }
                    let new = stored.isEmpty ? checked : checked.filter { !stored.contains(UTF8Key($0.naturalKey)) }
                    // Counted by what went in: on PostgreSQL another import may have stored some of the keys meanwhile.
                    let wrote = try await timings.measure("insert") { try await writer.insert(new, importID: importID, ids: &ids) }
                        .compactMap { $0 }
                    digest.add(wrote)
                    added += wrote.count
                    present += checked.count - wrote.count
                }
            }
            if rowsRead == 0 && problems.isEmpty { problems.append([SheetValidator.noRows]) }
            guard problems.isEmpty else { throw ImportRejected(problems: problems.reported) }
            return try await timings.measure("insert") {
                let summary = ImportSummary(added: added, alreadyPresent: present)
                let table = kind.family == .ledger ? LedgerEntry.schema : RegisterEntry.schema
                let rowsDigest = digest.inOrder ? digest.value : try await ImportDigest.digest(ofImport: importID, in: table, on: tx) ?? ""
                try await AuditLog.record(on: tx, actor: actor, action: "import", entityType: kind.family.rawValue + "Import",
                                          entityID: importID.uuidString, before: nil, after: [
                                              "kind": kind.code, "org": org.uuidString, "file": fileName, "sha256": fileHash.hex,
                                              "added": String(summary.added), "alreadyPresent": String(summary.alreadyPresent),
                                              ImportDigest.key: rowsDigest,
                                          ])
                committing.start()
                return summary
            }
        }
        timings.record("commit", committing.elapsed)
        return summary
    }
}

/// The problems found so far, up to a limit, and how many more there were.
private struct ProblemList {
    let limit: Int
    private var kept: [ImportProblem] = []
    private var more = 0

    init(limit: Int) {
        self.limit = limit
    }

    var isEmpty: Bool { kept.isEmpty }

    mutating func append(_ problems: [ImportProblem]) {
        let room = max(0, limit - kept.count)
        kept += problems.prefix(room)
        more += max(0, problems.count - room)
    }

    /// The kept problems, and a last line saying how many were left out.
    var reported: [ImportProblem] {
        more == 0 ? kept : kept + [ImportProblem(row: nil, column: nil, header: nil, message: "另有 \(more) 处错误未列出（只列出前 \(limit) 处）")]
    }
}
