import Fluent

/// 2026-12-05: the office's rows of duty-report reviews (`publicity.dutyReport`) are keyed by the day, the agency and
/// the report's own year, so one agency's reports of two years reviewed the same day are two rows. The rows already
/// stored get the key they would have now (an empty year where the row has none), so a review or an export imported
/// again still finds its row rather than adding it twice.
struct AddYearToDutyReviewKeys: AsyncMigration {
    static let kind = "publicity.dutyReport"
    static let key = ["occurredOn", "title", "year"]

    func prepare(on db: Database) async throws {
        try await rekey(Self.key, on: db)
    }

    func revert(on db: Database) async throws {
        try await rekey(["occurredOn", "title"], on: db)
    }

    private func rekey(_ columns: [String], on db: Database) async throws {
        for entry in try await LedgerEntry.query(on: db).filter(\.$kind == Self.kind).all() {
            let key = SheetValidator.key(entry.values, columns)
            guard key != entry.naturalKey else { continue }
            entry.naturalKey = key
            try await entry.update(on: db)
        }
    }
}
